//! Shift summary (F3), two tabs: this till's attempts per outcome (from its journal), and today's
//! validations across every till of the account per local hour, with per-till totals.

use super::local_clock;
use crate::journal::{Operation, Outcome};
use crate::kiosk::state::State;
use crate::kiosk::tills::{SummaryTab, TillsStatus, TillsToday};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Row, Table, Widget, Wrap};

pub(super) fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let t = &state.today;
    let since = t
        .since_utc
        .map(|d| super::local_datetime(state, d))
        .unwrap_or_else(|| state.t("summary-today"));
    let title = state.t_with(
        "summary-title",
        &[
            ("since", since.into()),
            ("till", state.config.kiosk.terminal_id.as_str().into()),
        ],
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .border_style(Style::new().fg(Color::Cyan));
    let inner = block.inner(area);
    block.render(area, buf);
    let [tabs, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
    tab_line(state, tabs, buf);
    match state.summary_tab {
        SummaryTab::ThisTill => this_till(state, body, buf),
        SummaryTab::AllTills => all_tills(state, body, buf),
    }
}

/// The two tabs, the shown one highlighted, and how to switch.
fn tab_line(state: &State, area: Rect, buf: &mut Buffer) {
    let tab = |which: SummaryTab, id: &str| {
        let style = if state.summary_tab == which {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().fg(Color::Gray)
        };
        Span::styled(format!(" {} ", state.t(id)), style)
    };
    Paragraph::new(Line::from(vec![
        tab(SummaryTab::ThisTill, "summary-tab-this-till"),
        Span::raw(" "),
        tab(SummaryTab::AllTills, "summary-tab-all-tills"),
        Span::styled(
            format!("   {}", state.t("summary-tabs-hint")),
            Style::new().fg(Color::Gray),
        ),
    ]))
    .render(area, buf);
}

fn this_till(state: &State, area: Rect, buf: &mut Buffer) {
    let t = &state.today;
    if t.counts.is_empty() {
        Paragraph::new(Line::from(state.t("summary-none"))).render(area, buf);
        return;
    }
    // One row per operation and outcome, each count once; the symbol says which of the status
    // bar's totals (✔ ✖ ⚠) it is part of.
    let header = Row::new(["summary-operation", "summary-outcome", "summary-count"].map(|id| state.t(id)))
        .style(Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD));
    let mut rows = t.counts.clone();
    rows.sort_by_key(|c| (c.operation, c.outcome));
    let g = state.glyphs();
    let rows = rows.iter().map(|c| {
        let symbol = match (c.operation, c.outcome) {
            (Operation::Validate, Outcome::Validated) => format!("{} ", g.good),
            (Operation::Validate, o) if o.is_refusal() => format!("{} ", g.bad),
            (Operation::Validate, o) if o.is_unsure() => format!("{} ", g.warn),
            _ => "  ".into(),
        };
        // Words, not the journal's identifiers ("already validated", not already_validated).
        Row::new([
            state.t(&operation_message(c.operation)),
            format!("{symbol}{}", state.t(&outcome_message(c.outcome))),
            c.count.to_string(),
        ])
    });
    Table::new(
        rows,
        [
            Constraint::Length(12),
            Constraint::Length(36),
            Constraint::Length(7),
        ],
    )
    .header(header)
    .render(area, buf);
}

