//! The session card (confirm mode), the pick-one list when a scan matches several sessions, and
//! the amount-spent prompt.

use super::chrome::field_line;
use super::{customer_name, local_datetime, tone_fg};
use crate::api::{Session, SessionState};
use crate::kiosk::catalogue::CampaignWarning;
use crate::kiosk::state::{Card, Choose, Money, MoneyThen, State};
use crate::kiosk::verdict::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Widget, Wrap};

pub(super) fn card(state: &State, c: &Card, area: Rect, buf: &mut Buffer) {
    let inner = super::framed(area, format!(" {} ", state.t("card-title")), Color::Cyan, buf);
    let mut lines = if c.undescribed {
        vec![
            Line::from(format!("{:<12}{}", state.t("card-coupon"), c.session.session)),
            Line::from(""),
            Line::from(state.t("card-undescribed")),
        ]
    } else {
        session_lines(state, &c.session)
    };
    lines.push(Line::from(""));
    lines.push(Line::from(state.t("card-press-enter")).style(Style::new().add_modifier(Modifier::BOLD)));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// The facts of a session a cashier checks before validating.
pub(super) fn session_lines(state: &State, s: &Session) -> Vec<Line<'static>> {
    // Labels are padded to one column; a longer one keeps a space after it.
    let label = |id: &str| {
        let l = state.t(id);
        Span::styled(format!("{l:<11} "), Style::new().fg(Color::Gray))
    };
    let st = s.state_at(state.clock.utc);
    let mut lines = vec![];
    // What to give comes first; a campaign that no longer runs is a warning the cashier must see.
    if let Some(offer) = state.catalogue.offer(&s.campaign) {
        lines.push(Line::from(vec![
            label("card-give"),
            Span::styled(offer.text.clone(), Style::new().add_modifier(Modifier::BOLD)),
        ]));
        if let Some(warning) = offer.warning(state.clock.utc) {
            let warning = match warning {
                CampaignWarning::Ended(date) => state.t_with(
                    "card-campaign-ended",
                    &[("date", state.config.kiosk.language.date(date).into())],
                ),
                CampaignWarning::NotActive(status) => {
                    state.t_with("card-campaign-not-active", &[("status", status.into())])
                }
            };
            lines.push(Line::from(vec![
                label("card-campaign-warning"),
                Span::styled(warning, tone_fg(Tone::Warn).add_modifier(Modifier::BOLD)),
            ]));
        }
    }
    lines.extend([
        Line::from(vec![
            label("card-state"),
            Span::styled(
                state.t(state_message(st)),
                state_style(st).add_modifier(Modifier::BOLD),
            ),
        ]),
        Line::from(vec![label("card-customer"), Span::raw(customer_name(s))]),
        Line::from(vec![label("card-coupon"), Span::raw(s.campaign.clone())]),
        Line::from(vec![label("card-session"), Span::raw(s.session.clone())]),
        Line::from(vec![
            label("card-claimed"),
            Span::raw(
                s.claim_date_utc
                    .map(|d| local_datetime(state, d))
                    .unwrap_or_else(|| state.t(if s.claimed { "card-yes" } else { "card-no" })),
            ),
        ]),
        Line::from(vec![
            label("card-expires"),
            Span::raw(
                s.expiration_date_utc
                    .map(|d| local_datetime(state, d))
                    .unwrap_or_else(|| "—".into()),
            ),
        ]),
    ]);
    if let Some(v) = s.validation_date_utc {
        lines.push(Line::from(vec![
            label("card-validated"),
            Span::raw(local_datetime(state, v)),
        ]));
    }
    if let Some(code) = &s.custom_validation_code {
        lines.push(Line::from(vec![label("card-own-code"), Span::raw(code.clone())]));
    }
    lines
}

