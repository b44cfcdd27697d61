//! `coupon-kiosk barcode CODE --type T (--out FILE | --print)` and `coupon-kiosk barcode decode FILE`.
//! main.rs only parses and calls this.
//!
//! Exit status: 0 done; 1 the server refused (e.g. unknown session); 2 invalid input, usage or
//! settings (also: the image holds no barcode, the code does not fit the terminal); 3 network
//! failure or an unusable answer (with `--print` the code is then still drawn locally, labelled).

use crate::api::barcode::BarcodeType;
use crate::api::{Client, SessionCode};
use crate::barcode::decode::{decode_in_background, MAX_BYTES};
use crate::barcode::render::{layout, Bitmap};
use crate::cli::output;
use crate::kiosk::barcode::{fetch_for_screen, BarcodeScreen, Drawing, Source};
use crate::settings::Settings;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Flags of `coupon-kiosk barcode`.
///
/// `decode` conflicts with CODE/--type/--out/--print. That is checked in [`run`] rather than with
/// clap's `args_conflicts_with_subcommands`, which would also refuse the settings flags that
/// `cli::WithGlobals` flattens beside these (`barcode --timeout-ms 100 decode FILE`).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct BarcodeArgs {
    #[command(subcommand)]
    pub command: Option<BarcodeCommand>,
    /// Session code (21 characters, or the 6-character short code). A short code that reads
    /// "decode" can be typed in capitals.
    pub code: Option<String>,
    /// Barcode type: code39, code128b, pdf417, aztec or qrcode [default: qrcode].
    #[arg(long = "type", short = 't', value_name = "T")]
    pub kind: Option<BarcodeType>,
    /// Write the endpoint's image to FILE, bytes unchanged.
    #[arg(long, value_name = "FILE", conflicts_with = "print")]
    pub out: Option<PathBuf>,
    /// Draw the code on stdout in half blocks (the default). Colour codes only when stdout is a
    /// terminal and NO_COLOR is unset.
    #[arg(long)]
    pub print: bool,
}

#[derive(clap::Subcommand, Debug, Clone)]
pub enum BarcodeCommand {
    /// Read the barcode in a PNG, GIF or JPEG file: its type and content.
    Decode(DecodeArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct DecodeArgs {
    /// Image file (PNG, GIF or JPEG).
    pub file: PathBuf,
    /// Print {"format": ..., "content": ...} as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Why these arguments do not go together, if they do not.
fn usage_conflict(args: &BarcodeArgs) -> Option<&'static str> {
    let code_args = args.code.is_some() || args.kind.is_some() || args.out.is_some() || args.print;
    (args.command.is_some() && code_args)
        .then_some("`barcode decode FILE` reads an image file: it takes no CODE, --type, --out or --print.")
}

pub async fn run(settings: &Settings, args: BarcodeArgs) -> ExitCode {
    if let Some(why) = usage_conflict(&args) {
        output::error_line(why);
        return ExitCode::from(output::EXIT_INVALID);
    }
    if let Some(BarcodeCommand::Decode(d)) = args.command {
        return run_decode(&d.file, d.json).await;
    }
    let kind = args.kind.unwrap_or_default();
    let Some(raw) = args.code.as_deref() else {
        output::error_line(
            "Give a session code: coupon-kiosk barcode CODE --type qrcode [--out FILE | --print]",
        );
        return ExitCode::from(output::EXIT_INVALID);
    };
    let code = match SessionCode::parse(raw) {
        Ok(code) => code,
        Err(e) => return output::fail(&e),
    };
    let client = match settings.client() {
        Ok(c) => c,
        Err(e) => return output::fail(&e),
    };
    match args.out {
        Some(path) => run_out(&client, &code, kind, &path).await,
        None => run_print(&client, &code, kind).await,
    }
}

async fn run_decode(path: &Path, json: bool) -> ExitCode {
    let bytes = match read_limited(path) {
        Ok(b) => b,
        Err(e) => {
            output::error_line(&format!(
                "Cannot read {} ({}): check the path; it must be an image file you may read.",
                path.display(),
                super::explain::lower_first(&e.to_string())
            ));
            return ExitCode::from(output::EXIT_INVALID);
        }
    };
    match decode_in_background(bytes).await {
        Ok(decoded) => {
            if json {
                match serde_json::to_string(&decoded) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        output::error_line(&e.to_string());
                        return ExitCode::from(output::EXIT_INVALID);
                    }
                }
            } else {
                println!("{}: {}", decoded.format, decoded.content.escape_debug());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            output::error_line(&format!(
                "No barcode could be read from {} ({e}): give a sharp PNG, GIF or JPEG picture of one code.",
                path.display()
            ));
            ExitCode::from(output::EXIT_INVALID)
        }
    }
}

/// Reads an image file: a regular file of at most what the decoder would accept (never a
/// device or a pipe, which could be read without end).
fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    crate::settings::read_regular_file(path, MAX_BYTES as u64, "a barcode image")
}

