//! `validate`, `session`, `lookup`, `update`, `remove`: the counter's session commands.

use super::output::{self, fail, print_json, Paint, SessionJson, EXIT_OK, EXIT_REFUSED};
use super::GlobalArgs;
use crate::api::params::{check_customfield, check_phone};
use crate::api::{ApiError, CampaignId, Client, Operation, Refusal, SearchQuery, SessionCode, UpdateSession};
use crate::journal::{Journal, JOURNAL_FILE};
use crate::redeem::{self, ownership};
use crate::scan::{self, Scanned};
use crate::settings::Settings;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct SessionArgs {
    /// Session code, short code, coupon URL, or custom validation code
    pub code: String,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("filter").required(true).args(["email", "phone", "code"])))]
pub struct LookupArgs {
    /// Customer email address (at least 5 characters)
    #[arg(long)]
    pub email: Option<String>,
    /// Customer phone number (at least 5 digits)
    #[arg(long)]
    pub phone: Option<String>,
    /// Custom validation code (at least 5 characters)
    #[arg(long)]
    pub code: Option<String>,
    /// Search only this coupon (cam_...)
    #[arg(long, value_name = "CAMPAIGN")]
    pub campaign: Option<String>,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Args, Debug)]
pub struct UpdateArgs {
    /// Session code, short code or coupon URL
    pub code: String,
    /// void, unvoid, lock, unlock, claim, validate, unvalidate or activate
    #[arg(long, value_name = "OP")]
    pub operation: Option<String>,
    #[command(flatten)]
    pub fields: super::CustomFieldArgs,
    /// Custom id: letters and digits, at most 50
    #[arg(long, value_name = "ID")]
    pub customid: Option<String>,
    /// Amount spent: digits and a decimal point, e.g. 12.50 (1,500 is refused as ambiguous)
    #[arg(long, value_name = "AMOUNT")]
    pub money_spent: Option<String>,
    /// Unvalidate even a validation this till did not make (a supervisor's override)
    #[arg(long)]
    pub any_till: bool,
    /// This till's name, as its validations were journaled and tagged [default: kiosk.terminal_id]
    #[arg(long, value_name = "NAME")]
    pub terminal_id: Option<String>,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Args, Debug)]
