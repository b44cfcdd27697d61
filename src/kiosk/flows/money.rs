//! The amount spent, asked before a validation when the kiosk is set to (`ask_money_spent`).

use crate::i18n::Said;
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
/// decimals (the seed's `0.000` form); never negative. What is wrong is said in the cashier's
/// language (messages `money-error-*`).
pub fn parse_money(s: &str) -> Result<Option<Decimal>, Said> {
    if crate::api::params::is_ambiguous_amount(s) {
        return Err(Said::new("money-error-ambiguous"));
    }
    let s = s.trim().replace(',', ".");
    if s.is_empty() {
        return Ok(None);
    }
    if !s.chars().all(|c| c.is_ascii_digit() || c == '.') || s.matches('.').count() > 1 {
        return Err(Said::new("money-error-digits"));
    }
    let d: Decimal = s.parse().map_err(|_| Said::new("money-error-not-an-amount"))?;
    if d.scale() > 3 {
        return Err(Said::new("money-error-decimals"));
    }
    if d > Decimal::from(1_000_000_000u64) {
        return Err(Said::new("money-error-too-large"));
    }
    Ok(Some(d))
}