async fn run_out(client: &Client, code: &SessionCode, kind: BarcodeType, path: &Path) -> ExitCode {
    let image = match client.barcode(code, kind).await {
        Ok(image) => image,
        Err(e) => return output::fail(&e),
    };
    if let Err(e) = std::fs::write(path, &image.bytes) {
        output::error_line(&format!(
            "Cannot write {} ({}): check that its folder exists and may be written to.",
            path.display(),
            super::explain::lower_first(&e.to_string())
        ));
        return ExitCode::from(output::EXIT_INVALID);
    }
    eprintln!(
        "Wrote {} ({}, {} bytes).",
        path.display(),
        image.content_type,
        image.bytes.len()
    );
    ExitCode::SUCCESS
}

async fn run_print(client: &Client, code: &SessionCode, kind: BarcodeType) -> ExitCode {
    let screen = fetch_for_screen(client, code, kind).await;
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let ansi = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let width = terminal
        .then(|| crossterm::terminal::size().ok())
        .flatten()
        .map(|(cols, _)| cols as usize);
    let outcome = print_screen(&screen, &mut stdout.lock(), ansi, width);
    match outcome {
        Ok(status) => ExitCode::from(status),
        Err(e) => {
            output::error_line(&e.to_string());
            ExitCode::from(output::EXIT_INVALID)
        }
    }
}

