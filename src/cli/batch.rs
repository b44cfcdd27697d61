//! `batch CAMPAIGN --from-seq A --to-seq B --operation OP [--customfieldN ..]` (batch/update).

use super::output::{fail, print_json, Paint, EXIT_OK};
use super::{CustomFieldArgs, GlobalArgs};
use crate::api::batch::BatchUpdate;
use crate::api::{ApiError, CampaignId, Operation};
use crate::settings::Settings;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("range").required(true).multiple(true).args(["from_seq", "to_seq"])))]
pub struct BatchArgs {
    /// Coupon id (cam_...)
    pub campaign: String,
    /// First sequence id (inclusive)
    #[arg(long, value_name = "A")]
    pub from_seq: Option<u64>,
    /// Last sequence id (inclusive)
    #[arg(long, value_name = "B")]
    pub to_seq: Option<u64>,
    /// void, unvoid, lock, unlock, claim or activate
    #[arg(long, value_name = "OP")]
    pub operation: Option<String>,
    #[command(flatten)]
    pub fields: CustomFieldArgs,
    /// Print the answer as JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

fn request_of(args: &BatchArgs) -> Result<BatchUpdate, ApiError> {
    let mut b = BatchUpdate::new(CampaignId::parse(&args.campaign)?, args.from_seq, args.to_seq);
    b.operation = args
        .operation
        .as_deref()
        .map(str::parse::<Operation>)
        .transpose()?;
    b.customfields = args.fields.checked()?;
    b.check()?;
    Ok(b)
}

pub async fn run_batch(settings: &Settings, args: BatchArgs) -> ExitCode {
    let result = async {
        let request = request_of(&args)?;
        settings.client()?.batch_update(&request).await
    }
    .await;
    match result {
        Ok(done) => {
            if args.json {
                if let Err(e) = print_json(&done) {
                    return fail(&e);
                }
            } else {
                let n = done.updated.map_or("the".to_string(), |n| n.to_string());
                let range = match (done.startsequence, done.endsequence) {
                    (Some(a), Some(b)) => format!(" (sequence {a} to {b})"),
                    _ => String::new(),
                };
                println!("{} {n} sessions updated{range}", Paint::stdout().good("✔"));
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => fail(&e),
    }
}
