//! Pure views: `render(&State, Rect, &mut Buffer)` draws the whole kiosk; one file per screen.
//! Nothing here reads a clock, a file or the network, so every screen is snapshot-tested.

mod barcode;
mod big;
mod card;
mod chrome;
mod conflicts;
mod help;
mod lookup;
mod offline;
mod scan;
mod scanner;
mod strip;
mod summary;
mod verdict;

#[cfg(test)]
pub(super) use chrome::command_message;
#[cfg(test)]
pub(super) use summary::{operation_message, outcome_message};

use super::state::{Overlay, Screen, State, MIN_HEIGHT, MIN_WIDTH};
use super::verdict::Tone;
use crate::barcode::render::Placement;
use crate::settings::GlyphSet;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use time::macros::format_description;
use time::OffsetDateTime;

/// Draws the kiosk into `area` of `buf`. Returns where a barcode was drawn, if one shows
/// uncovered on this frame: the graphics overlay lays its picture there (and only there).
pub fn render(state: &State, area: Rect, buf: &mut Buffer) -> Option<Placement> {
    let placed = render_screens(state, area, buf);
    if state.glyphs().set == GlyphSet::Console {
        super::glyphs::to_console(buf);
    }
    placed
}

fn render_screens(state: &State, area: Rect, buf: &mut Buffer) -> Option<Placement> {
    // Never draw outside the buffer, whatever the caller passes.
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return None;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(state, area, buf);
        return None;
    }
    // The barcode screen needs every row for the code (a QR code is 17 rows tall): its scan field
    // shrinks to one line.
    let compact = matches!(state.overlay(), Some(Overlay::Barcode(_)));
    let [status, body, field, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(if compact { 1 } else { 4 }),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::status_bar(state, status, buf);
    let mut placed = None;
    match (state.overlay(), &state.screen) {
        (Some(Overlay::Summary), _) => summary::render(state, body, buf),
        (Some(Overlay::Help), _) => help::render(state, body, buf),
        (Some(Overlay::Barcode(b)), _) => placed = barcode::render(state, b, body, buf),
        (None, Screen::Scan) => scan::idle(state, body, buf),
        (None, Screen::Working(w)) => scan::working(state, w, body, buf),
        (None, Screen::Card(c)) => card::card(state, c, body, buf),
        (None, Screen::Choose(c)) => card::choose(state, c, body, buf),
        (None, Screen::Money(m)) => card::money(state, m, body, buf),
        (None, Screen::Verdict(v)) => verdict::render(state, v, body, buf),
        (None, Screen::Lookup(l)) => lookup::render(state, l, body, buf),
        (None, Screen::Conflicts(c)) => conflicts::render(state, c, body, buf),
    }
    if compact {
        let prompt = format!("{} {} ", state.t("scan-prompt-short"), state.glyphs().prompt);
        chrome::field_line(&prompt, state.scan.as_str(), false, field, buf);
    } else if state.owns_keyboard() {
        // These screens own the keyboard: their own fields stand where the scan field is.
        chrome::field_hint(state, field, buf);
    } else {
        chrome::scan_field(state, field, buf);
    }
    chrome::footer(state, footer, buf);
    if let Some(pin) = &state.undo_pin {
        undo_pin_prompt(state, pin, area, buf);
        placed = None;
    }
    if state.quit_prompt {
        quit_prompt(state, area, buf);
        // A picture would hide the prompt drawn over the code.
        placed = None;
    }
    placed
}

