//! Auto mode: what the offline mirror knows of a scan shows while its validation is in flight,
//! for that request only.

use super::flows::auto_kiosk;
use super::*;
use crate::kiosk::state::{Screen, Working};

fn working(s: &State) -> &Working {
    match &s.screen {
        Screen::Working(w) => w,
        other => panic!("not working: {other:?}"),
    }
}

#[test]
fn a_preview_shows_for_the_validation_in_flight_only() {
    let mut s = auto_kiosk();
    let fx = scan(&mut s, JANE);
    let req = req_of(&fx);
    // A late preview of another request changes nothing.
    let other = Req(req.0 + 100);
    update(
        &mut s,
        Msg::Preview {
            req: other,
            session: session(JANE2),
            offer: None,
        },
    );
    assert_eq!(working(&s).session, None);
    update(
        &mut s,
        Msg::Preview {
            req,
            session: session(JANE),
            offer: Some("Two for one".into()),
        },
    );
    let w = working(&s);
    assert_eq!(w.session.as_ref().map(|x| x.session.as_str()), Some(JANE));
    let screen = super::snapshots::draw(&s, 80, 24);
    // The catalogue's offer for cam_demo01 comes first; the mirror's is the fallback.
    assert!(
        screen.contains("A free coffee with any pastry — checking…"),
        "{screen}"
    );
    assert!(!screen.contains("VALIDATED"), "{screen}");
}
