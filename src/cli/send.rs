//! `send-email`, `send-sms` (send/email, send/sms) and `push` (coupon/pushnotification/list).

use super::output::{fail, print_json, Paint, EXIT_OK};
use super::GlobalArgs;
use crate::api::distribution::{SendEmail, SendSms, Sent};
use crate::api::{ApiError, CampaignId, SessionCode};
use crate::settings::Settings;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct SendEmailArgs {
    /// Coupon id (cam_...)
    pub campaign: String,
    /// Address receiving the coupon
    #[arg(long)]
    pub email: String,
    /// Send this existing session (a new one is made otherwise)
    #[arg(long, value_name = "CODE")]
    pub session: Option<String>,
    /// The email's subject
    #[arg(long)]
    pub subject: Option<String>,
    /// For [FIRSTNAME] in the email body
    #[arg(long)]
    pub firstname: Option<String>,
    /// For [LASTNAME] in the email body
    #[arg(long)]
    pub lastname: Option<String>,
    /// Do not send if this address already received the coupon
    #[arg(long)]
    pub check_unique: bool,
    /// Print the answer as one JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Args, Debug)]
pub struct SendSmsArgs {
    /// Coupon id (cam_...)
    pub campaign: String,
    /// Number in international E.164 form, e.g. +447911123456
    #[arg(long)]
    pub phone: String,
    /// Send this existing session (a new one is made otherwise)
    #[arg(long, value_name = "CODE")]
    pub session: Option<String>,
    /// Message text; the coupon URL is added to it
    #[arg(long)]
    pub body: Option<String>,
    /// Print the answer as one JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Args, Debug)]
pub struct PushArgs {
    /// Coupon id (cam_...)
    pub campaign: String,
    /// Push notification text
    #[arg(long)]
    pub message: String,
    /// Print the answer as one JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

fn session_arg(raw: &Option<String>) -> Result<Option<SessionCode>, ApiError> {
    raw.as_deref().map(SessionCode::parse).transpose()
}

pub async fn run_send_email(settings: &Settings, args: SendEmailArgs) -> ExitCode {
    let result = async {
        let mut r = SendEmail::new(CampaignId::parse(&args.campaign)?, &args.email);
        r.couponsession = session_arg(&args.session)?;
        r.subject = args.subject.clone();
        r.firstname = args.firstname.clone();
        r.lastname = args.lastname.clone();
        r.check_unique = args.check_unique;
        r.to_params()?;
        settings.client()?.send_email(&r).await
    }
    .await;
    report_sent(result, args.json, "email")
}

pub async fn run_send_sms(settings: &Settings, args: SendSmsArgs) -> ExitCode {
    let result = async {
        let r = SendSms {
            campaign: CampaignId::parse(&args.campaign)?,
            phone: args.phone.clone(),
            couponsession: session_arg(&args.session)?,
            body: args.body.clone(),
        };
        r.to_params()?;
        settings.client()?.send_sms(&r).await
    }
    .await;
    report_sent(result, args.json, "text message")
}

fn report_sent(result: Result<Sent, ApiError>, json: bool, what: &str) -> ExitCode {
    match result {
        Ok(sent) => {
            if json {
                if let Err(e) = print_json(&sent) {
                    return fail(&e);
                }
            } else {
                let session = sent
                    .couponsession
                    .as_deref()
                    .map(|s| format!(" with session {}", super::output::clean(s)))
                    .unwrap_or_default();
                println!("{} {what} sent{session}", Paint::stdout().good("✔"));
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => fail(&e),
    }
}

pub async fn run_push(settings: &Settings, args: PushArgs) -> ExitCode {
    let result = async {
        let campaign = CampaignId::parse(&args.campaign)?;
        settings
            .client()?
            .push_notification(&campaign, &args.message)
            .await
    }
    .await;
    match result {
        Ok(pushed) => {
            if args.json {
                if let Err(e) = print_json(&pushed) {
                    return fail(&e);
                }
            } else {
                let to = pushed
                    .count
                    .map(|n| format!(" to {n} wallets"))
                    .unwrap_or_default();
                println!("{} push notification sent{to}", Paint::stdout().good("✔"));
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => fail(&e),
    }
}
