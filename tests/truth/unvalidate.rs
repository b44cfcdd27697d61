use crate::procs::SandboxProcess;
use crate::support::cli::{stderr, stdout};
use crate::till::{Http, Till, TAG_FIELD};
use coupon_kiosk::tag::{AttemptId, ValidationTag};

fn unvalidate(till: &Till, code: &str, flags: &[&str]) -> (i32, String) {
    let mut args = vec!["update", code, "--operation", "unvalidate"];
    args.extend_from_slice(flags);
    let o = till.run(&args);
    (
        o.status.code().unwrap_or(-1),
        format!("{}{}", stdout(&o), stderr(&o)),
    )
}

fn validated(http: &Http, code: &str) -> bool {
    http.session(code)["data"]["status"]["validated"] == "1"
}

/// `update --operation unvalidate` takes back only this till's validation (journal or tag);
/// another till's is refused (exit 1, nothing sent) unless a supervisor says `--any-till`.
#[test]
fn unvalidate_takes_back_only_this_tills_validation() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProcess::start(&dir.path().join("db.sqlite"), &[]);
    let http = Http::new(&sandbox.url);
    let codes = http.issue(4);
    let here = Till::new(&sandbox.url, "[kiosk]\nterminal_id = \"till-1\"\n");
    let there = Till::new(&sandbox.url, "[kiosk]\nterminal_id = \"till-2\"\n");

    // Without a tag field: this till's journal decides.
    let (status, v) = here.validate(&codes[0]);
    assert_eq!(status, 0, "{v}");
    let (status, out) = unvalidate(&there, &codes[0], &[]);
    assert_eq!(status, 1, "{out}");
    assert!(
        out.contains("not made by this till") && out.contains("--any-till"),
        "{out}"
    );
    assert!(validated(&http, &codes[0]), "{}", http.session(&codes[0]));
    let (status, out) = unvalidate(&here, &codes[0], &[]);
    assert_eq!(status, 0, "{out}");
    assert!(!validated(&http, &codes[0]), "{}", http.session(&codes[0]));

    // Validated by another client: refused, then the supervisor's override.
    http.validate(&codes[1], None);
    let (status, out) = unvalidate(&here, &codes[1], &[]);
    assert_eq!(status, 1, "{out}");
    let (status, out) = unvalidate(&here, &codes[1], &["--any-till"]);
    assert_eq!(status, 0, "{out}");
    assert!(!validated(&http, &codes[1]));

    // With a tag field: our attempt id proves it; another id outranks our own journal.
    let tagged = Till::new(
        &sandbox.url,
        &format!("[kiosk]\ntag_customfield = {TAG_FIELD}\nterminal_id = \"till-3\"\n"),
    );
    let (status, v) = tagged.validate(&codes[2]);
    assert_eq!(status, 0, "{v}");
    let (status, out) = unvalidate(&tagged, &codes[2], &[]);
    assert_eq!(status, 0, "{out}");
    let (status, v) = tagged.validate(&codes[3]);
    assert_eq!(status, 0, "{v}");
    let stolen = http.post(
        "couponsession/update",
        &[("couponsession", codes[3].as_str()), ("operation", "unvalidate")],
    );
    assert_eq!(stolen["status"]["status"], "OK", "{stolen}");
    let foreign = ValidationTag::new("till-9", Some("Bob"), AttemptId::random()).to_field();
    http.validate(&codes[3], Some(&foreign));
    let (status, out) = unvalidate(&tagged, &codes[3], &[]);
    assert_eq!(status, 1, "{out}");
    assert!(validated(&http, &codes[3]));
}
