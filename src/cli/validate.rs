//! `validate`: one coupon at the counter, with the same journal as the kiosk (same data
//! directory, same terminal id), so that a retry after an unknown outcome finds this till's
//! earlier attempt instead of refusing its own validation.

use super::output::{self, fail, print_json, Paint};
use super::GlobalArgs;
use crate::api::params::parse_money;
use crate::api::ApiError;
use crate::journal::{self, Entry, Journal, JOURNAL_FILE};
use crate::redeem::{self, EarlierAttempt, Outcome, Till, ValidateExtras, Verdict};
use crate::scan::Scanned;
use crate::settings::Settings;
use crate::tag::AttemptId;
use clap::Args;
use rust_decimal::Decimal;
use std::process::ExitCode;
use time::OffsetDateTime;

#[derive(Args, Debug)]
#[command(
    after_help = "Exit status: 0 validated by this till (confirmed by the server); \
    1 refused (already validated, expired, voided, not found, ...); 2 invalid input or settings; \
    3 outcome unknown (do not accept the coupon yet); 4 validated, but possibly not by this till \
    (an answer was lost and nothing proves whose validation it is: no undo, check it).\n\n\
    Every attempt is written to the journal in the data directory before its verdict is printed; \
    when the journal cannot be opened nothing is sent (exit 2).\n\n\
    Examples:\n  \
    coupon-kiosk validate ac6s7u\n  \
    coupon-kiosk validate ac6s7u3g8a25ja7x9qg87 --money-spent 12.50\n  \
    coupon-kiosk validate WELCOME2026 --terminal-id till-2 --json"
)]
pub struct ValidateArgs {
    /// Session code, short code, coupon URL, or custom validation code
    pub code: String,
    /// Amount spent: digits and a decimal point, e.g. 12.50 or 1500 (sent as money_spent).
    /// A decimal comma is read as a point (12,50), but a comma followed by exactly three digits
    /// (1,500) is refused: it could mean thousands
    #[arg(long, value_name = "AMOUNT")]
    pub money_spent: Option<String>,
    /// This till's name in the journal and the validation tag [default: kiosk.terminal_id]
    #[arg(long, value_name = "NAME")]
    pub terminal_id: Option<String>,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// How far back this till's unknown attempts are looked for.
const EARLIER_WINDOW: time::Duration = time::Duration::days(7);
/// At most this many of them are carried into one attempt.
const EARLIER_LIMIT: usize = 100;
/// Longest terminal id accepted on the command line.
const MAX_TERMINAL_CHARS: usize = 40;

/// `validate --json`: one object.
#[derive(Debug, serde::Serialize)]
struct VerdictJson<'a> {
    outcome: &'static str,
    session: Option<&'a str>,
    campaign: Option<&'a str>,
    error_code: Option<u32>,
    message: &'a str,
    validation_date_utc: Option<String>,
    round_trips: u32,
    /// The id this attempt wrote into the tag field (when an update was sent).
    attempt_id: Option<&'a str>,
    /// An earlier attempt of this till, journaled as unknown, now confirmed.
    earlier_attempt_confirmed: Option<&'a str>,
}

/// The outcome words of `--json` (`not_claimed` is reported as `refused`; the message says why).
fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::NotClaimed => "refused",
        other => other.as_str(),
    }
}

