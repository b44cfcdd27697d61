//! A one-line text field that only ever holds printable text: what a scanner or a person
//! types, or what was pasted (control characters stripped, length capped).

use crate::scan::MAX_SCAN_LEN;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Longest text held, in characters.
    max: usize,
}

impl TextField {
    pub fn new(max: usize) -> Self {
        Self {
            text: String::new(),
            max,
        }
    }

    /// The scan field: anything up to the longest scan `scan::classify` accepts, plus one so that
    /// an over-long scan is reported as such rather than silently cut.
    pub fn scan() -> Self {
        Self::new(MAX_SCAN_LEN + 1)
    }

    pub fn with_text(max: usize, text: &str) -> Self {
        let mut f = Self::new(max);
        f.paste(text);
        f
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Adds one typed character; control characters are dropped.
    pub fn push(&mut self, c: char) {
        if !c.is_control() && self.len() < self.max {
            self.text.push(c);
        }
    }

    /// Pasted text is treated as typing: control characters (newlines included) are stripped, so
    /// a paste never submits anything by itself.
    pub fn paste(&mut self, s: &str) {
        for c in s.chars() {
            self.push(c);
        }
    }

    pub fn backspace(&mut self) {
        self.text.pop();
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }

    /// Takes the text out, leaving the field empty.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paste_is_sanitized_and_capped() {
        let mut f = TextField::new(8);
        f.paste("ab\r\n\u{1b}[31mcd\tef\u{7}ghij");
        assert_eq!(f.as_str(), "ab[31mcd");
        f.backspace();
        assert_eq!(f.take(), "ab[31mc");
        assert!(f.is_empty());
    }
}
