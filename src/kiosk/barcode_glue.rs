//! The seam between the kiosk and `crate::barcode`: which types the barcode screen cycles
//! through and what it holds once fetched. Kept apart so the barcode work plugs in here only.

/// The five types of `couponsession/barcode`, in the order Tab cycles them.
pub const TYPES: [&str; 5] = ["qrcode", "code128b", "code39", "pdf417", "aztec"];

/// A fetched barcode, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// What to say instead of (or above) the drawing.
    pub label: String,
}

/// Draws a fetched barcode.
pub fn render(shown: &Shown, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
    use ratatui::widgets::Widget;
    ratatui::widgets::Paragraph::new(shown.label.clone()).render(area, buf);
}