/// A session's state in words, as a message id; `.short` is the word in a table's column.
pub(super) fn state_message(s: SessionState) -> &'static str {
    match s {
        SessionState::Voided => "session-voided",
        SessionState::Validated => "session-validated",
        SessionState::Locked => "session-locked",
        SessionState::Expired => "session-expired",
        SessionState::Claimed => "session-claimed",
        SessionState::Open => "session-open",
    }
}

pub(super) fn state_style(s: SessionState) -> Style {
    match s {
        SessionState::Claimed => tone_fg(Tone::Good),
        SessionState::Open => tone_fg(Tone::Warn),
        _ => tone_fg(Tone::Bad),
    }
}

pub(super) fn choose(state: &State, c: &Choose, area: Rect, buf: &mut Buffer) {
    let title = state.t_with(
        "choose-title",
        &[
            ("count", c.sessions.len().into()),
            ("code", c.scanned.as_str().into()),
        ],
    );
    let inner = super::framed(area, format!(" {title} "), Color::Cyan, buf);
    session_table(state, &c.sessions, c.selected, inner, buf);
}

/// A table of sessions with one highlighted row, scrolled so that row is visible.
pub(super) fn session_table(
    state: &State,
    sessions: &[Session],
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let heads = [
        "table-code",
        "table-coupon",
        "table-customer",
        "table-state",
        "table-claimed",
        "table-expires",
    ]
    .map(|id| state.t(id));
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    let first = selected.saturating_sub(visible - 1);
    let date = |d: Option<time::OffsetDateTime>| {
        d.map(|d| super::local_date(state, d))
            .unwrap_or_else(|| "—".into())
    };
    let cells: Vec<(usize, &Session, [String; 2])> = sessions
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, s)| (i, s, [date(s.claim_date_utc), date(s.expiration_date_utc)]))
        .collect();
    // Date columns as wide as their longest date or head ("30. Nov. 2026" in German), so a
    // date is never cut and the customer's name keeps the rest.
    let width = |column: usize| {
        cells
            .iter()
            .map(|(_, _, d)| d[column].chars().count())
            .chain([heads[4 + column].chars().count(), 10])
            .max()
            .map_or(10, |w| u16::try_from(w).unwrap_or(u16::MAX))
    };
    let widths = [
        // The code column never shrinks: it is what staff read back to a customer.
        Constraint::Length(21),
        Constraint::Length(10),
        Constraint::Min(6),
        Constraint::Length(9),
        Constraint::Length(width(0)),
        Constraint::Length(width(1)),
    ];
    let header = Row::new(heads).style(Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD));
    let rows = cells.into_iter().map(|(i, s, [claimed, expires])| {
        let st = s.state_at(state.clock.utc);
        let row = Row::new(vec![
            Span::raw(s.session.clone()),
            Span::raw(s.campaign.clone()),
            Span::raw(customer_name(s)),
            Span::styled(state.t(&format!("{}.short", state_message(st))), state_style(st)),
            Span::raw(claimed),
            Span::raw(expires),
        ]);
        if i == selected {
            row.style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            row
        }
    });
    Table::new(rows, widths).header(header).render(area, buf);
}

pub(super) fn money(state: &State, m: &Money, area: Rect, buf: &mut Buffer) {
    let inner = super::framed(area, format!(" {} ", state.t("money-title")), Color::Cyan, buf);
    let [what, field, error] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let target = match &m.then {
        MoneyThen::Validate { scanned, .. } => scanned.clone(),
    };
    Paragraph::new(vec![
        Line::from(state.t_with("money-coupon", &[("code", target.into())])),
        Line::from(state.t("money-ask")),
    ])
    .render(what, buf);
    let prompt = format!("{} ▸ ", state.t("money-amount"));
    field_line(&prompt, m.field.as_str(), false, field, buf);
    if let Some(e) = &m.error {
        Paragraph::new(Line::from(e.in_language(state.config.kiosk.language)).style(tone_fg(Tone::Bad)))
            .wrap(Wrap { trim: true })
            .render(error, buf);
    }
}
