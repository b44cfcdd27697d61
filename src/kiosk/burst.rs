//! Tells a scanner's burst from a person's typing. A keyboard-wedge scanner types a whole code
//! within a few milliseconds and ends it with Enter; a person types a key every hundred
//! milliseconds or more. When a burst ends a scan, the scan is the burst alone: a stray key
//! typed before it (a cashier's `x`, half a code given up on) is dropped, not glued in front.

use std::time::Duration;

/// The longest gap between two keys of one scanner burst. Scanners type a key every 1–10 ms;
/// fast typists need about 80 ms between keys.
pub const BURST_GAP: Duration = Duration::from_millis(30);

/// A burst must be this long to count as a scan (shorter fast runs are key repeats or
/// chords, not a scanner).
pub const MIN_BURST: usize = 4;

/// The timing of the keys typed into one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Burst {
    /// When the last character arrived (monotonic).
    last_key: Option<Duration>,
    /// Where, in characters, the current run of fast keys started in the field.
    run_start: usize,
}

impl Burst {
    /// A character arrived at `at`; the field held `len_before` characters before it.
    pub fn key(&mut self, at: Duration, len_before: usize) {
        let fast = self
            .last_key
            .is_some_and(|last| at.saturating_sub(last) <= BURST_GAP);
        if !fast {
            self.run_start = len_before;
        }
        self.last_key = Some(at);
    }

    /// Anything but a typed character (a paste, a deletion, a cleared field) ends any run.
    pub fn reset(&mut self) {
        *self = Burst::default();
    }

    /// Enter arrived at `at` in a field of `len` characters: where the scan starts, when a
    /// burst ends it after other text (Some(0) is never returned: nothing to drop then).
    pub fn scan_start(&self, at: Duration, len: usize) -> Option<usize> {
        self.burst_from(at, len).filter(|start| *start > 0)
    }

    /// Enter arrived at `at`: where the scanner's burst it ends started, if it ends one.
    pub fn burst_from(&self, at: Duration, len: usize) -> Option<usize> {
        let last = self.last_key?;
        let burst = at.saturating_sub(last) <= BURST_GAP && len.saturating_sub(self.run_start) >= MIN_BURST;
        burst.then_some(self.run_start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn typed(keys: &[(u64, usize)]) -> Burst {
        let mut b = Burst::default();
        for (at, len) in keys {
            b.key(ms(*at), *len);
        }
        b
    }

    #[test]
    fn a_burst_after_a_stray_key_starts_the_scan() {
        // `x` by hand, then WELCOME2026 from the scanner, 2 ms a key.
        let mut keys = vec![(0, 0)];
        keys.extend((0..11).map(|i| (1000 + 2 * i, 1 + i as usize)));
        let b = typed(&keys);
        assert_eq!(b.scan_start(ms(1024), 12), Some(1));
    }

    #[test]
    fn typing_by_hand_keeps_the_whole_field() {
        let keys: Vec<_> = (0..8).map(|i| (150 * i, i as usize)).collect();
        let b = typed(&keys);
        assert_eq!(b.scan_start(ms(1200), 8), None);
        // Enter long after a burst (the cashier looked first) is typing, too.
        let b = typed(&[(0, 0), (1000, 1), (1002, 2), (1004, 3), (1006, 4), (1008, 5)]);
        assert_eq!(b.scan_start(ms(1010), 6), Some(1));
        assert_eq!(b.scan_start(ms(3000), 6), None);
        // A whole field from one burst: nothing to drop.
        let b = typed(&[(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]);
        assert_eq!(b.scan_start(ms(5), 5), None);
        // Three fast keys are not a scan.
        let b = typed(&[(0, 0), (500, 1), (501, 2), (502, 3)]);
        assert_eq!(b.scan_start(ms(503), 4), None);
    }
}