fn too_small(state: &State, area: Rect, buf: &mut Buffer) {
    let text = vec![
        Line::from(state.t("too-small")),
        Line::from(state.t_with(
            "too-small-size",
            &[
                ("min", format!("{MIN_WIDTH}×{MIN_HEIGHT}").into()),
                ("now", format!("{}×{}", area.width, area.height).into()),
            ],
        )),
    ];
    let y = area.y + area.height.saturating_sub(2) / 2;
    let inner = Rect::new(area.x, y, area.width, area.height.min(2));
    Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

fn quit_prompt(state: &State, area: Rect, buf: &mut Buffer) {
    let popup = centered(area, 44, 5);
    Clear.render(popup, buf);
    Paragraph::new(vec![
        Line::from(state.t("quit-question")).style(Style::new().add_modifier(Modifier::BOLD)),
        Line::from(state.t("quit-keys")),
    ])
    .alignment(Alignment::Center)
    .block(
        Block::new()
            .borders(Borders::ALL)
            .border_style(Style::new().fg(Color::Yellow)),
    )
    .render(popup, buf);
}

/// F8 with a supervisor PIN configured: the PIN, masked.
fn undo_pin_prompt(state: &State, pin: &super::state::UndoPin, area: Rect, buf: &mut Buffer) {
    let popup = centered(area, 50, 6);
    Clear.render(popup, buf);
    let inner = framed(
        popup,
        format!(" {} ", state.t("undo-pin-title")),
        Color::Yellow,
        buf,
    );
    let [line, field, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let ask = if pin.wrong {
        Line::from(state.t("undo-pin-wrong")).style(tone_fg(Tone::Bad))
    } else {
        Line::from(state.t("undo-pin-ask"))
    };
    Paragraph::new(ask).render(line, buf);
    let prompt = format!("{} ", state.glyphs().prompt);
    chrome::field_line(&prompt, pin.field.as_str(), true, field, buf);
    Paragraph::new(Line::from(state.t("undo-pin-keys")).style(Style::new().fg(Color::Gray)))
        .render(hint, buf);
}

/// A box with a title around `area`, drawn; returns what is inside it.
pub(super) fn framed(area: Rect, title: impl Into<Line<'static>>, colour: Color, buf: &mut Buffer) -> Rect {
    let block = Block::new()
        .borders(Borders::ALL)
        .title(title)
        .border_style(Style::new().fg(colour));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A `w`×`h` rectangle centred in `area` (shrunk to fit).
pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Colours of a tone: (background, foreground). Black on green/amber and white on red read well
/// on dark and light terminal themes alike.
pub(super) fn tone_colors(t: Tone) -> (Color, Color) {
    match t {
        Tone::Good => (Color::Green, Color::Black),
        Tone::Bad => (Color::Red, Color::White),
        Tone::Warn => (Color::Yellow, Color::Black),
        Tone::Info => (Color::Blue, Color::White),
        Tone::Offline => (Color::Cyan, Color::Black),
    }
}

pub(super) fn tone_fg(t: Tone) -> Style {
    match t {
        Tone::Good => Style::new().fg(Color::Green),
        Tone::Bad => Style::new().fg(Color::Red),
        Tone::Warn => Style::new().fg(Color::Yellow),
        Tone::Info => Style::new().fg(Color::LightBlue),
        Tone::Offline => Style::new().fg(Color::Cyan),
    }
}

/// Local date and time, to the minute, in the kiosk's language ("30 nov. 2026 14:03").
pub(super) fn local_datetime(state: &State, utc: OffsetDateTime) -> String {
    state
        .config
        .kiosk
        .language
        .date_time(state.config.zone.local(utc))
}

/// Local date in the kiosk's language ("30 Nov 2026", "30. Nov. 2026").
pub(super) fn local_date(state: &State, utc: OffsetDateTime) -> String {
    let local = state.config.zone.local(utc);
    state.config.kiosk.language.date(local.date())
}

/// Local time of day with seconds.
pub(super) fn local_time_secs(state: &State, utc: OffsetDateTime) -> String {
    let local = state.config.zone.local(utc);
    local
        .format(format_description!("[hour]:[minute]:[second]"))
        .unwrap_or_default()
}

/// Local time of day, to the minute (the status-bar clock).
pub(super) fn local_clock(state: &State, utc: OffsetDateTime) -> String {
    let local = state.config.zone.local(utc);
    local
        .format(format_description!("[hour]:[minute]"))
        .unwrap_or_default()
}

/// When a validation happened, in words: "at 15:03:12 today" or "on 20 Nov 2026 at 15:03:12".
pub(super) fn when_validated(state: &State, utc: OffsetDateTime) -> String {
    let zone = &state.config.zone;
    let (then, now) = (zone.local(utc), zone.local(state.clock.utc));
    let time = local_time_secs(state, utc);
    if then.date() == now.date() {
        state.t_with("when-today", &[("time", time.into())])
    } else {
        let date = local_date(state, utc);
        state.t_with("when-on", &[("date", date.into()), ("time", time.into())])
    }
}

/// "Jane Doe", or the masked email when no name is known, or "—".
pub(super) fn customer_name(s: &crate::api::Session) -> String {
    let c = &s.customer;
    let name = [c.firstname.as_deref(), c.lastname.as_deref()]
        .into_iter()
        .flatten()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !name.is_empty() {
        name
    } else if let Some(e) = &c.email {
        e.clone()
    } else {
        "—".into()
    }
}
