//! Random codes: session codes and generated custom validation codes.

use rand::Rng;

/// Length of a session code.
pub const SESSION_CODE_LEN: usize = 21;

const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const DIGITS: &[u8] = b"0123456789";

fn draw(rng: &mut impl Rng, alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| char::from(alphabet[rng.random_range(0..alphabet.len())]))
        .collect()
}

/// A new session code: 21 lower-case letters and digits (e.g. `ac6s7u3g8a25ja7x9qg87`).
pub fn session_code(rng: &mut impl Rng) -> String {
    draw(rng, LOWER_ALNUM, SESSION_CODE_LEN)
}

/// What a generated custom validation code is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeType {
    Numeric,
    /// Upper-case letters and digits (what a cashier can read back without ambiguity of case).
    Alphanumeric,
}

impl CodeType {
    fn alphabet(self) -> &'static [u8] {
        match self {
            CodeType::Numeric => DIGITS,
            CodeType::Alphanumeric => UPPER_ALNUM,
        }
    }

    /// How many distinct codes of `len` characters exist (saturating).
    pub fn space(self, len: usize) -> u64 {
        let base = self.alphabet().len() as u64;
        (0..len).fold(1u64, |acc, _| acc.saturating_mul(base))
    }
}

/// `prefix` followed by `len` random characters of `kind`.
pub fn validation_code(rng: &mut impl Rng, prefix: &str, kind: CodeType, len: usize) -> String {
    format!("{prefix}{}", draw(rng, kind.alphabet(), len))
}

/// Characters a session code may hold; anything else is the seed's 300 "Invalid character".
pub fn is_code_charset(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `[A-Za-z0-9]` only, as the seed requires of customid and customvalcode.
pub fn is_plain_alnum(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn codes_have_the_documented_shape() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let code = session_code(&mut rng);
        assert_eq!(code.len(), 21);
        assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        let v = validation_code(&mut rng, "SUM", CodeType::Numeric, 10);
        assert!(v.starts_with("SUM") && v.len() == 13 && v[3..].bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(CodeType::Numeric.space(3), 1000);
        assert_eq!(CodeType::Alphanumeric.space(30), u64::MAX);
    }
}
