//! The kiosk's words in the cashier's language. Every word the kiosk screen shows comes from
//! the Fluent message files in `assets/locales/<language>/`, embedded in the binary at build
//! time; a message missing in a language falls back to English. The command line stays English.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{langid, static_loader, LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./assets/locales",
        fallback_language: "en",
        // Fluent wraps arguments in Unicode isolation marks by default; a terminal prints them
        // as stray glyphs or counts them as width.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static ENGLISH: LanguageIdentifier = langid!("en");
static DUTCH: LanguageIdentifier = langid!("nl");
static FRENCH: LanguageIdentifier = langid!("fr");
static GERMAN: LanguageIdentifier = langid!("de");

/// A language the kiosk speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Nl,
    Fr,
    De,
}

/// One argument of a message: `{ $name }` in the message file.
pub type Arg<'a> = (&'a str, FluentValue<'a>);

impl Language {
    pub const ALL: [Language; 4] = [Language::En, Language::Nl, Language::Fr, Language::De];

    /// The language's code, as in `--lang` and the locales folder.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
            Language::Fr => "fr",
            Language::De => "de",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Language::En => &ENGLISH,
            Language::Nl => &DUTCH,
            Language::Fr => &FRENCH,
            Language::De => &GERMAN,
        }
    }

    /// A language as a person or the environment names it: `nl`, `NL`, `nl-BE`,
    /// `fr_BE.UTF-8`, `de_DE@euro`. `None` for a language the kiosk does not speak (and for
    /// `C`/`POSIX`, which name no language).
    pub fn parse(name: &str) -> Option<Language> {
        let primary = name
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language the locale environment asks for, in POSIX order of precedence
    /// (`LC_ALL`, then `LC_MESSAGES`, then `LANG`); the first one set decides.
    pub fn from_env() -> Option<Language> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// `from_env` over any source of variables (tests pass a map).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Option<Language> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|name| var(name).filter(|v| !v.is_empty()))
            .map(|value| Language::parse(&value))
            .next()
            .flatten()
    }

    /// A calendar date in the language's own form: "30 Nov 2026", "30 nov 2026", "30 nov. 2026",
    /// "30. Nov. 2026". The pattern is the message `date-format` (strftime), the month names
    /// come from the locale data (chrono's `pure-rust-locales`), not from a table of ours.
    pub fn date(self, date: time::Date) -> String {
        let locale = match self {
            Language::En => chrono::Locale::en_GB,
            Language::Nl => chrono::Locale::nl_NL,
            Language::Fr => chrono::Locale::fr_FR,
            Language::De => chrono::Locale::de_DE,
        };
        let Some(day) = chrono::NaiveDate::from_ymd_opt(
            date.year(),
            u32::from(u8::from(date.month())),
            u32::from(date.day()),
        ) else {
            return date.to_string();
        };
        let pattern = self.text("date-format");
        // A pattern chrono cannot read must not panic in `Display`: check it first.
        if chrono::format::StrftimeItems::new(&pattern).any(|i| i == chrono::format::Item::Error) {
            return date.to_string();
        }
        day.format_localized(&pattern, locale).to_string()
    }

    /// How long, in this language: "45 s", "12 min", "2 h 5 min", "3 Tage".
    pub fn age(self, seconds: u64) -> String {
        let s = seconds;
        match s {
            0..=59 => self.text_with("age-seconds", &[("s", s.into())]),
            60..=3599 => self.text_with("age-minutes", &[("min", (s / 60).into())]),
            3600..=86_399 => self.text_with(
                "age-hours",
                &[("h", (s / 3600).into()), ("min", ((s % 3600) / 60).into())],
            ),
            _ => self.text_with("age-days", &[("days", (s / 86_400).into())]),
        }
    }

    /// A moment as the language's date and the time of day to the minute, in the moment's own
    /// offset: "30. Nov. 2026 14:05". The screen passes the till's local time.
    pub fn date_time(self, at: time::OffsetDateTime) -> String {
        format!("{} {:02}:{:02}", self.date(at.date()), at.hour(), at.minute())
    }

    /// A moment in UTC, said so (the journal and the command line): "30 Nov 2026 14:05 UTC".
    pub fn when_utc(self, at: time::OffsetDateTime) -> String {
        format!("{} UTC", self.date_time(at.to_offset(time::UtcOffset::UTC)))
    }

    /// The message `id` in this language (English when this language lacks it).
    pub fn text(self, id: &str) -> String {
        self.text_with(id, &[])
    }

    /// The message `id` with its arguments filled in. A message missing in every language shows
    /// as its id, never as a panic; the completeness test keeps that from shipping.
    pub fn text_with(self, id: &str, args: &[Arg<'_>]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Owned(name.to_string()), value.clone().into_owned()))
            .collect();
        LOCALES
            .try_lookup_complete(self.id(), id, (!args.is_empty()).then_some(&args))
            .unwrap_or_else(|| id.to_string())
    }
}

/// A message to say later, in whatever language the screen speaks then: its id and arguments.
/// (Kept apart from the words so a state can be compared, and re-drawn after a language change.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub id: &'static str,
    pub args: Vec<(&'static str, SaidArg)>,
}

/// An argument of a [`Said`]: text, or a number (which plural forms select on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaidArg {
    Text(String),
    Number(u64),
    /// How long ago, in seconds: worded by the `age-` messages ("12 min", "3 Tage").
    Age(u64),
    /// A moment: in the till's local time on the screen ("30. Nov. 2026 15:05", see
    /// [`Said::in_zone`]), in UTC elsewhere ("30 Nov 2026 14:05 UTC").
    When(time::OffsetDateTime),
    /// Another message, said in the same language (a plain sentence inside a longer one).
    Said(Box<Said>),
}

