//! Every screen renders at any size from 0×0 to 300×100 without panicking, and a too-small
//! window always says so.

use super::snapshots::{all_screens, draw};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_screen_any_size(w in 0u16..=300, h in 0u16..=100) {
        for (name, s) in all_screens() {
            let text = std::panic::catch_unwind(|| draw(&s, w, h));
            prop_assert!(text.is_ok(), "{} panicked at {}x{}", name, w, h);
            if w >= 26 && h >= 2
                && (w < crate::kiosk::state::MIN_WIDTH || h < crate::kiosk::state::MIN_HEIGHT)
            {
                let text = text.unwrap_or_default();
                prop_assert!(text.contains("enlarge the window"), "{} at {}x{}:\n{}", name, w, h, text);
            }
        }
    }

    #[test]
    fn odd_origins_and_tiny_buffers(x in 0u16..50, y in 0u16..50, w in 0u16..120, h in 0u16..40) {
        // A render area that only partly overlaps the buffer is clipped, never a panic.
        let s = super::kiosk();
        let area = ratatui::layout::Rect::new(x, y, w, h);
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 60, 20));
        crate::kiosk::view::render(&s, area, &mut buf);
    }
}
