//! The session card (confirm mode), the pick-one list when a scan matches several sessions, and
//! the amount-spent prompt.

use super::chrome::field_line;
use super::{customer_name, local_datetime, tone_fg};
use crate::api::{Session, SessionState};
use crate::kiosk::state::{Card, Choose, Money, MoneyThen, State};
use crate::kiosk::verdict::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Widget, Wrap};

pub(super) fn card(state: &State, c: &Card, area: Rect, buf: &mut Buffer) {
    let inner = super::framed(area, " Coupon session — Enter validates ", Color::Cyan, buf);
    let mut lines = if c.undescribed {
        vec![
            Line::from(format!("Coupon      {}", c.session.session)),
            Line::from(""),
            Line::from("The server shows this coupon's details only once it is validated."),
        ]
    } else {
        session_lines(state, &c.session)
    };
    lines.push(Line::from(""));
    lines.push(
        Line::from("Press Enter to validate this coupon, Esc to cancel.")
            .style(Style::new().add_modifier(Modifier::BOLD)),
    );
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// The facts of a session a cashier checks before validating.
pub(super) fn session_lines(state: &State, s: &Session) -> Vec<Line<'static>> {
    let label = |l: &str| Span::styled(format!("{l:<12}"), Style::new().fg(Color::Gray));
    let st = s.state_at(state.clock.utc);
    let mut lines = vec![];
    // What to give comes first; a campaign that no longer runs is a warning the cashier must see.
    if let Some(offer) = state.catalogue.offer(&s.campaign) {
        lines.push(Line::from(vec![
            label("Give"),
            Span::styled(offer.text.clone(), Style::new().add_modifier(Modifier::BOLD)),
        ]));
        if let Some(warning) = offer.warning(state.clock.utc) {
            lines.push(Line::from(vec![
                label("⚠ Campaign"),
                Span::styled(warning, tone_fg(Tone::Warn).add_modifier(Modifier::BOLD)),
            ]));
        }
    }
    lines.extend([
        Line::from(vec![
            label("State"),
            Span::styled(
                state_words(st).to_string(),
                state_style(st).add_modifier(Modifier::BOLD),
            ),
        ]),
        Line::from(vec![label("Customer"), Span::raw(customer_name(s))]),
        Line::from(vec![label("Coupon"), Span::raw(s.campaign.clone())]),
        Line::from(vec![label("Session"), Span::raw(s.session.clone())]),
        Line::from(vec![
            label("Claimed"),
            Span::raw(
                s.claim_date_utc
                    .map(|d| local_datetime(state, d))
                    .unwrap_or_else(|| if s.claimed { "yes".into() } else { "no".into() }),
            ),
        ]),
        Line::from(vec![
            label("Expires"),
            Span::raw(
                s.expiration_date_utc
                    .map(|d| local_datetime(state, d))
                    .unwrap_or_else(|| "—".into()),
            ),
        ]),
    ]);
    if let Some(v) = s.validation_date_utc {
        lines.push(Line::from(vec![
            label("Validated"),
            Span::raw(local_datetime(state, v)),
        ]));
    }
    if let Some(code) = &s.custom_validation_code {
        lines.push(Line::from(vec![label("Own code"), Span::raw(code.clone())]));
    }
    lines
}

pub(super) fn state_words(s: SessionState) -> &'static str {
    match s {
        SessionState::Voided => "voided",
        SessionState::Validated => "already validated",
        SessionState::Locked => "locked",
        SessionState::Expired => "past its expiry date — the server decides",
        SessionState::Claimed => "claimed — can be validated",
        SessionState::Open => "opened, not claimed",
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
    let inner = super::framed(
        area,
        format!(" {} sessions match {} — pick one ", c.sessions.len(), c.scanned),
        Color::Cyan,
        buf,
    );
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
    let header = Row::new(["Code", "Coupon", "Customer", "State", "Claimed", "Expires"])
        .style(Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD));
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    let first = selected.saturating_sub(visible - 1);
    let rows = sessions
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, s)| {
            let st = s.state_at(state.clock.utc);
            let date = |d: Option<time::OffsetDateTime>| {
                d.map(|d| super::local_date(state, d))
                    .unwrap_or_else(|| "—".into())
            };
            let row = Row::new(vec![
                Span::raw(s.session.clone()),
                Span::raw(s.campaign.clone()),
                Span::raw(customer_name(s)),
                Span::styled(st.as_str(), state_style(st)),
                Span::raw(date(s.claim_date_utc)),
                Span::raw(date(s.expiration_date_utc)),
            ]);
            if i == selected {
                row.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                row
            }
        });
    Table::new(
        rows,
        // The code column never shrinks: it is what staff read back to a customer.
        [
            Constraint::Length(21),
            Constraint::Length(10),
            Constraint::Min(8),
            Constraint::Length(9),
            Constraint::Length(10),
            Constraint::Length(10),
        ],
    )
    .header(header)
    .render(area, buf);
}

pub(super) fn money(_state: &State, m: &Money, area: Rect, buf: &mut Buffer) {
    let inner = super::framed(area, " Amount spent ", Color::Cyan, buf);
    let [what, field, error] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let target = match &m.then {
        MoneyThen::Validate { scanned, .. } => scanned.clone(),
    };
    Paragraph::new(vec![
        Line::from(format!("Coupon {target}")),
        Line::from("How much did the customer spend? (e.g. 12.50; empty = not recorded)"),
    ])
    .render(what, buf);
    field_line("Amount ▸ ", m.field.as_str(), false, field, buf);
    if let Some(e) = &m.error {
        Paragraph::new(Line::from(e.clone()).style(tone_fg(Tone::Bad)))
            .wrap(Wrap { trim: true })
            .render(error, buf);
    }
}