impl Said {
    pub fn new(id: &'static str) -> Self {
        Self { id, args: vec![] }
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, SaidArg::Text(value.into())));
        self
    }

    pub fn number(mut self, name: &'static str, value: u64) -> Self {
        self.args.push((name, SaidArg::Number(value)));
        self
    }

    pub fn age(mut self, name: &'static str, seconds: u64) -> Self {
        self.args.push((name, SaidArg::Age(seconds)));
        self
    }

    pub fn when(mut self, name: &'static str, at: time::OffsetDateTime) -> Self {
        self.args.push((name, SaidArg::When(at)));
        self
    }

    pub fn said(mut self, name: &'static str, said: Said) -> Self {
        self.args.push((name, SaidArg::Said(Box::new(said))));
        self
    }

    /// The message in `language`, moments in UTC (said so): the journal, the command line, logs.
    pub fn in_language(&self, language: Language) -> String {
        self.render(language, None)
    }

    /// The message in `language` for the screen: moments in the till's local time, `offset_at`
    /// giving the offset in force at an instant (daylight saving may differ between two dates).
    pub fn in_zone(
        &self,
        language: Language,
        offset_at: &dyn Fn(time::OffsetDateTime) -> time::UtcOffset,
    ) -> String {
        self.render(language, Some(offset_at))
    }

    fn render(
        &self,
        language: Language,
        offset_at: Option<&dyn Fn(time::OffsetDateTime) -> time::UtcOffset>,
    ) -> String {
        let args: Vec<Arg<'_>> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    SaidArg::Text(t) => FluentValue::from(t.as_str()),
                    SaidArg::Number(n) => FluentValue::from(*n),
                    SaidArg::Age(s) => FluentValue::from(language.age(*s)),
                    SaidArg::When(at) => FluentValue::from(match offset_at {
                        Some(offset_at) => language.date_time(at.to_offset(offset_at(*at))),
                        None => language.when_utc(*at),
                    }),
                    SaidArg::Said(said) => FluentValue::from(said.render(language, offset_at)),
                };
                (*name, value)
            })
            .collect();
        language.text_with(self.id, &args)
    }
}

impl std::str::FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::parse(s)
            .ok_or_else(|| format!("unknown language {s:?}: the kiosk speaks en, nl, fr and de"))
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_names_parse_to_their_language() {
        assert_eq!(Language::parse("nl_BE.UTF-8"), Some(Language::Nl));
        assert_eq!(Language::parse("fr-FR"), Some(Language::Fr));
        assert_eq!(Language::parse("de_DE@euro"), Some(Language::De));
        assert_eq!(Language::parse("EN"), Some(Language::En));
        assert_eq!(Language::parse("C"), None);
        assert_eq!(Language::parse("es_ES.UTF-8"), None);
    }

    #[test]
    fn lc_all_outranks_lang_and_empty_values_are_unset() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(
            Language::from_vars(vars(&[("LC_ALL", "de_DE.UTF-8"), ("LANG", "fr_FR.UTF-8")])),
            Some(Language::De)
        );
        assert_eq!(
            Language::from_vars(vars(&[("LC_ALL", ""), ("LANG", "nl_NL.UTF-8")])),
            Some(Language::Nl)
        );
        // A set variable naming an unknown language decides (POSIX precedence): English.
        assert_eq!(
            Language::from_vars(vars(&[("LC_ALL", "C"), ("LANG", "nl_NL.UTF-8")])),
            None
        );
    }

    #[test]
    fn dates_in_each_languages_own_form() {
        let d = time::macros::date!(2026 - 11 - 30);
        assert_eq!(Language::En.date(d), "30 Nov 2026");
        assert_eq!(Language::Nl.date(d), "30 nov 2026");
        assert_eq!(Language::Fr.date(d), "30 nov. 2026");
        assert_eq!(Language::De.date(d), "30. Nov. 2026");
        assert_eq!(
            Language::De.date(time::macros::date!(2026 - 03 - 01)),
            "1. Mär. 2026"
        );
    }

    #[test]
    fn a_moment_is_local_on_the_screen_and_utc_said_so_elsewhere() {
        let at = time::macros::datetime!(2026-11-19 23:30 UTC);
        let said = Said::new("offline-already-used").when("at", at);
        let plus_one = |_| time::macros::offset!(+1);
        assert_eq!(
            said.in_zone(Language::De, &plus_one),
            "Diese Kasse hat diesen Coupon am 20. Nov. 2026 00:30 offline angenommen."
        );
        assert_eq!(
            said.in_language(Language::En),
            "This till accepted this coupon offline on 19 Nov 2026 23:30 UTC."
        );
    }

    #[test]
    fn a_message_inside_a_message_is_said_in_the_same_language() {
        let said = Said::new("undo-failed-nothing-taken-back").said("plain", Said::new("plain-unreachable"));
        assert_eq!(
            said.in_language(Language::Fr),
            "Le serveur est injoignable. Rien n'a été annulé."
        );
    }

    #[test]
    fn an_unknown_message_shows_as_its_id() {
        assert_eq!(Language::De.text("no-such-message"), "no-such-message");
    }

    #[test]
    fn arguments_and_plurals_are_filled_in_without_isolation_marks() {
        let one = Language::En.text_with("scan-queue-waiting", &[("count", 1.into())]);
        let many = Language::En.text_with("scan-queue-waiting", &[("count", 3.into())]);
        assert_eq!(one, "1 scan waiting");
        assert_eq!(many, "3 scans waiting");
        let nl = Language::Nl.text_with("scan-queue-waiting", &[("count", 3.into())]);
        assert_eq!(nl, "3 scans in de wachtrij");
    }
}
