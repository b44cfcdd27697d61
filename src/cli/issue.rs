//! `issue CAMPAIGN [...]` (singleuse/create) and `issue-many CAMPAIGN --amount N [...]`
//! (multiplesingleuse/create). JSON and CSV keep the API's field names.

use super::output::{fail, print_json, Paint, EXIT_OK};
use super::{CustomFieldArgs, GlobalArgs};
use crate::api::singleuse::{AutomatedCodes, NewSingleUse, NewSingleUses, SingleUse};
use crate::api::{ApiError, CampaignId};
use crate::settings::Settings;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct IssueArgs {
    /// Coupon id (cam_...)
    pub campaign: String,
    /// The customer's first name
    #[arg(long)]
    pub firstname: Option<String>,
    /// The customer's last name
    #[arg(long)]
    pub lastname: Option<String>,
    /// The customer's email address
    #[arg(long)]
    pub email: Option<String>,
    /// The customer's phone number, e.g. +447911123456
    #[arg(long)]
    pub phone: Option<String>,
    /// Custom id: letters and digits, at most 50
    #[arg(long, value_name = "ID")]
    pub customid: Option<String>,
    #[command(flatten)]
    pub fields: CustomFieldArgs,
    /// Your own validation code: letters and digits, at most 100
    #[arg(long, value_name = "CODE", conflicts_with = "autovalcode")]
    pub customvalcode: Option<String>,
    /// A generated validation code: 6digits, 8digits or 10digits
    #[arg(long, value_name = "KIND")]
    pub autovalcode: Option<String>,
    /// Return the existing session for the same email, phone or customid
    #[arg(long, value_name = "FIELD")]
    pub duplicate_check: Option<String>,
    /// utm_campaign tag, for your analytics
    #[arg(long, value_name = "TAG")]
    pub utm_campaign: Option<String>,
    /// utm_source tag
    #[arg(long, value_name = "TAG")]
    pub utm_source: Option<String>,
    /// utm_medium tag
    #[arg(long, value_name = "TAG")]
    pub utm_medium: Option<String>,
    /// utm_term tag
    #[arg(long, value_name = "TAG")]
    pub utm_term: Option<String>,
    /// utm_content tag
    #[arg(long, value_name = "TAG")]
    pub utm_content: Option<String>,
    /// Expiry of this session, "yyyy-MM-dd HH:mm:ss" (the coupon's timezone)
    #[arg(long, value_name = "DATE")]
    pub expiry_date: Option<String>,
    /// Print the new session as one JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("format").args(["csv", "json"])))]
pub struct IssueManyArgs {
    /// Coupon id (cam_...)
    pub campaign: String,
    /// How many (1 to 100000)
    #[arg(long, value_name = "N")]
    pub amount: u32,
    /// normal, voided or activated
    #[arg(long)]
    pub status: Option<String>,
    /// Generate custom validation codes: this prefix (letters and digits)
    #[arg(long, value_name = "PREFIX", requires = "code_length")]
    pub code_prefix: Option<String>,
    /// Generate custom validation codes of this length, without the prefix (3 to 30)
    #[arg(long, value_name = "N", requires = "code_type")]
    pub code_length: Option<u8>,
    /// Generated codes are numeric or alphanumeric
    #[arg(long, value_name = "TYPE", requires = "code_length")]
    pub code_type: Option<String>,
    /// CSV with a header row
    #[arg(long)]
    pub csv: bool,
    /// One JSON array
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

fn request_of(args: &IssueArgs) -> Result<NewSingleUse, ApiError> {
    let mut r = NewSingleUse::new(CampaignId::parse(&args.campaign)?);
    r.firstname = args.firstname.clone();
    r.lastname = args.lastname.clone();
    r.email = args.email.clone();
    r.phone = args.phone.clone();
    r.customid = args.customid.clone();
    r.customfields = args.fields.checked()?;
    r.customvalcode = args.customvalcode.clone();
    r.autovalcode = args.autovalcode.as_deref().map(str::parse).transpose()?;
    r.duplicate_check = args.duplicate_check.as_deref().map(str::parse).transpose()?;
    r.utm = [
        args.utm_campaign.clone(),
        args.utm_source.clone(),
        args.utm_medium.clone(),
        args.utm_term.clone(),
        args.utm_content.clone(),
    ];
    r.expiry_date = args
        .expiry_date
        .as_deref()
        .map(NewSingleUse::parse_expiry)
        .transpose()?;
    r.checked()
}

pub async fn run_issue(settings: &Settings, args: IssueArgs) -> ExitCode {
    let result = async {
        let request = request_of(&args)?;
        settings.client()?.create_single_use(&request).await
    }
    .await;
    match result {
        Ok(issued) => {
            if args.json {
                if let Err(e) = print_json(&issued) {
                    return fail(&e);
                }
            } else {
                let p = Paint::stdout();
                let clean = super::output::clean;
                println!(
                    "{} issued {}",
                    p.good("✔"),
                    p.bold(&clean(&issued.single_use_code))
                );
                let row = |label: &str, v: &Option<String>| {
                    if let Some(v) = v {
                        println!("  {}{}", p.dim(&format!("{label:<17}")), clean(v));
                    }
                };
                row("url", &issued.single_use_url);
                row("short code", &issued.widget_validation_code);
                row("validation code", &issued.custom_validation_code);
                row("custom id", &issued.customid);
                row("sequence id", &issued.sequence_id.map(|n| n.to_string()));
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => fail(&e),
    }
}

fn many_of(args: &IssueManyArgs) -> Result<NewSingleUses, ApiError> {
    let automated = match (&args.code_length, &args.code_type) {
        (Some(length), Some(kind)) => Some(AutomatedCodes {
            prefix: args.code_prefix.clone().unwrap_or_default(),
            length: *length,
            kind: kind.parse()?,
        }),
        (None, None) => None,
        _ => {
            return Err(ApiError::InvalidInput(
                "Generated codes need both --code-length and --code-type.".into(),
            ))
        }
    };
    let r = NewSingleUses {
        campaign: CampaignId::parse(&args.campaign)?,
        amount: args.amount,
        status: args.status.as_deref().map(str::parse).transpose()?,
        automated,
    };
    r.check()?;
    Ok(r)
}

pub async fn run_issue_many(settings: &Settings, args: IssueManyArgs) -> ExitCode {
    let result = async {
        let request = many_of(&args)?;
        settings.client()?.create_single_uses(&request).await
    }
    .await;
    let issued = match result {
        Ok(i) => i,
        Err(e) => return fail(&e),
    };
    let printed = if args.json {
        print_json(&issued)
    } else if args.csv {
        print_csv(&issued)
    } else {
        let p = Paint::stdout();
        for s in &issued {
            let clean = super::output::clean;
            println!(
                "{}  {:>10}  {}  {}",
                clean(&s.single_use_code),
                s.sequence_id.map(|n| n.to_string()).unwrap_or_default(),
                clean(s.custom_validation_code.as_deref().unwrap_or_default()),
                p.dim(&clean(s.single_use_url.as_deref().unwrap_or_default()))
            );
        }
        eprintln!("{} codes issued.", issued.len());
        Ok(())
    };
    match printed {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) => fail(&e),
    }
}

fn print_csv(issued: &[SingleUse]) -> Result<(), ApiError> {
    let err = |e: &dyn std::fmt::Display| ApiError::InvalidInput(format!("cannot write CSV: {e}"));
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    let clean = super::output::clean_opt;
    for s in issued {
        // CSV goes to a terminal too: nothing the server sends may command it.
        let row = SingleUse {
            campaign: super::output::clean(&s.campaign),
            single_use_code: super::output::clean(&s.single_use_code),
            sequence_id: s.sequence_id,
            single_use_url: clean(&s.single_use_url),
            widget_validation_code: clean(&s.widget_validation_code),
            custom_validation_code: clean(&s.custom_validation_code),
            customid: clean(&s.customid),
        };
        w.serialize(&row).map_err(|e| err(&e))?;
    }
    w.flush().map_err(|e| err(&e))
}
