//! `man`: the manual page (roff), generated from the clap definitions: one page for the whole
//! command line, with every subcommand and its flags.

use super::Cli;
use clap::{Args, CommandFactory};
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
#[command(after_help = "Install, for example:\n  \
    coupon-kiosk man > /usr/local/share/man/man1/coupon-kiosk.1 && mandb\n\
    Read it without installing: coupon-kiosk man | man -l -")]
pub struct ManArgs {}

/// The page as roff source.
pub fn page() -> std::io::Result<Vec<u8>> {
    let cmd = Cli::command();
    let mut out = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    // One section per subcommand, with its own flags, so that `man coupon-kiosk` documents all.
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("{} {}", cmd.get_name(), sub.get_name());
        writeln!(out, ".SH \"{}\"", roff_escape(&name))?;
        let after = sub.get_after_help().map(ToString::to_string);
        let sub = sub.clone().display_name(name.clone()).bin_name(name);
        let man = clap_mangen::Man::new(sub);
        let mut body = Vec::new();
        man.render_synopsis_section(&mut body)?;
        man.render_description_section(&mut body)?;
        man.render_options_section(&mut body)?;
        out.extend(demote_sections(&body));
        if let Some(after) = after {
            out.extend(verbatim(&after).into_bytes());
        }
    }
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// A subcommand's own `.SH` headings become `.SS` under its section.
fn demote_sections(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match line.strip_prefix(".SH ") {
            Some(rest) => {
                out.push_str(".SS ");
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// A subcommand's notes and examples, line for line (unfilled, so each example stays on its
/// own line): backslashes and dashes escaped, and no line may start a roff request.
fn verbatim(text: &str) -> String {
    let mut out = String::from(".PP\n.nf\n");
    for line in text.lines() {
        let line = line.replace('\\', "\\e").replace('-', "\\-");
        if line.starts_with('.') || line.starts_with('\'') {
            out.push_str("\\&");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(".fi\n");
    out
}

/// Quotes and backslashes cannot appear inside a quoted roff heading as they are.
fn roff_escape(s: &str) -> String {
    s.replace('\\', "\\e").replace('"', "\\(dq")
}

pub fn run(_args: &ManArgs) -> ExitCode {
    match page() {
        Ok(bytes) => write_stdout(&bytes),
        Err(e) => {
            super::output::error_line(&format!("cannot write the manual page: {e}"));
            ExitCode::from(super::output::EXIT_INVALID)
        }
    }
}

/// Writes everything to stdout; a reader that stops early (`| head`) is not an error.
pub(super) fn write_stdout(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            super::output::error_line(&format!("cannot write to standard output: {e}"));
            ExitCode::from(super::output::EXIT_INVALID)
        }
    }
}
