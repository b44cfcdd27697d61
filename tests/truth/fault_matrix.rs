use crate::support::sandbox::Blocking;
use crate::till::{parallel, Http, Till, TAGGED, TAG_FIELD};
use coupon_kiosk::sandbox::{FailureKind, FaultPlan};
use coupon_kiosk::tag::{AttemptId, ValidationTag};

const KINDS: [FailureKind; 4] = [
    FailureKind::UnavailableBefore,
    FailureKind::DropBefore,
    FailureKind::UnavailableAfterCommit,
    FailureKind::DropAfterCommit,
];
/// What a validation calls: the search (custom codes), the update and the re-check.
const ENDPOINTS: [&str; 3] = [
    "couponsession/search",
    "couponsession/update",
    "couponsession/data",
];
const EACH: usize = 50;

/// For each fail kind × endpoint, half the requests to that endpoint fail: 50 validations of
/// fresh codes and 50 of codes another client validated. No fresh code is refused (the till
/// never refuses its own validation), none validated elsewhere is VALIDATED, and every
/// VALIDATED is on the server with this attempt's id in the tag field.
#[test]
fn no_fault_makes_a_false_validated_or_refuses_our_own() {
    let sandbox = Blocking::start();
    let http = Http::new(&sandbox.base_url());
    let till = Till::new(&sandbox.base_url(), TAGGED);
    let mut plain = http.issue(2 * EACH * KINDS.len() * 2).into_iter();
    let mut cells = Vec::new();
    for kind in KINDS {
        for endpoint in ENDPOINTS {
            // Search is only asked for custom codes: those cells validate by one.
            let by_custom = endpoint == "couponsession/search";
            let slots: Vec<usize> = (0..2 * EACH).collect();
            let issued: Vec<(String, String)> = if by_custom {
                parallel(&slots, 4, |_| {
                    let (code, answer) = http.issue_one(&[("autovalcode", "8digits")]);
                    let custom = answer["custom_validation_code"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string();
                    (code, custom)
                })
            } else {
                plain.by_ref().take(2 * EACH).map(|c| (c.clone(), c)).collect()
            };
            let codes: Vec<(String, String, bool)> = issued
                .into_iter()
                .enumerate()
                .map(|(i, (code, scanned))| (code, scanned, i >= EACH))
                .collect();
            parallel(&codes, 4, |(code, _, elsewhere)| {
                if *elsewhere {
                    // Half of the other client's validations carry a tag of their own.
                    let tag = ValidationTag::new("till-9", Some("Zed"), AttemptId::random()).to_field();
                    let tagged = code.bytes().last().is_some_and(|b| b % 2 == 0);
                    http.validate(code, tagged.then_some(tag.as_str()));
                }
            });
            cells.push((kind, endpoint, codes));
        }
    }
    let mut report = Vec::new();
    for (kind, endpoint, codes) in &cells {
        sandbox.sb.set_fault_plan(FaultPlan {
            fail_rate: 0.5,
            kinds: vec![*kind],
            only_paths: vec![endpoint.to_string()],
            ..FaultPlan::default()
        });
        let results = parallel(codes, 6, |(_, scanned, _)| till.validate(scanned));
        sandbox.sb.set_fault_plan(FaultPlan::default());
        let mut validated = 0;
        for ((code, _, elsewhere), (status, v)) in codes.iter().zip(&results) {
            let what = format!("{kind:?} on {endpoint}, {code} (validated elsewhere: {elsewhere}): {v}");
            if *elsewhere {
                assert_ne!(*status, 0, "false VALIDATED: {what}");
                assert_ne!(v["outcome"], "validated", "{what}");
            } else {
                // Never a refusal: validated, or unknown (the answer and the check were lost).
                assert!(matches!(status, 0 | 3), "refused its own validation: {what}");
            }
            if *status == 0 {
                validated += 1;
                let session = http.session(code);
                let field = session["data"]["user"][format!("customfield{TAG_FIELD}")]
                    .as_str()
                    .unwrap_or_default();
                assert_eq!(session["data"]["status"]["validated"], "1", "{what}");
                assert!(
                    field.ends_with(&format!("/{}", v["attempt_id"].as_str().unwrap_or("?"))),
                    "{what}: field {field:?}"
                );
            }
        }
        report.push(format!("{kind:?} × {endpoint}: {validated} validated"));
        // Half the requests fail: some of the fresh codes must still get through.
        assert!(validated > 0, "{report:?}");
    }
}