pub struct RemoveArgs {
    /// Coupon id (cam_...)
    pub campaign: String,
    /// Session code or short code
    pub code: String,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

pub(super) fn classify(raw: &str) -> Result<Scanned, ApiError> {
    scan::classify(raw).map_err(|e| ApiError::InvalidInput(e.to_string()))
}

/// A session code from what was typed: a code, a short code or a coupon URL.
fn session_code_arg(raw: &str) -> Result<SessionCode, ApiError> {
    match classify(raw)? {
        Scanned::SessionCode(c) | Scanned::ShortCode(c) => SessionCode::parse(&c),
        Scanned::CustomCode(_) => Err(ApiError::InvalidInput(format!(
            "{:?} is not a session code (21 letters and digits, or the 6-character short code). \
             Find the session with: coupon-kiosk lookup --code {}",
            raw.trim(),
            raw.trim()
        ))),
        Scanned::Email(_) | Scanned::Phone(_) => Err(ApiError::InvalidInput(
            "That is an email address or phone number, not a session code: use coupon-kiosk lookup.".into(),
        )),
    }
}

pub async fn run_session(settings: &Settings, args: SessionArgs) -> ExitCode {
    let short_code = match scan::classify(&args.code) {
        Ok(Scanned::ShortCode(c)) => Some(c),
        _ => None,
    };
    let result = async {
        let scanned = classify(&args.code)?;
        if matches!(scanned, Scanned::Email(_) | Scanned::Phone(_)) {
            return Err(ApiError::InvalidInput(
                "That is an email address or phone number: use coupon-kiosk lookup.".into(),
            ));
        }
        let client = settings.client()?;
        let mut found = redeem::resolve(&client, &scanned).await?;
        match found.len() {
            0 => Ok(None),
            1 => Ok(found.pop()),
            n => Err(ApiError::InvalidInput(format!(
                "{n} sessions have this code; list them with: coupon-kiosk lookup --code {}",
                args.code.trim()
            ))),
        }
    }
    .await;
    match result {
        Ok(Some(session)) => {
            if args.json {
                if let Err(e) = print_json(&SessionJson::of(&session)) {
                    return fail(&e);
                }
            } else {
                for line in output::session_lines(Paint::stdout(), &session) {
                    println!("{line}");
                }
            }
            ExitCode::from(EXIT_OK)
        }
        Ok(None) => {
            output::error_line(super::explain::NOT_FOUND);
            ExitCode::from(EXIT_REFUSED)
        }
        Err(e) => match (&short_code, e.refusal()) {
            (Some(short), Some(Refusal::NotFound)) => {
                output::error_line(&super::explain::short_code_not_found(short, &e));
                ExitCode::from(output::exit_status_of(&e))
            }
            _ => fail(&e),
        },
    }
}

pub async fn run_lookup(settings: &Settings, args: LookupArgs) -> ExitCode {
    let result = async {
        let campaign = args.campaign.as_deref().map(CampaignId::parse).transpose()?;
        let within = |q: SearchQuery| match &campaign {
            Some(c) => q.in_campaign(c.clone()),
            None => q,
        };
        // A phone number may be searched in more than one form (international, then as typed).
        let queries = if let Some(e) = &args.email {
            vec![within(SearchQuery::by_email(e)?)]
        } else if let Some(p) = &args.phone {
            check_phone(p)?;
            redeem::phone_searches(p, settings.kiosk.default_country, campaign.as_ref())?
        } else if let Some(c) = &args.code {
            vec![within(SearchQuery::by_code(c)?)]
        } else {
            return Err(ApiError::InvalidInput("Give --email, --phone or --code.".into()));
        };
        redeem::search_first(&settings.client()?, &queries).await
    }
    .await;
    let sessions = match result {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    if args.json {
        let items: Vec<SessionJson<'_>> = sessions.iter().map(SessionJson::of).collect();
        if let Err(e) = print_json(&items) {
            return fail(&e);
        }
    } else {
        let p = Paint::stdout();
        for s in &sessions {
            println!("{}", output::session_row(p, s));
        }
    }
    if sessions.is_empty() {
        output::error_line(
            "No coupon session matches: check what you searched for, or search by another field.",
        );
        ExitCode::from(EXIT_REFUSED)
    } else {
        ExitCode::from(EXIT_OK)
    }
}

fn build_update(args: &UpdateArgs) -> Result<UpdateSession, ApiError> {
    let mut update = UpdateSession::new(session_code_arg(&args.code)?);
    if let Some(op) = &args.operation {
        update = update.operation(op.parse::<Operation>()?);
    }
    for (i, value) in (1u8..).zip(args.fields.values()) {
        if let Some(v) = value {
            check_customfield(i, v)?;
            update = update.customfield(i, v)?;
        }
    }
    if let Some(id) = &args.customid {
        update = update.customid(id)?;
    }
    if let Some(m) = &args.money_spent {
        update = update.money_spent(super::validate::money_arg(m)?)?;
    }
    update.check()?;
    Ok(update)
}

pub async fn run_update(settings: &Settings, args: UpdateArgs) -> ExitCode {
    let result = async {
        let mut update = build_update(&args)?;
        let client: Client = settings.client()?;
        if update.operation == Some(Operation::Unvalidate) && !args.any_till {
            match check_made_here(settings, &args, &client, &update.code).await? {
                Ok(full) => update.code = full,
                Err(not_ours) => return Ok(Err(not_ours)),
            }
        }
        client.update_session(&update).await.map(|s| Ok((update, s)))
    }
    .await;
    let result = match result {
        Ok(Err(not_ours)) => {
            output::error_line(&not_ours);
            return ExitCode::from(EXIT_REFUSED);
        }
        Ok(Ok(done)) => Ok(done),
        Err(e) => Err(e),
    };
    match result {
        Ok((update, session)) => {
            if args.json {
                if let Err(e) = print_json(&SessionJson::of(&session)) {
                    return fail(&e);
                }
            } else {
                let p = Paint::stdout();
                let done = update
                    .operation
                    .map_or("updated".to_string(), |op| format!("{} done", op.as_str()));
                println!("{} {}", p.good("✔"), done);
                for line in output::session_lines(p, &session) {
                    println!("{line}");
                }
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => fail(&e),
    }
}

/// Before an unvalidate: proves the session shows a validation this till made (see
/// `redeem::ownership::made_here`), and returns its full code for the update. Another till's
/// validation is refused (`Ok(Err(why))`: exit 1) unless `--any-till` was given.
async fn check_made_here(
    settings: &Settings,
    args: &UpdateArgs,
    client: &Client,
    code: &SessionCode,
) -> Result<Result<SessionCode, String>, ApiError> {
    let terminal = match &args.terminal_id {
        Some(t) => super::validate::terminal_arg(t)?,
        None => settings.kiosk.terminal_id.clone(),
    };
    // Without this till's journal the validation cannot be shown to be this till's (a
    // supervisor may still override with --any-till).
    let journal = Journal::open_in(&settings.data_dir, JOURNAL_FILE)
        .map_err(|e| ApiError::Config(super::explain::local_data_unusable(&e, "nothing was sent")))?;
    let session = client.session_data(code).await?;
    let full = SessionCode::parse(&session.session).unwrap_or_else(|_| code.clone());
    let entries = journal
        .entries_for(&terminal, &[code.as_str(), full.as_str()])
        .map_err(|e| ApiError::Config(super::explain::local_data_unusable(&e, "nothing was sent")))?;
    let own = ownership::own_record(&entries, &terminal, &[code.as_str(), full.as_str()]);
    if !session.validated || ownership::made_here(&session, settings.kiosk.tag_customfield, &own) {
        // Not validated: the server's own refusal (353) says so.
        return Ok(Ok(full));
    }
    let by = settings
        .kiosk
        .tag_customfield
        .and_then(|f| ownership::tag_in(&session, f))
        .map(|t| format!(" (the tag names {})", output::clean(&t.terminal)))
        .unwrap_or_default();
    Ok(Err(format!(
        "This validation was not made by this till ({}){by}: nothing was taken back. \
         A supervisor may take it back with --any-till.",
        output::clean(&terminal)
    )))
}

pub async fn run_remove(settings: &Settings, args: RemoveArgs) -> ExitCode {
    let result = async {
        let campaign = CampaignId::parse(&args.campaign)?;
        let code = session_code_arg(&args.code)?;
        settings.client()?.remove_session(&campaign, &code).await?;
        Ok::<_, ApiError>((campaign, code))
    }
    .await;
    match result {
        Ok((campaign, code)) => {
            if args.json {
                let json = serde_json::json!({
                    "removed": true,
                    "campaign": campaign.as_str(),
                    "session": code.as_str(),
                });
                if let Err(e) = print_json(&json) {
                    return fail(&e);
                }
            } else {
                println!(
                    "{} removed {} from {}",
                    Paint::stdout().good("✔"),
                    code.as_str(),
                    campaign.as_str()
                );
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => fail(&e),
    }
}
