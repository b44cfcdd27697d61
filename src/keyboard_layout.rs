//! Wedge scanners set to a US keyboard layout, plugged into a till whose keyboard layout is
//! AZERTY or QWERTZ: the scanner sends the keys of the US characters, the till reads those
//! keys under its own layout, and `ac6s7u3g8a25ja7x9qg87` arrives as `qc-sèu"g_qé(jqèxçag_è`.
//! This module maps such a burst back to what the scanner meant. Pure: no I/O, no state.
//!
//! Only a scanner's burst is ever mapped, never what a person types key by key (their keyboard
//! matches the till's layout); telling the two apart is the caller's job.
//!
//! The tables follow the Linux console and X11 layouts `fr`, `be` and `de` (xkb's basic
//! variants), levels 1 and 2 (no AltGr: a scanner does not send it). A US key that is a dead
//! key on the till's layout has no mapping: what it produces depends on the next key.

/// A till's keyboard layout, as `[scanner] keyboard_layout` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyboardLayout {
    Us,
    AzertyFr,
    AzertyBe,
    QwertzDe,
}

/// `[scanner] keyboard_layout`: one layout, or `auto` (the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LayoutSetting {
    /// Map a burst only when it is not a valid code as typed but is one under exactly one
    /// known layout, and say so once (see [`Mapped::hint`]).
    #[default]
    Auto,
    Fixed(KeyboardLayout),
}

/// The printable keys of a US keyboard, by position: (unshifted, shifted). Positions are in
/// this order in every table below.
const US: [(char, char); 47] = [
    ('`', '~'),
    ('1', '!'),
    ('2', '@'),
    ('3', '#'),
    ('4', '$'),
    ('5', '%'),
    ('6', '^'),
    ('7', '&'),
    ('8', '*'),
    ('9', '('),
    ('0', ')'),
    ('-', '_'),
    ('=', '+'),
    ('q', 'Q'),
    ('w', 'W'),
    ('e', 'E'),
    ('r', 'R'),
    ('t', 'T'),
    ('y', 'Y'),
    ('u', 'U'),
    ('i', 'I'),
    ('o', 'O'),
    ('p', 'P'),
    ('[', '{'),
    (']', '}'),
    ('\\', '|'),
    ('a', 'A'),
    ('s', 'S'),
    ('d', 'D'),
    ('f', 'F'),
    ('g', 'G'),
    ('h', 'H'),
    ('j', 'J'),
    ('k', 'K'),
    ('l', 'L'),
    (';', ':'),
    ('\'', '"'),
    ('z', 'Z'),
    ('x', 'X'),
    ('c', 'C'),
    ('v', 'V'),
    ('b', 'B'),
    ('n', 'N'),
    ('m', 'M'),
    (',', '<'),
    ('.', '>'),
    ('/', '?'),
];

/// A dead key: produces nothing by itself.
const DEAD: char = '\0';

/// French AZERTY (xkb `fr`), the same key positions as [`US`].
const AZERTY_FR: [(char, char); 47] = [
    ('²', '~'),
    ('&', '1'),
    ('é', '2'),
    ('"', '3'),
    ('\'', '4'),
    ('(', '5'),
    ('-', '6'),
    ('è', '7'),
    ('_', '8'),
    ('ç', '9'),
    ('à', '0'),
    (')', '°'),
    ('=', '+'),
    ('a', 'A'),
    ('z', 'Z'),
    ('e', 'E'),
    ('r', 'R'),
    ('t', 'T'),
    ('y', 'Y'),
    ('u', 'U'),
    ('i', 'I'),
    ('o', 'O'),
    ('p', 'P'),
    (DEAD, DEAD),
    ('$', '£'),
    ('*', 'µ'),
    ('q', 'Q'),
    ('s', 'S'),
    ('d', 'D'),
    ('f', 'F'),
    ('g', 'G'),
    ('h', 'H'),
    ('j', 'J'),
    ('k', 'K'),
    ('l', 'L'),
    ('m', 'M'),
    ('ù', '%'),
    ('w', 'W'),
    ('x', 'X'),
    ('c', 'C'),
    ('v', 'V'),
    ('b', 'B'),
    ('n', 'N'),
    (',', '?'),
    (';', '.'),
    (':', '/'),
    ('!', '§'),
];

/// Belgian AZERTY (xkb `be`): French AZERTY but for the keys in [`AZERTY_BE_KEYS`].
const AZERTY_BE: [(char, char); 47] = with_keys(AZERTY_FR, &AZERTY_BE_KEYS);

