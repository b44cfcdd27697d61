//! `coupons` (coupon/list) and `coupon CAMPAIGN` (coupon/info).

use super::output::{fail, print_json, Paint, EXIT_OK};
use super::GlobalArgs;
use crate::api::coupons::{Coupon, CouponFilter};
use crate::api::CampaignId;
use crate::settings::Settings;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct CouponsArgs {
    /// Only coupons marked active
    #[arg(long)]
    pub only_active: bool,
    /// Only coupons in this folder (folder id)
    #[arg(long, value_name = "FOLDER")]
    pub folder: Option<String>,
    /// Only coupons with these tags (comma separated)
    #[arg(long, value_name = "TAGS")]
    pub tags: Option<String>,
    /// Only coupons of this category (cat_...)
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Args, Debug)]
pub struct CouponArgs {
    /// Coupon id (cam_...)
    pub campaign: String,
    /// Add usage statistics: custom validation codes in total and claimed
    #[arg(long)]
    pub usage: bool,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

pub async fn run_coupons(settings: &Settings, args: CouponsArgs) -> ExitCode {
    let filter = CouponFilter {
        only_active: args.only_active,
        folder: args.folder.clone(),
        tags: args.tags.clone(),
        category: args.category.clone(),
    };
    let result = async { settings.client()?.coupon_list(&filter).await }.await;
    match result {
        Ok(coupons) => {
            if args.json {
                if let Err(e) = print_json(&coupons) {
                    return fail(&e);
                }
            } else {
                let p = Paint::stdout();
                for c in &coupons {
                    println!("{}", coupon_row(p, c));
                }
                if coupons.is_empty() {
                    eprintln!("No coupons match.");
                }
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => fail(&e),
    }
}

pub async fn run_coupon(settings: &Settings, args: CouponArgs) -> ExitCode {
    let result = async {
        let campaign = CampaignId::parse(&args.campaign)?;
        settings.client()?.coupon_info(&campaign, args.usage).await
    }
    .await;
    match result {
        Ok(coupon) => {
            if args.json {
                if let Err(e) = print_json(&coupon) {
                    return fail(&e);
                }
            } else {
                print_coupon(Paint::stdout(), &coupon);
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => fail(&e),
    }
}

fn coupon_row(p: Paint, c: &Coupon) -> String {
    let status = c.status.clone().unwrap_or_default();
    let status = format!("{status:<8}");
    let status = if status.trim().eq_ignore_ascii_case("active") {
        p.good(&status)
    } else {
        p.dim(&status)
    };
    let title = c.title.clone().or_else(|| c.name.clone()).unwrap_or_default();
    let tags = if c.tags.is_empty() {
        String::new()
    } else {
        format!("  [{}]", c.tags.join(", "))
    };
    format!(
        "{:<14}  {status}  {}{}",
        super::output::clean(&c.id),
        super::output::clean(&title),
        p.dim(&super::output::clean(&tags))
    )
}

fn print_coupon(p: Paint, c: &Coupon) {
    let clean = super::output::clean;
    println!(
        "{}  {}",
        p.bold(&clean(&c.id)),
        clean(&c.title.clone().unwrap_or_default())
    );
    let row = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            println!("  {}{}", p.dim(&format!("{label:<15}")), clean(&v));
        }
    };
    row("name", c.name.clone());
    row("status", c.status.clone());
    row("code", c.code.clone());
    row("url", c.url.clone());
    row("folder", c.folder.clone());
    row("tags", Some(c.tags.join(", ")));
    row("category", c.category.clone());
    row("custom codes", c.custom_codes_total.map(|n| n.to_string()));
    row("  claimed", c.custom_codes_claimed.map(|n| n.to_string()));
}
