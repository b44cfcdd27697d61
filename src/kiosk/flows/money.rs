//! The amount spent, asked before a validation when the kiosk is set to (`ask_money_spent`).

use crate::kiosk::field::TextField;
use crate::kiosk::input::Input;
use crate::kiosk::msg::Effect;
use crate::kiosk::state::{Card, Money, MoneyThen, Screen, State};
use rust_decimal::Decimal;

impl State {
    pub(super) fn ask_money(&mut self, then: MoneyThen) -> Vec<Effect> {
        self.screen = Screen::Money(Money {
            field: TextField::new(16),
            then,
            error: None,
        });
        vec![]
    }

    pub(super) fn on_money_input(&mut self, input: Input) -> Vec<Effect> {
        let Screen::Money(m) = &mut self.screen else {
            return vec![];
        };
        match input {
            Input::Char(c) => m.field.push(c),
            Input::Paste(s) => m.field.paste(&s),
            Input::Backspace => m.field.backspace(),
            Input::Esc => {
                self.screen = match &m.then {
                    MoneyThen::Validate {
                        scanned,
                        session: Some(session),
                        ..
                    } => Screen::Card(Card {
                        scanned: scanned.clone(),
                        session: session.clone(),
                        undescribed: false,
                    }),
                    _ => Screen::Scan,
                };
            }
            Input::Enter | Input::Tab => match parse_money(m.field.as_str()) {
                Ok(amount) => {
                    let then = m.then.clone();
                    let extras = self.extras(amount);
                    return match then {
                        MoneyThen::Validate {
                            scanned,
                            code,
                            session,
                        } => self.start_validate(scanned, code, session, extras),
                    };
                }
                Err(e) => m.error = Some(e),
            },
            _ => {}
        }
        vec![]
    }
}

/// The amount spent as typed: empty means "not given"; a comma is a decimal point; at most three
/// decimals (the seed's `0.000` form); never negative.
pub fn parse_money(s: &str) -> Result<Option<Decimal>, String> {
    if crate::api::params::is_ambiguous_amount(s) {
        return Err("1,500: thousands or decimals? Type 1500 or 1.500.".into());
    }
    let s = s.trim().replace(',', ".");
    if s.is_empty() {
        return Ok(None);
    }
    if !s.chars().all(|c| c.is_ascii_digit() || c == '.') || s.matches('.').count() > 1 {
        return Err("Type the amount with digits and one decimal point, e.g. 12.50.".into());
    }
    let d: Decimal = s
        .parse()
        .map_err(|_| "That is not an amount, e.g. 12.50.".to_string())?;
    if d.scale() > 3 {
        return Err("At most three decimals.".into());
    }
    if d > Decimal::from(1_000_000_000u64) {
        return Err("That amount is too large.".into());
    }
    Ok(Some(d))
}