/// Where Belgian AZERTY differs from French: (the key's unshifted US character, what `be`
/// types on it unshifted and shifted).
const AZERTY_BE_KEYS: [(char, (char, char)); 7] = [
    ('`', ('²', '³')),
    ('6', ('§', '6')),
    ('8', ('!', '8')),
    ('=', ('-', '_')),
    (']', ('$', '*')),
    ('\\', ('µ', '£')),
    ('/', ('=', '+')),
];

/// `table` with the keys in `keys` replaced, each named by its unshifted US character. A name
/// that is not on a US keyboard fails the build (the table is built at compile time).
const fn with_keys(mut table: [(char, char); 47], keys: &[(char, (char, char))]) -> [(char, char); 47] {
    let mut k = 0;
    while k < keys.len() {
        let (us_key, typed) = keys[k];
        let mut i = 0;
        while US[i].0 != us_key {
            i += 1; // past the end of US: an index out of bounds, a compile error in a const
        }
        table[i] = typed;
        k += 1;
    }
    table
}

/// German QWERTZ (xkb `de`).
const QWERTZ_DE: [(char, char); 47] = [
    (DEAD, '°'),
    ('1', '!'),
    ('2', '"'),
    ('3', '§'),
    ('4', '$'),
    ('5', '%'),
    ('6', '&'),
    ('7', '/'),
    ('8', '('),
    ('9', ')'),
    ('0', '='),
    ('ß', '?'),
    (DEAD, DEAD),
    ('q', 'Q'),
    ('w', 'W'),
    ('e', 'E'),
    ('r', 'R'),
    ('t', 'T'),
    ('z', 'Z'),
    ('u', 'U'),
    ('i', 'I'),
    ('o', 'O'),
    ('p', 'P'),
    ('ü', 'Ü'),
    ('+', '*'),
    ('#', '\''),
    ('a', 'A'),
    ('s', 'S'),
    ('d', 'D'),
    ('f', 'F'),
    ('g', 'G'),
    ('h', 'H'),
    ('j', 'J'),
    ('k', 'K'),
    ('l', 'L'),
    ('ö', 'Ö'),
    ('ä', 'Ä'),
    ('y', 'Y'),
    ('x', 'X'),
    ('c', 'C'),
    ('v', 'V'),
    ('b', 'B'),
    ('n', 'N'),
    ('m', 'M'),
    (',', ';'),
    ('.', ':'),
    ('-', '_'),
];

impl KeyboardLayout {
    /// Every layout, US first; `auto` tries the others in this order.
    pub const ALL: [KeyboardLayout; 4] = [
        KeyboardLayout::Us,
        KeyboardLayout::AzertyFr,
        KeyboardLayout::AzertyBe,
        KeyboardLayout::QwertzDe,
    ];

    /// The setting's spelling: `us`, `azerty-fr`, `azerty-be`, `qwertz-de`.
    pub fn name(self) -> &'static str {
        match self {
            KeyboardLayout::Us => "us",
            KeyboardLayout::AzertyFr => "azerty-fr",
            KeyboardLayout::AzertyBe => "azerty-be",
            KeyboardLayout::QwertzDe => "qwertz-de",
        }
    }

    fn table(self) -> &'static [(char, char); 47] {
        match self {
            KeyboardLayout::Us => &US,
            KeyboardLayout::AzertyFr => &AZERTY_FR,
            KeyboardLayout::AzertyBe => &AZERTY_BE,
            KeyboardLayout::QwertzDe => &QWERTZ_DE,
        }
    }

    /// The US character whose key produces `typed` under this layout. Space is space.
    pub fn us_char_for(self, typed: char) -> Option<char> {
        if typed == ' ' {
            return Some(' ');
        }
        if typed == DEAD {
            return None;
        }
        self.table()
            .iter()
            .zip(US.iter())
            .find_map(|(&(lo, hi), &(us_lo, us_hi))| {
                if typed == lo {
                    Some(us_lo)
                } else if typed == hi {
                    Some(us_hi)
                } else {
                    None
                }
            })
    }

    /// What a US-layout scanner sent, read back from what this layout typed; `None` when a
    /// character could not have come from a US scanner under this layout.
    pub fn to_us(self, typed: &str) -> Option<String> {
        typed.chars().map(|c| self.us_char_for(c)).collect()
    }

    /// What this layout types when a US-layout scanner sends `us`; `None` when a character
    /// needs a key that is dead on this layout, or is not on a US keyboard.
    pub fn typed_from_us(self, us: &str) -> Option<String> {
        us.chars()
            .map(|c| {
                if c == ' ' {
                    return Some(' ');
                }
                let (i, shifted) = US.iter().enumerate().find_map(|(i, &(lo, hi))| {
                    (c == lo).then_some((i, false)).or((c == hi).then_some((i, true)))
                })?;
                let (lo, hi) = self.table()[i];
                let out = if shifted { hi } else { lo };
                (out != DEAD).then_some(out)
            })
            .collect()
    }
}

