use crate::support::sandbox::Blocking;
use crate::till::{Http, Till, TAGGED};
use coupon_kiosk::sandbox::{FailureKind, FaultPlan};

fn everything_drops_after_commit(sandbox: &Blocking) {
    sandbox.sb.set_fault_plan(FaultPlan {
        fail_rate: 1.0,
        kinds: vec![FailureKind::DropAfterCommit],
        ..FaultPlan::default()
    });
}

/// The update went through but its answer and the re-check were lost (exit 3). Validating
/// again finds this till's own attempt id in the tag field: VALIDATED (confirmed: the earlier
/// attempt went through), exit 0, and the journal's unknown entry is resolved.
#[test]
fn a_retry_after_unknown_confirms_our_own_earlier_validation() {
    let sandbox = Blocking::start();
    let http = Http::new(&sandbox.base_url());
    let till = Till::new(&sandbox.base_url(), TAGGED);
    let code = http.issue(1).remove(0);

    everything_drops_after_commit(&sandbox);
    let (status, first) = till.validate(&code);
    assert_eq!(
        (status, first["outcome"].as_str()),
        (3, Some("unknown")),
        "{first}"
    );
    sandbox.sb.set_fault_plan(FaultPlan::default());

    let (status, again) = till.validate(&code);
    assert_eq!(
        (status, again["outcome"].as_str()),
        (0, Some("validated")),
        "{again}"
    );
    assert_eq!(again["earlier_attempt_confirmed"], first["attempt_id"], "{again}");
    let o = till.run(&["validate", &code]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("ALREADY VALIDATED"),
        "once confirmed, a third scan is a repeat: {}",
        String::from_utf8_lossy(&o.stdout)
    );

    let o = till.run(&["journal", "--json"]);
    let journal: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let outcomes: Vec<&str> = journal
        .as_array()
        .unwrap_or_else(|| panic!("{journal}"))
        .iter()
        .filter_map(|e| e["outcome"].as_str())
        .collect();
    // The unknown first attempt now reads as validated: the shift counts move from ⚠ to ✔.
    assert_eq!(
        outcomes,
        ["validated", "validated", "already_validated"],
        "{journal}"
    );
}

/// Another till's journal is not ours: a retry at till 2 of till 1's unknown attempt finds
/// another till's id and refuses (the coupon is validated, by till 1).
#[test]
fn another_tills_unknown_attempt_is_not_ours() {
    let sandbox = Blocking::start();
    let http = Http::new(&sandbox.base_url());
    let till_1 = Till::new(&sandbox.base_url(), TAGGED);
    let till_2 = Till::new(
        &sandbox.base_url(),
        "[kiosk]\ntag_customfield = 5\nterminal_id = \"till-2\"\n",
    );
    let code = http.issue(1).remove(0);
    everything_drops_after_commit(&sandbox);
    let (status, _) = till_1.validate(&code);
    assert_eq!(status, 3);
    sandbox.sb.set_fault_plan(FaultPlan::default());
    let (status, v) = till_2.validate(&code);
    assert_eq!(
        (status, v["outcome"].as_str()),
        (1, Some("already_validated")),
        "{v}"
    );
}

/// Without a tag field the retry cannot prove the earlier attempt was ours, and must not
/// refuse it either: "validated, possibly not by this till" (exit 4), never ALREADY VALIDATED.
#[test]
fn without_a_tag_field_a_retry_is_never_a_refusal_of_our_own() {
    let sandbox = Blocking::start();
    let http = Http::new(&sandbox.base_url());
    let till = Till::new(&sandbox.base_url(), "");
    let code = http.issue(1).remove(0);
    everything_drops_after_commit(&sandbox);
    let (status, _) = till.validate(&code);
    assert_eq!(status, 3);
    sandbox.sb.set_fault_plan(FaultPlan::default());
    let (status, v) = till.validate(&code);
    assert_eq!(
        (status, v["outcome"].as_str()),
        (4, Some("validated_owner_unknown")),
        "{v}"
    );
}