/// Today across every till: a state line (as of, loading, failed), the bars per hour and the
/// totals per till.
fn all_tills(state: &State, area: Rect, buf: &mut Buffer) {
    let tills = &state.tills;
    let shown = tills.shown();
    let mut notes: Vec<Line> = vec![];
    if tills.loading.is_some() {
        notes.push(Line::from(state.t("tills-loading")).style(Style::new().fg(Color::Cyan)));
    }
    match &tills.status {
        TillsStatus::NoTagField => notes.push(Line::from(state.t("tills-no-tag-field"))),
        TillsStatus::Failed { earlier, .. } => {
            let style = super::tone_fg(crate::kiosk::verdict::Tone::Warn);
            notes.push(
                // The error's own words are in F1 (`last_problem`), not for the till.
                Line::from(state.t("tills-failed-plain")).style(style),
            );
            if let Some(e) = earlier {
                let time = local_clock(state, e.as_of_utc);
                notes.push(Line::from(
                    state.t_with("tills-failed-earlier", &[("time", time.into())]),
                ));
            }
        }
        TillsStatus::Loaded(t) => {
            let time = local_clock(state, t.as_of_utc);
            notes.push(Line::from(state.t_with("tills-as-of", &[("time", time.into())])));
        }
        TillsStatus::NotLoaded => {}
    }
    let note_rows = u16::try_from(notes.len()).unwrap_or(u16::MAX);
    let [note_area, rest] = Layout::vertical([Constraint::Length(note_rows), Constraint::Min(0)]).areas(area);
    Paragraph::new(notes)
        .wrap(Wrap { trim: true })
        .render(note_area, buf);
    let Some(t) = shown else {
        return;
    };
    if t.total() == 0 {
        Paragraph::new(Line::from(state.t("tills-none"))).render(rest, buf);
        return;
    }
    // The totals under the chart; beside it when the screen is wide.
    let table_rows = u16::try_from(t.per_till.len() + 2).unwrap_or(u16::MAX);
    let (chart_area, table_area) = if rest.width >= 110 {
        let [c, tb] = Layout::horizontal([Constraint::Min(40), Constraint::Length(46)]).areas(rest);
        (c, tb)
    } else {
        let [c, tb] = Layout::vertical([Constraint::Min(4), Constraint::Length(table_rows)]).areas(rest);
        (c, tb)
    };
    chart(state, t, chart_area, buf);
    till_table(state, t, table_area, buf);
}

/// Bars per local hour, from the first hour with a validation to the last (or to now), as many
/// of the latest hours as fit.
fn chart(state: &State, t: &TillsToday, area: Rect, buf: &mut Buffer) {
    if area.height < 3 || area.width < 4 {
        return;
    }
    let [title, bars] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    Paragraph::new(Line::from(state.t("tills-per-hour")).style(Style::new().fg(Color::Gray)))
        .render(title, buf);
    let now_hour = usize::from(state.config.zone.local(t.as_of_utc).hour());
    let first = t.per_hour.iter().position(|n| *n > 0).unwrap_or(now_hour);
    let last = t
        .per_hour
        .iter()
        .rposition(|n| *n > 0)
        .unwrap_or(now_hour)
        .max(now_hour)
        .max(first);
    // Each bar two columns and a gap; at most the hours that fit, the latest kept.
    let fit = (usize::from(bars.width) + 1) / 3;
    let first = first.max((last + 1).saturating_sub(fit.max(1)));
    let hours: Vec<Bar> = (first..=last)
        .map(|h| {
            Bar::default()
                .value(t.per_hour[h])
                .label(Line::from(format!("{h:02}")))
                .style(Style::new().fg(Color::Green))
                .value_style(Style::new().fg(Color::Black).bg(Color::Green))
        })
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&hours))
        .bar_width(2)
        .bar_gap(1)
        .bar_set(state.glyphs().bars.clone())
        .render(bars, buf);
}

/// Count and money per till, this till marked, and the total.
fn till_table(state: &State, t: &TillsToday, area: Rect, buf: &mut Buffer) {
    let own = &state.config.kiosk.terminal_id;
    let header = Row::new([
        state.t("tills-header-till"),
        state.t("tills-header-count"),
        state.t("tills-header-money"),
    ])
    .style(Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD));
    let mut rows: Vec<Row> = t
        .per_till
        .iter()
        .map(|g| {
            let name = if &g.group == own {
                format!("{} {}", g.group, state.t("tills-this-one"))
            } else {
                g.group.clone()
            };
            let style = if &g.group == own {
                Style::new().add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            Row::new([name, g.count.to_string(), g.money_spent.clone()]).style(style)
        })
        .collect();
    let money: rust_decimal::Decimal = t
        .per_till
        .iter()
        .filter_map(|g| g.money_spent.parse::<rust_decimal::Decimal>().ok())
        .sum();
    rows.push(
        Row::new([
            state.t("tills-total"),
            t.total().to_string(),
            crate::report::money_text(money),
        ])
        .style(Style::new().add_modifier(Modifier::BOLD)),
    );
    Table::new(
        rows,
        [
            Constraint::Length(22),
            Constraint::Length(11),
            Constraint::Length(12),
        ],
    )
    .header(header)
    .render(area, buf);
}

/// A journal operation in words: message `operation-<operation>`.
pub(in crate::kiosk) fn operation_message(o: Operation) -> String {
    format!("operation-{}", o.as_str().replace('_', "-"))
}

/// A journal outcome in words: message `outcome-<outcome>`.
pub(in crate::kiosk) fn outcome_message(o: Outcome) -> String {
    format!("outcome-{}", o.as_str().replace('_', "-"))
}