/// Prints the drawing to `out` and the labels (title, reason, warning) to stderr, so that stdout
/// holds only the code. Returns the exit status. `width`: the terminal's columns, if any.
pub fn print_screen(
    screen: &BarcodeScreen,
    out: &mut impl Write,
    ansi: bool,
    width: Option<usize>,
) -> std::io::Result<u8> {
    eprintln!("{}", screen.title());
    // The command line stays English.
    let english = |s: &crate::i18n::Said| s.in_language(crate::i18n::Language::En);
    if let Some(reason) = screen.source.reason() {
        eprintln!("  {}", english(reason));
    }
    if let Source::Refused { message } = &screen.source {
        // The server's own words are for support (-v), not for the person at the terminal.
        tracing::debug!(%message, "the barcode was refused");
    }
    if let Some(warning) = &screen.warning {
        eprintln!("Warning: {}", english(warning));
    }
    let bitmap: Bitmap = match &screen.drawing {
        // Rows are not limited: a terminal scrolls; columns are, since a wrapped line breaks the code.
        Drawing::Symbol(symbol) => match layout(symbol, width.unwrap_or(usize::MAX), usize::MAX) {
            Ok(bitmap) => bitmap,
            Err(e) => {
                output::error_line(&format!("The code {e}; or use --out FILE."));
                return Ok(output::EXIT_INVALID);
            }
        },
        Drawing::Picture(thumb) => thumb.bitmap(width.unwrap_or(80).min(80), 40),
        Drawing::Nothing(why) => {
            let why = english(why);
            match screen.source {
                Source::Refused { .. } => output::error_line(&format!(
                    "{}; check the code (a server that reads only full codes needs the \
                     21-character one).",
                    why.trim_end_matches('.')
                )),
                _ => output::error_line(&why),
            }
            return Ok(match screen.source {
                Source::Refused { .. } => output::EXIT_REFUSED,
                _ => output::EXIT_INVALID,
            });
        }
    };
    let lines = if ansi { bitmap.ansi_lines() } else { bitmap.lines() };
    for line in lines {
        writeln!(out, "{line}")?;
    }
    if let Some(content) = screen.content() {
        eprintln!("{content}");
    }
    Ok(match (&screen.source, &screen.warning) {
        (Source::Endpoint, None) => output::EXIT_OK,
        (Source::Refused { .. }, _) => output::EXIT_REFUSED,
        // Drawn locally, the image as sent, or another code than asked for: not a clean success.
        _ => output::EXIT_NETWORK,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(clap::Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        args: BarcodeArgs,
    }

    fn parse(argv: &[&str]) -> Result<BarcodeArgs, clap::Error> {
        Cli::try_parse_from(std::iter::once("barcode").chain(argv.iter().copied())).map(|c| c.args)
    }

    #[test]
    fn code_type_and_out_or_print_parse() {
        let a = parse(&["ac6s7u3g8a25ja7x9qg87", "--type", "pdf417", "--out", "x.png"])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.code.as_deref(), Some("ac6s7u3g8a25ja7x9qg87"));
        assert_eq!(a.kind, Some(BarcodeType::Pdf417));
        assert_eq!(a.out, Some(PathBuf::from("x.png")));
        let a = parse(&["ac6s7u", "--print"]).unwrap_or_else(|e| panic!("{e}"));
        assert!(a.print && a.kind.is_none() && a.command.is_none());
        assert_eq!(usage_conflict(&a), None);
        assert!(parse(&["ac6s7u", "--out", "x", "--print"]).is_err());
        let err = parse(&["ac6s7u", "--type", "ean13"]).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("code128b")));
    }

    #[test]
    fn decode_is_a_subcommand_that_conflicts_with_the_code_flags() {
        let a = parse(&["decode", "img.png", "--json"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(usage_conflict(&a), None);
        match a.command {
            Some(BarcodeCommand::Decode(d)) => {
                assert_eq!(d.file, PathBuf::from("img.png"));
                assert!(d.json);
            }
            other => panic!("{other:?}"),
        }
        for argv in [
            &["--type", "aztec", "decode", "img.png"][..],
            &["ac6s7u", "decode", "img.png"],
            &["--print", "decode", "img.png"],
        ] {
            let a = parse(argv).unwrap_or_else(|e| panic!("{e}"));
            assert!(usage_conflict(&a).is_some(), "{argv:?}");
        }
    }

    #[test]
    fn print_writes_only_the_drawing_to_stdout_and_refuses_a_terminal_too_narrow() {
        let code = SessionCode::parse("ac6s7u3g8a25ja7x9qg87").unwrap_or_else(|e| panic!("{e}"));
        let screen = BarcodeScreen::local(
            &code,
            BarcodeType::Qrcode,
            crate::i18n::Said::new("plain-unreachable"),
        );
        let mut out = Vec::new();
        let status = print_screen(&screen, &mut out, false, None).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8(out).unwrap_or_default();
        assert_eq!(status, 3, "rendered locally is not a full success");
        assert_eq!(text.lines().count(), 17);
        assert!(!text.contains('\x1b') && text.contains('█'));

        let wide = BarcodeScreen::local(
            &code,
            BarcodeType::Code128b,
            crate::i18n::Said::new("plain-unreachable"),
        );
        let mut out = Vec::new();
        let status = print_screen(&wide, &mut out, true, Some(80)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((status, out.len()), (2, 0));
    }
}