pub async fn run_validate(settings: &Settings, args: ValidateArgs) -> ExitCode {
    let ready = prepare(settings, &args);
    let (scanned, extras, client, journal) = match ready {
        Ok(r) => r,
        Err(e) if args.json => {
            let verdict = Verdict::from_error(&e, 0);
            print(&verdict, true);
            return ExitCode::from(output::exit_status_of(&e));
        }
        Err(e) => return fail(&e),
    };
    let started = OffsetDateTime::now_utc();
    let t0 = std::time::Instant::now();
    let terminal = extras.till.terminal.clone();
    let cashier = extras.till.cashier.clone();
    let verdict = redeem::redeem(&client, &scanned, extras).await;
    let entry = Entry {
        at_utc: started,
        scanned: scanned_text(&scanned),
        session: verdict.session.as_ref().map(|s| s.session.clone()),
        campaign: verdict.session.as_ref().map(|s| s.campaign.clone()),
        operation: journal::Operation::Validate,
        outcome: journal_outcome(verdict.outcome),
        error_code: verdict.error_code,
        message: verdict.message.clone(),
        round_trips: verdict.round_trips,
        rtt_ms: (verdict.round_trips > 0)
            .then(|| u64::try_from(t0.elapsed().as_millis()).unwrap_or(u64::MAX)),
        terminal,
        cashier,
        reason: None,
        attempt_id: verdict.attempt.as_ref().map(AttemptId::to_string),
    };
    let mut journaled = journal.record(&entry).map(|_| ());
    if let (Ok(()), Some(earlier)) = (&journaled, &verdict.earlier_confirmed) {
        journaled = journal
            .resolve(
                earlier.as_str(),
                journal::Outcome::Validated,
                OffsetDateTime::now_utc(),
            )
            .map(|_| ());
    }
    print(&verdict, args.json);
    if let Err(e) = journaled {
        // The verdict stands (the server decided it); the record of it is what failed.
        output::error_line(&format!(
            "the journal could not be written ({e}): note this attempt by hand."
        ));
    }
    ExitCode::from(verdict.outcome.exit_status())
}

type Ready = (Scanned, ValidateExtras, crate::api::Client, Journal);

/// Everything checked before anything is sent: the code, the amount, the account, the
/// terminal id and the journal (with this till's unknown attempts in it).
fn prepare(settings: &Settings, args: &ValidateArgs) -> Result<Ready, ApiError> {
    let scanned = super::sessions::classify(&args.code)?;
    let money_spent = args.money_spent.as_deref().map(money_arg).transpose()?;
    let client = settings.client()?;
    let terminal = match &args.terminal_id {
        Some(t) => terminal_arg(t)?,
        None => settings.kiosk.terminal_id.clone(),
    };
    // Every validation is journaled first: without the journal nothing is sent.
    let journal = Journal::open_in(&settings.data_dir, JOURNAL_FILE)
        .map_err(|e| ApiError::Config(super::explain::local_data_unusable(&e, "nothing was sent")))?;
    let since = OffsetDateTime::now_utc() - EARLIER_WINDOW;
    let earlier = journal
        .unresolved(
            &terminal,
            &[journal::Outcome::Unknown, journal::Outcome::ValidatedOwnerUnknown],
            since,
            EARLIER_LIMIT,
        )
        .map_err(|e| ApiError::Config(super::explain::local_data_unusable(&e, "nothing was sent")))?
        .into_iter()
        .filter_map(|u| {
            Some(EarlierAttempt {
                attempt: AttemptId::parse(&u.attempt_id)?,
                codes: [Some(u.scanned), u.session].into_iter().flatten().collect(),
                started_utc: u.at_utc,
            })
        })
        .collect();
    let extras = ValidateExtras {
        money_spent,
        till: Till {
            terminal,
            cashier: settings.kiosk.cashier.clone(),
            tag_field: settings.kiosk.tag_customfield,
        },
        earlier,
        attempt_id: None,
    };
    Ok((scanned, extras, client, journal))
}

/// The journal's word for a verdict.
pub fn journal_outcome(o: Outcome) -> journal::Outcome {
    match o {
        Outcome::Validated => journal::Outcome::Validated,
        Outcome::ValidatedOwnerUnknown => journal::Outcome::ValidatedOwnerUnknown,
        Outcome::AlreadyValidated => journal::Outcome::AlreadyValidated,
        Outcome::Expired => journal::Outcome::Expired,
        Outcome::Voided => journal::Outcome::Voided,
        Outcome::Locked => journal::Outcome::Locked,
        Outcome::NotFound => journal::Outcome::NotFound,
        Outcome::NotClaimed => journal::Outcome::NotClaimed,
        Outcome::Refused => journal::Outcome::Refused,
        Outcome::InvalidInput => journal::Outcome::InvalidInput,
        Outcome::Unknown => journal::Outcome::Unknown,
    }
}