impl std::str::FromStr for LayoutSetting {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().to_ascii_lowercase();
        if s == "auto" {
            return Ok(LayoutSetting::Auto);
        }
        KeyboardLayout::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .map(LayoutSetting::Fixed)
            .ok_or_else(|| {
                format!("keyboard_layout must be auto, us, azerty-fr, azerty-be or qwertz-de, not {s:?}")
            })
    }
}

/// What became of a scanner's burst.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped {
    /// The code to look up.
    pub code: String,
    /// The layout it was read back from; `None` when it is used as it came.
    pub layout: Option<KeyboardLayout>,
    /// `auto` mapped it: the screen should say, once, which setting to fix
    /// (`[scanner] keyboard_layout = "<layout name>"`).
    pub hint: bool,
}

impl Mapped {
    fn as_is(burst: &str) -> Mapped {
        Mapped {
            code: burst.to_string(),
            layout: None,
            hint: false,
        }
    }
}

/// Maps a scanner's burst under the setting. With `auto`, `is_valid` says whether a string is a
/// code the kiosk would accept: a burst is mapped only when it is not valid as it came and
/// exactly one layout reads it back as a valid code (two layouts disagreeing is a guess, and
/// the burst is left alone). With a fixed layout every character it can read back is mapped.
pub fn map_burst(setting: LayoutSetting, burst: &str, is_valid: impl Fn(&str) -> bool) -> Mapped {
    match setting {
        LayoutSetting::Fixed(KeyboardLayout::Us) => Mapped::as_is(burst),
        LayoutSetting::Fixed(layout) => Mapped {
            code: burst
                .chars()
                .map(|c| layout.us_char_for(c).unwrap_or(c))
                .collect(),
            layout: Some(layout),
            hint: false,
        },
        LayoutSetting::Auto => {
            if is_valid(burst) {
                return Mapped::as_is(burst);
            }
            let mut found: Option<(KeyboardLayout, String)> = None;
            for layout in KeyboardLayout::ALL.into_iter().skip(1) {
                let Some(us) = layout.to_us(burst) else { continue };
                if us == burst || !is_valid(&us) {
                    continue;
                }
                match &found {
                    Some((_, code)) if *code != us => return Mapped::as_is(burst),
                    Some(_) => {}
                    None => found = Some((layout, us)),
                }
            }
            match found {
                Some((layout, code)) => Mapped {
                    code,
                    layout: Some(layout),
                    hint: true,
                },
                None => Mapped::as_is(burst),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CODE: &str = "ac6s7u3g8a25ja7x9qg87";

    /// What the kiosk would accept: the scan module's own reading.
    fn valid(s: &str) -> bool {
        crate::scan::classify(s).is_ok()
    }

    #[test]
    fn the_cards_example_reads_back() {
        let typed = "qc-sèu\"g_qé(jqèxçag_è";
        assert_eq!(
            KeyboardLayout::AzertyFr.typed_from_us(CODE).as_deref(),
            Some(typed)
        );
        assert_eq!(KeyboardLayout::AzertyFr.to_us(typed).as_deref(), Some(CODE));
        let m = map_burst(LayoutSetting::Auto, typed, valid);
        assert_eq!(
            m,
            Mapped {
                code: CODE.into(),
                layout: Some(KeyboardLayout::AzertyFr),
                hint: true
            }
        );
        let fixed = map_burst(LayoutSetting::Fixed(KeyboardLayout::AzertyFr), typed, valid);
        assert_eq!((fixed.code.as_str(), fixed.hint), (CODE, false));
    }

    #[test]
    fn belgian_and_german_tills() {
        let be = KeyboardLayout::AzertyBe.typed_from_us(CODE).unwrap();
        assert_eq!(be, "qc§sèu\"g!qé(jqèxçag!è");
        assert_eq!(
            map_burst(LayoutSetting::Auto, &be, valid).layout,
            Some(KeyboardLayout::AzertyBe)
        );
        // QWERTZ swaps y and z only: digits come through, so the burst is valid as it is and
        // only the fixed setting can map it.
        let de = KeyboardLayout::QwertzDe.typed_from_us("zyzzyva2026").unwrap();
        assert_eq!(de, "yzyyzva2026");
        assert_eq!(map_burst(LayoutSetting::Auto, &de, valid).code, de);
        let fixed = map_burst(LayoutSetting::Fixed(KeyboardLayout::QwertzDe), &de, valid);
        assert_eq!(fixed.code, "zyzzyva2026");
    }

    #[test]
    fn belgian_keys_differ_from_french_only_where_listed() {
        // The US 6 key: `-` on a French till, `§` on a Belgian one; shifted, `6` on both.
        assert_eq!(
            KeyboardLayout::AzertyFr.typed_from_us("6^").as_deref(),
            Some("-6")
        );
        assert_eq!(
            KeyboardLayout::AzertyBe.typed_from_us("6^").as_deref(),
            Some("§6")
        );
        // `§` is the 6 key on be, shift and the / key on fr.
        assert_eq!(KeyboardLayout::AzertyBe.to_us("§").as_deref(), Some("6"));
        assert_eq!(KeyboardLayout::AzertyFr.to_us("§").as_deref(), Some("?"));
        // Where they agree, they agree: the A key types `q` on both.
        for l in [KeyboardLayout::AzertyFr, KeyboardLayout::AzertyBe] {
            assert_eq!(l.typed_from_us("aA").as_deref(), Some("qQ"), "{}", l.name());
        }
        // Each listed key changes something; every other key is the French one.
        for (i, (fr, be)) in AZERTY_FR.iter().zip(AZERTY_BE.iter()).enumerate() {
            let listed = AZERTY_BE_KEYS.iter().any(|&(key, _)| key == US[i].0);
            assert_eq!(fr != be, listed, "US key {:?}: fr {fr:?}, be {be:?}", US[i].0);
        }
    }

    #[test]
    fn a_valid_burst_and_the_us_layout_are_left_alone() {
        for setting in [LayoutSetting::Auto, LayoutSetting::Fixed(KeyboardLayout::Us)] {
            let m = map_burst(setting, CODE, valid);
            assert_eq!(m, Mapped::as_is(CODE));
        }
        // Not a code under any layout: left as it came, for the kiosk to refuse as typed.
        let m = map_burst(LayoutSetting::Auto, "€€€", valid);
        assert_eq!(m, Mapped::as_is("€€€"));
    }

    #[test]
    fn two_layouts_reading_different_codes_is_not_a_guess_worth_making() {
        // `-` is the 6 key on fr, the = key on be and the / key on de: under a check that
        // accepts anything without `-`, the layouts read back three different "valid" codes.
        let lenient = |s: &str| !s.contains('-');
        let m = map_burst(LayoutSetting::Auto, "qc-s", lenient);
        assert_eq!(m, Mapped::as_is("qc-s"));
    }

    #[test]
    fn settings_parse() {
        assert_eq!("auto".parse(), Ok(LayoutSetting::Auto));
        assert_eq!(
            " AZERTY-BE ".parse(),
            Ok(LayoutSetting::Fixed(KeyboardLayout::AzertyBe))
        );
        for l in KeyboardLayout::ALL {
            assert_eq!(l.name().parse(), Ok(LayoutSetting::Fixed(l)));
        }
        let e = "dvorak".parse::<LayoutSetting>().unwrap_err();
        assert!(e.contains("azerty-fr") && e.contains("dvorak"), "{e}");
    }

    #[test]
    fn every_table_types_each_character_from_one_key_only() {
        for l in KeyboardLayout::ALL {
            let mut seen = std::collections::HashSet::new();
            for &(lo, hi) in l.table() {
                for c in [lo, hi].into_iter().filter(|&c| c != DEAD) {
                    assert!(seen.insert(c), "{} types {c:?} from two keys", l.name());
                }
            }
        }
    }

    proptest! {
        /// Whatever a US scanner sends (letters, digits and the URL characters), every layout
        /// reads it back exactly, wherever none of its keys is dead there.
        #[test]
        fn round_trip(us in "[a-zA-Z0-9:/.?=&_-]{1,60}") {
            for l in KeyboardLayout::ALL {
                if let Some(typed) = l.typed_from_us(&us) {
                    prop_assert_eq!(l.to_us(&typed), Some(us.clone()), "{}", l.name());
                }
            }
        }

        /// Session codes always survive the trip on all four layouts (none needs a dead key).
        #[test]
        fn session_codes_always_map(code in "[a-z0-9]{21}") {
            for l in KeyboardLayout::ALL {
                let typed = l.typed_from_us(&code).expect("letters and digits are never dead keys");
                let fixed = map_burst(LayoutSetting::Fixed(l), &typed, valid);
                prop_assert_eq!(&fixed.code, &code);
            }
        }
    }
}
