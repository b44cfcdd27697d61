//! Joins an escape sequence the terminal delivered in two reads. A function key is a short
//! sequence (`ESC O Q` for F2, `ESC [ 1 9 ~` for F8); when the kiosk reads `ESC` alone and the
//! rest a moment later — Esc pressed and F2 right after it, on a busy machine — the terminal
//! library reports Esc and then the letters as typing ("OQ" in the scan field). Here the letters
//! that follow an Esc within a few milliseconds are read as the key they name, never as text.

use super::commands::Command;
use super::input::Input;
use std::time::Duration;

/// The longest pause inside one escape sequence. A person cannot type a letter this soon after
/// Esc; a terminal writes a sequence at once.
pub const SPLIT_GAP: Duration = Duration::from_millis(30);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SplitEscape {
    /// When the last Esc arrived (monotonic).
    esc_at: Option<Duration>,
    /// The rest of a sequence read so far (`O`, or `[` and digits), and when its last part came.
    held: Option<(String, Duration)>,
}

impl SplitEscape {
    /// Takes one input at `at` and gives what it stands for (nothing while a sequence is
    /// incomplete; the held letters as typing when it turns out not to be one).
    pub fn feed(&mut self, input: Input, at: Duration) -> Vec<Input> {
        if let Some((held, last)) = self.held.take() {
            let soon = at.saturating_sub(last) <= SPLIT_GAP;
            if let (true, Input::Char(c)) = (soon, &input) {
                let mut seq = held.clone();
                seq.push(*c);
                match complete(&seq) {
                    Some(Some(key)) => return vec![key],
                    Some(None) => {}
                    None => {
                        self.held = Some((seq, at));
                        return vec![];
                    }
                }
            }
            // Not a sequence after all: what was held is typing, then this input as usual.
            let mut out: Vec<Input> = held.chars().map(Input::Char).collect();
            out.extend(self.feed(input, at));
            return out;
        }
        match input {
            Input::Esc => {
                self.esc_at = Some(at);
                vec![Input::Esc]
            }
            Input::Char(c @ ('O' | '['))
                if self
                    .esc_at
                    .take()
                    .is_some_and(|t| at.saturating_sub(t) <= SPLIT_GAP) =>
            {
                self.held = Some((c.to_string(), at));
                vec![]
            }
            other => {
                self.esc_at = None;
                vec![other]
            }
        }
    }
}

/// What `seq` (the part after ESC) is: Some(Some(key)) a whole key, Some(None) not a sequence
/// the kiosk knows, None a sequence still going on.
fn complete(seq: &str) -> Option<Option<Input>> {
    let command = |n: u8| Some(Command::from_function_key(n).map(Input::Command));
    if let Some(rest) = seq.strip_prefix('O') {
        return match rest {
            "P" => command(1),
            "Q" => command(2),
            "R" => command(3),
            "S" => command(4),
            _ => Some(None),
        };
    }
    let rest = seq.strip_prefix('[')?;
    match rest {
        "A" => return Some(Some(Input::Up)),
        "B" => return Some(Some(Input::Down)),
        "C" => return Some(Some(Input::Right)),
        "D" => return Some(Some(Input::Left)),
        _ => {}
    }
    if let Some(number) = rest.strip_suffix('~') {
        let n = match number {
            "11" => 1,
            "12" => 2,
            "13" => 3,
            "14" => 4,
            "15" => 5,
            "17" => 6,
            "18" => 7,
            "19" => 8,
            "20" => 9,
            "21" => 10,
            "23" => 11,
            "24" => 12,
            _ => return Some(None),
        };
        return command(n);
    }
    if rest.len() <= 2 && rest.chars().all(|c| c.is_ascii_digit()) {
        None
    } else {
        Some(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn feed_all(j: &mut SplitEscape, inputs: &[(u64, Input)]) -> Vec<Input> {
        inputs
            .iter()
            .flat_map(|(t, i)| j.feed(i.clone(), ms(*t)))
            .collect()
    }

    #[test]
    fn a_function_key_split_after_esc_is_a_key_not_text() {
        let mut j = SplitEscape::default();
        let out = feed_all(
            &mut j,
            &[(0, Input::Esc), (2, Input::Char('O')), (3, Input::Char('Q'))],
        );
        assert_eq!(out, [Input::Esc, Input::Command(Command::Lookup)]);
        let out = feed_all(
            &mut j,
            &[
                (100, Input::Esc),
                (101, Input::Char('[')),
                (101, Input::Char('1')),
                (102, Input::Char('9')),
                (102, Input::Char('~')),
            ],
        );
        assert_eq!(out, [Input::Esc, Input::Command(Command::Undo)]);
    }

    #[test]
    fn letters_typed_after_esc_stay_typing() {
        let mut j = SplitEscape::default();
        // A person: Esc, then "OK" much later.
        let out = feed_all(
            &mut j,
            &[(0, Input::Esc), (400, Input::Char('O')), (500, Input::Char('K'))],
        );
        assert_eq!(out, [Input::Esc, Input::Char('O'), Input::Char('K')]);
        // An O right after Esc followed by a letter no key uses: both are typing.
        let out = feed_all(
            &mut j,
            &[
                (1000, Input::Esc),
                (1001, Input::Char('O')),
                (1002, Input::Char('x')),
            ],
        );
        assert_eq!(out, [Input::Esc, Input::Char('O'), Input::Char('x')]);
        // Without an Esc before it, O is just a letter.
        assert_eq!(j.feed(Input::Char('O'), ms(2000)), [Input::Char('O')]);
    }
}