/// `--money-spent`: one unambiguous form (`parse_money` refuses `1,500`: thousands or decimals?).
pub(super) fn money_arg(raw: &str) -> Result<Decimal, ApiError> {
    parse_money(raw)
}

pub(super) fn terminal_arg(raw: &str) -> Result<String, ApiError> {
    let t = raw.trim();
    if t.is_empty() || t.chars().count() > MAX_TERMINAL_CHARS || t.chars().any(char::is_control) {
        return Err(ApiError::InvalidInput(format!(
            "--terminal-id must be a short printable name such as \"till-1\" (at most {MAX_TERMINAL_CHARS} characters)."
        )));
    }
    Ok(t.to_string())
}

fn scanned_text(s: &Scanned) -> String {
    match s {
        Scanned::SessionCode(c)
        | Scanned::ShortCode(c)
        | Scanned::CustomCode(c)
        | Scanned::Email(c)
        | Scanned::Phone(c) => c.clone(),
    }
}

fn print(v: &Verdict, json: bool) {
    if json {
        let out = VerdictJson {
            outcome: outcome_word(v.outcome),
            session: v.session.as_ref().map(|s| s.session.as_str()),
            campaign: v
                .session
                .as_ref()
                .map(|s| s.campaign.as_str())
                .filter(|c| !c.is_empty()),
            error_code: v.error_code,
            message: &v.message,
            validation_date_utc: output::json_date(v.validation_date_utc),
            round_trips: v.round_trips,
            attempt_id: v.attempt.as_ref().map(AttemptId::as_str),
            earlier_attempt_confirmed: v.earlier_confirmed.as_ref().map(AttemptId::as_str),
        };
        if let Err(e) = print_json(&out) {
            output::error_line(&e.to_string());
        }
        return;
    }
    let out = Paint::stdout();
    let clean = output::clean;
    let code = v
        .session
        .as_ref()
        .map(|s| format!("  {} {}", clean(&s.session), out.dim(&clean(&s.campaign))))
        .unwrap_or_default();
    let when = v
        .validation_date_utc
        .map(|t| format!(" on {}", output::human_date(t)))
        .unwrap_or_default();
    let headline = match v.outcome {
        Outcome::Validated if v.earlier_confirmed.is_some() => {
            out.good("✔ VALIDATED (confirmed: this till's earlier attempt went through)")
        }
        Outcome::Validated => out.good("✔ VALIDATED"),
        Outcome::ValidatedOwnerUnknown => out.warn(&format!("⚠ VALIDATED{when} — POSSIBLY NOT BY THIS TILL")),
        Outcome::AlreadyValidated => out.bad(&format!("✖ ALREADY VALIDATED{when}")),
        Outcome::Expired => out.bad("✖ EXPIRED"),
        Outcome::Voided => out.bad("✖ VOIDED"),
        Outcome::Locked => out.bad("✖ LOCKED"),
        Outcome::NotFound => out.bad("✖ NOT FOUND"),
        Outcome::NotClaimed => out.bad("✖ NOT CLAIMED"),
        Outcome::Refused => out.bad("✖ REFUSED"),
        Outcome::InvalidInput => out.warn("⚠ INVALID INPUT"),
        Outcome::Unknown => out.warn("⚠ UNKNOWN — do not accept yet"),
    };
    println!("{headline}{code}");
    if v.outcome != Outcome::Validated {
        let reason = match (v.error_code, v.outcome) {
            (Some(c), _) => super::explain::of_refusal(c, &v.message),
            // A custom code no search found: the same advice as a code the server does not know.
            (None, Outcome::NotFound) => super::explain::NOT_FOUND.to_string(),
            (None, _) => v.message.clone(),
        };
        println!("  {}", clean(&reason));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comma_before_three_digits_is_refused() {
        for bad in ["1,500", " 12,000 ", "0,125"] {
            let e = money_arg(bad).unwrap_err();
            assert!(e.to_string().contains("ambiguous"), "{bad}: {e}");
        }
        assert_eq!(money_arg("12,50").unwrap().to_string(), "12.50");
        assert_eq!(money_arg("1500").unwrap().to_string(), "1500");
        assert_eq!(money_arg("1.500").unwrap().to_string(), "1.500");
    }
}
