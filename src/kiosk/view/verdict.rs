//! The verdict fills the body: colour AND symbol AND words, in large type, with when (local
//! time), why, and which session.

use super::{big, customer_name, local_datetime, tone_colors, when_validated};
use crate::i18n::Language;
use crate::kiosk::state::State;
use crate::kiosk::verdict::{VerdictKind, VerdictView};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub(super) fn render(state: &State, v: &VerdictView, area: Rect, buf: &mut Buffer) {
    let (bg, fg) = tone_colors(v.kind.tone());
    let style = Style::new().bg(bg).fg(fg);
    buf.set_style(area, style);
    let info = info_lines(state, v);
    let info_h = wrapped_height(&info, area.width).min(area.height);
    // On a small screen the words come first: the large type only gets rows the words leave.
    if area.height >= info_h + 2 {
        let [_, big_area, info_area] = Layout::vertical([
            Constraint::Length(u16::from(area.height > info_h + 4)),
            Constraint::Min(1),
            Constraint::Length(info_h),
        ])
        .areas(area);
        let headline = state.t(&format!("{}.headline", v.kind.message_id()));
        let h = big::fit(&headline, big_area, state.glyphs()).height;
        let pad = big_area.height.saturating_sub(h) / 2;
        let target = Rect::new(
            big_area.x,
            big_area.y + pad,
            big_area.width,
            h.min(big_area.height),
        );
        big::render(
            &headline,
            style.add_modifier(Modifier::BOLD),
            state.glyphs(),
            target,
            buf,
        );
        words(info, style, info_area, buf);
    } else {
        words(info, style, area, buf);
    }
}

fn words(info: Vec<Line<'static>>, style: Style, area: Rect, buf: &mut Buffer) {
    Paragraph::new(info)
        .style(style)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Rows `lines` take when wrapped at `width` (word wrapping can take a row more than the
/// characters alone need, so each wrapped line gets one spare).
fn wrapped_height(lines: &[Line<'_>], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = lines
        .iter()
        .map(|l| {
            let w = l.width();
            if w <= width {
                1
            } else {
                w.div_ceil(width) + 1
            }
        })
        .sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// The words under the large type, most important first (a small screen keeps the first ones).
fn info_lines(state: &State, v: &VerdictView) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let id = v.kind.message_id();
    let g = state.glyphs();
    let mut headline = format!("{} {}", v.kind.symbol(g), state.t(id));
    if v.kind.tagline().is_some() {
        headline.push_str(&format!(" {} ", g.dash));
        headline.push_str(&state.t(&format!("{id}.tagline")));
    }
    let mut lines = vec![];
    let offer = state.offer_of(v.session.as_ref());
    // On success, what to give comes right under the large verdict word, in capitals and bold:
    // the most visible words after it. On a refusal it is only context, after the headline.
    if let (VerdictKind::Validated, Some(offer)) = (v.kind, &offer) {
        lines.push(
            Line::from(format!(
                "{} {} {}",
                g.offer_left,
                offer.to_uppercase(),
                g.offer_right
            ))
            .style(bold),
        );
    }
    lines.push(Line::from(headline).style(bold));
    if let (false, Some(offer)) = (v.kind == VerdictKind::Validated, &offer) {
        lines.push(Line::from(
            state.t_with("verdict-coupon", &[("offer", offer.as_str().into())]),
        ));
    }
    if let Some(at) = v.validated_at_utc {
        let when = when_validated(state, at);
        let id = match v.kind {
            VerdictKind::Validated => "verdict-validated-when",
            _ => "verdict-was-validated-when",
        };
        lines.push(Line::from(state.t_with(id, &[("when", when.into())])));
    }
    // A refusal says when, where the record knows it. An expiry still ahead (read as UTC, the
    // campaign's zone unknown; offline, a coupon that may have expired) is never said as past:
    // the reason line says it.
    if let (VerdictKind::Expired, Some(at)) = (
        v.kind,
        v.session
            .as_ref()
            .and_then(|s| s.expiration_date_utc)
            .filter(|at| *at <= state.clock.utc),
    ) {
        let when = when_validated(state, at);
        lines.push(Line::from(
            state.t_with("verdict-expired-when", &[("when", when.into())]),
        ));
    }
    if let (VerdictKind::Voided, Some(at)) = (v.kind, v.session.as_ref().and_then(|s| s.voided_date_utc)) {
        let when = local_datetime(state, at);
        lines.push(Line::from(
            state.t_with("counter-voided-on", &[("when", when.into())]),
        ));
    }
    // The database's own words go to the log and F1; the cashier reads one plain sentence.
    if v.journal_error.is_some() {
        lines.push(Line::from(state.t("journal-not-written-plain")).style(bold));
    }
    if v.retry.is_some() {
        lines.push(Line::from(state.t("verdict-press-f5")).style(bold));
    }
    if !v.reason.is_empty() {
        lines.push(Line::from(reason(state, v)));
    }
    match &v.session {
        Some(s) => lines.push(Line::from(format!(
            "{} · {} · {}",
            s.session,
            s.campaign,
            customer_name(s)
        ))),
        None => lines.push(Line::from(
            state.t_with("verdict-scanned", &[("code", v.scanned.as_str().into())]),
        )),
    }
    lines
}

/// The reason line in the cashier's language: the kiosk's own sentence (dates in local time),
/// or the server's and the redeem layer's English words (in English), or the kind's own plain
/// reason (in other languages; REFUSED keeps the server's words, the only ones that say why).
fn reason(state: &State, v: &VerdictView) -> String {
    let language = state.config.kiosk.language;
    match (v.reason_id, language, v.kind.reason_id()) {
        (Some(id), _, _) => state.t(id),
        (None, Language::En, _) if !v.said_in_english => v.reason.clone(),
        (None, _, _) if v.said.is_some() => v.said.as_ref().map(|s| state.say(s)).unwrap_or_default(),
        (None, Language::En, _) | (None, _, None) => v.reason.clone(),
        (None, _, Some(id)) => state.t(id),
    }
}
