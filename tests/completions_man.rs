//! `coupon-kiosk completions bash|zsh|fish` and `coupon-kiosk man`, through the real binary:
//! generated from the same clap definitions the binary parses, so every subcommand is in them.

mod support;

use clap::CommandFactory;
use coupon_kiosk::cli::Cli;
use std::process::{Command, Output, Stdio};

/// Runs the binary without any account or config: these commands must need none.
fn run(args: &[&str]) -> Output {
    support::cli::run(args, &[])
}

fn ok_stdout(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect()
}

/// What bash offers for the words typed so far (the last one being completed), by running the
/// generated script's completion function as bash's completion machinery would.
fn bash_candidates(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let cword = words.len() - 1;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let prev = if cword == 0 { "" } else { words[cword - 1] };
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={cword}; _coupon__kiosk coupon-kiosk '{}' '{prev}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words[cword],
    );
    let o = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_subcommands_and_each_subcommands_flags() {
    let script = ok_stdout(&["completions", "bash"]);
    assert!(script.contains("complete -F _coupon__kiosk"), "{script}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coupon-kiosk.bash");
    std::fs::write(&path, &script).unwrap();

    let top = bash_candidates(&path, &["coupon-kiosk", ""]);
    for sub in subcommands() {
        assert!(top.contains(&sub), "{sub} not offered: {top:?}");
    }
    assert_eq!(bash_candidates(&path, &["coupon-kiosk", "vali"]), ["validate"]);
    // A subcommand's own flags: this is what a hyphen in the binary's name used to break.
    assert_eq!(
        bash_candidates(&path, &["coupon-kiosk", "validate", "--money-s"]),
        ["--money-spent"]
    );
    let shells = bash_candidates(&path, &["coupon-kiosk", "completions", ""]);
    for shell in ["bash", "zsh", "fish"] {
        assert!(shells.iter().any(|c| c == shell), "{shells:?}");
    }
}

#[test]
fn zsh_and_fish_scripts_name_every_subcommand() {
    let zsh = ok_stdout(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef coupon-kiosk"), "{zsh}");
    let fish = ok_stdout(&["completions", "fish"]);
    assert!(fish.contains("complete -c coupon-kiosk"), "{fish}");
    for sub in subcommands() {
        assert!(zsh.contains(&format!("'{sub}:")), "zsh lacks {sub}");
        assert!(fish.contains(&format!("-a \"{sub}\"")), "fish lacks {sub}");
    }
    assert!(zsh.contains("--money-spent"));
    assert!(fish.contains("-l money-spent"));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let o = run(&["completions", "powershell"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bash, zsh, fish"), "{err}");
}

#[test]
fn the_manual_page_documents_every_subcommand_and_renders() {
    let page = ok_stdout(&["man"]);
    assert!(page.contains(".TH coupon-kiosk 1"), "{page}");
    for sub in subcommands() {
        assert!(
            page.contains(&format!(".SH \"coupon-kiosk {sub}\"")),
            "no section for {sub}"
        );
    }
    assert!(page.contains("\\-\\-money\\-spent"), "a subcommand's flag");
    assert!(page.contains("Exit status: 0 success"), "the long description");
    assert!(
        page.contains("coupon\\-kiosk lookup \\-\\-email jane@example.com"),
        "a subcommand's examples"
    );

    // Rendered by groff (when installed): no warnings, and the sections read as text.
    let Ok(mut groff) = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("groff is not installed: the roff source was checked, not its rendering");
        return;
    };
    use std::io::Write;
    groff.stdin.take().unwrap().write_all(page.as_bytes()).unwrap();
    let o = groff.wait_with_output().unwrap();
    // Without a terminal grotty writes bold as `c\bc`: keep the last of each pair.
    let mut text = String::new();
    for c in String::from_utf8_lossy(&o.stdout).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    let warnings = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && warnings.trim().is_empty(), "{warnings}");
    assert!(text.contains("coupon-kiosk validate"), "{text}");
    // Examples keep their lines and plain hyphens, to be copied from the page.
    assert!(
        text.lines()
            .any(|l| l.trim() == "coupon-kiosk lookup --email jane@example.com"),
        "{text}"
    );
}
