//! Cuts a serial scanner's byte stream into codes. A code ends at CR or LF; CRLF is one end
//! (even when the CR and the LF come in different reads) because an empty line is no code;
//! bytes that are not printable are
//! dropped; a line longer than [`MAX_LINE`] is discarded whole and reported, never cut into
//! pieces that would each look like a code or be glued to the next one.

/// The longest code kept: the longest input the kiosk accepts as a scan at all.
pub const MAX_LINE: usize = crate::scan::MAX_SCAN_LEN;

/// One line of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A code, printable characters only, never empty.
    Code(String),
    /// A line longer than [`MAX_LINE`] bytes, thrown away.
    TooLong,
}

/// The bytes of the line being received, across reads.
#[derive(Debug, Default)]
pub struct LineSplitter {
    buf: Vec<u8>,
    /// The line being received has passed [`MAX_LINE`]: the rest of it is thrown away.
    over: bool,
}

impl LineSplitter {
    /// Takes in one read's bytes; returns the lines they end, in order.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Line> {
        let mut lines = Vec::new();
        for &b in bytes {
            match b {
                b'\r' | b'\n' => lines.extend(self.end_line()),
                // Control bytes (NUL, STX/ETX framing, Tab, DEL) are not part of any code.
                0..=0x1f | 0x7f => {}
                _ if self.over => {}
                _ if self.buf.len() >= MAX_LINE => {
                    self.over = true;
                    self.buf.clear();
                }
                _ => self.buf.push(b),
            }
        }
        lines
    }

    /// The device went away: a half-received line is dropped (its end will never come).
    pub fn reset(&mut self) {
        *self = LineSplitter::default();
    }

    fn end_line(&mut self) -> Option<Line> {
        if std::mem::take(&mut self.over) {
            return Some(Line::TooLong);
        }
        let bytes = std::mem::take(&mut self.buf);
        // A scanner sends ASCII; anything else that is not valid UTF-8 is no code's character.
        let text: String = String::from_utf8_lossy(&bytes)
            .chars()
            .filter(|c| !c.is_control() && *c != char::REPLACEMENT_CHARACTER)
            .collect();
        let text = text.trim();
        (!text.is_empty()).then(|| Line::Code(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(s: &str) -> Line {
        Line::Code(s.into())
    }

    fn split(chunks: &[&[u8]]) -> Vec<Line> {
        let mut s = LineSplitter::default();
        chunks.iter().flat_map(|c| s.feed(c)).collect()
    }

    #[test]
    fn cr_lf_and_crlf_each_end_one_code() {
        assert_eq!(split(&[b"WELCOME2026\r"]), [code("WELCOME2026")]);
        assert_eq!(split(&[b"WELCOME2026\n"]), [code("WELCOME2026")]);
        assert_eq!(split(&[b"WELCOME2026\r\n"]), [code("WELCOME2026")]);
        assert_eq!(
            split(&[b"one1\r\ntwo2\rthree3\nfour4\r\n"]),
            [code("one1"), code("two2"), code("three3"), code("four4")]
        );
        // Blank lines (LF CR, two CRs) are no codes.
        assert_eq!(split(&[b"\n\r\r\n\r\rab12\n\r"]), [code("ab12")]);
    }

    #[test]
    fn a_code_may_come_in_pieces_and_crlf_may_straddle_two_reads() {
        assert_eq!(
            split(&[b"WELC", b"OME", b"2026\r", b"\nnext1", b"\n"]),
            [code("WELCOME2026"), code("next1")]
        );
        // Nothing until the end comes.
        assert_eq!(split(&[b"WELCOME2026"]), []);
    }

    #[test]
    fn control_bytes_are_stripped() {
        assert_eq!(
            split(&[b"\x02WEL\tCOME\x002026\x03\x7f\r"]),
            [code("WELCOME2026")]
        );
        assert_eq!(split(&[b"\x02\x03\r"]), []);
        assert_eq!(split(&[b"ab\xffcd\r"]), [code("abcd")]);
    }

    #[test]
    fn an_over_long_line_is_refused_whole_and_the_next_code_is_clean() {
        let long = vec![b'a'; MAX_LINE + 1];
        let mut s = LineSplitter::default();
        assert_eq!(s.feed(&long), []);
        assert_eq!(s.feed(b"bbbb\r"), [Line::TooLong], "its tail is not a code");
        assert_eq!(s.feed(b"WELCOME2026\r"), [code("WELCOME2026")]);
        // Exactly the limit is still a code.
        let exact = [vec![b'c'; MAX_LINE], b"\n".to_vec()].concat();
        assert_eq!(s.feed(&exact), [code(&"c".repeat(MAX_LINE))]);
    }

    #[test]
    fn reset_drops_half_a_line() {
        let mut s = LineSplitter::default();
        s.feed(b"half");
        s.reset();
        assert_eq!(s.feed(b"whole1\r"), [code("whole1")]);
    }

    proptest! {
        /// However the stream is cut into reads, the same codes come out, each bounded.
        #[test]
        fn reads_do_not_change_the_codes(
            stream in proptest::collection::vec(any::<u8>(), 0..2000),
            cuts in proptest::collection::vec(0usize..2000, 0..20),
        ) {
            let whole = split(&[&stream]);
            let mut points: Vec<usize> = cuts.into_iter().map(|c| c.min(stream.len())).collect();
            points.sort_unstable();
            let mut chunks: Vec<&[u8]> = Vec::new();
            let mut from = 0;
            for p in points {
                chunks.push(&stream[from..p]);
                from = p;
            }
            chunks.push(&stream[from..]);
            prop_assert_eq!(split(&chunks), whole.clone());
            for line in whole {
                if let Line::Code(c) = line {
                    prop_assert!(!c.is_empty() && c.len() <= MAX_LINE);
                    prop_assert!(!c.chars().any(char::is_control));
                }
            }
        }
    }
}
