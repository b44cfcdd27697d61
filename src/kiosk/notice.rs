//! A one-line message in a tone: under the scan field, or on the lookup screen.
//!
//! A notice the kiosk writes itself carries its message id (`assets/locales`) so the screen says
//! it in the cashier's language; `text` is the English, for tests and logs. Text that comes from
//! elsewhere (an error from the server or a local check) has no message and shows as it is.

use super::verdict::Tone;
use crate::i18n::{Language, Said};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub tone: Tone,
    /// The kiosk's own words, when these are: shown in the kiosk's language.
    pub said: Option<Said>,
}

impl Notice {
    pub fn bad(text: impl Into<String>) -> Self {
        Self::plain(text, Tone::Bad)
    }
    pub fn warn(text: impl Into<String>) -> Self {
        Self::plain(text, Tone::Warn)
    }
    pub fn good(text: impl Into<String>) -> Self {
        Self::plain(text, Tone::Good)
    }

    fn plain(text: impl Into<String>, tone: Tone) -> Self {
        Self {
            text: text.into(),
            tone,
            said: None,
        }
    }

    /// A warning in the kiosk's own words: message `said`.
    pub fn warn_said(said: Said) -> Self {
        Self {
            text: said.in_language(Language::En),
            tone: Tone::Warn,
            said: Some(said),
        }
    }

    /// A failure in the kiosk's own words: message `said`.
    pub fn bad_said(said: Said) -> Self {
        Self {
            tone: Tone::Bad,
            ..Self::warn_said(said)
        }
    }

    /// Good news in the kiosk's own words: message `said`.
    pub fn good_said(said: Said) -> Self {
        Self {
            tone: Tone::Good,
            ..Self::warn_said(said)
        }
    }

    /// The notice in `language`.
    pub fn text_in(&self, language: Language) -> String {
        match &self.said {
            Some(said) => said.in_language(language),
            None => self.text.clone(),
        }
    }
}
