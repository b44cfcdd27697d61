//! End to end: the barcode screen (F4) of the real `coupon-kiosk demo` binary in a pseudo-terminal
//! at 80×24, 120×40 and 160×40, read off the screen's text the way a phone camera would see it
//! (`rasterize`) and decoded by rxing. Every type the screen offers is either drawn and decodes to
//! the session's code, or says how many columns it needs.

mod support;

use anyhow::{anyhow, Result};
use coupon_kiosk::api::barcode::BarcodeType;
use coupon_kiosk::barcode::decode::{decode_luma, LumaImage};
use coupon_kiosk::barcode::encode::content_for;
use coupon_kiosk::barcode::render::rasterize;
use support::codes::CLAIMED as JANE;
use support::pty::{Kiosk, F4, TAB};

/// What the screen's text holds as a code, read as a camera would: (type, content), if any.
fn decode_screen(screen: &str) -> Option<(BarcodeType, String)> {
    let lines: Vec<String> = screen.lines().map(str::to_string).collect();
    let (pixels, width, height) = rasterize(&lines, 2);
    decode_luma(&LumaImage {
        width,
        height,
        pixels,
    })
    .ok()
    .map(|d| (d.format, d.content))
}

/// What each type must show at a window `cols` wide: Ok(()) = drawn and decoded, Err(n) = "needs
/// n columns". Code 128 takes 143 columns (266 modules and 2 × 10 quiet, two to a column), Code 39
/// 159; QR, Aztec and PDF417 fit 80 × 24.
fn expected(kind: BarcodeType, cols: u16) -> Result<(), usize> {
    let needs = match kind {
        BarcodeType::Code128b => 143,
        BarcodeType::Code39 => 159,
        _ => 0,
    };
    if needs > cols as usize {
        Err(needs)
    } else {
        Ok(())
    }
}

#[test]
fn every_barcode_type_is_drawn_and_decodes_off_the_screen_or_says_what_it_needs() -> Result<()> {
    let mut k = Kiosk::demo(&[])?;
    k.scan(JANE)?;
    k.wait_for("Enter validates")?;
    k.send(F4)?;
    k.wait_for("QR code · from the server")?;
    let mut shown = BarcodeType::Qrcode;
    let mut report = Vec::new();
    for (rows, cols) in [(24u16, 80u16), (40, 120), (40, 160)] {
        k.resize(rows, cols)?;
        // Tab first: each type is drawn after the resize, at this size.
        for _ in BarcodeType::ALL {
            k.send(TAB)?;
            shown = shown.next();
            k.wait_for(&format!("{} · from the server", shown.label()))?;
            match expected(shown, cols) {
                Ok(()) => {
                    let want = (shown, content_for(shown, JANE));
                    k.wait_until(|s| decode_screen(s).as_ref() == Some(&want))
                        .map_err(|e| anyhow!("{cols}×{rows} {shown}: {e}"))?;
                    report.push(format!("{cols}×{rows} {shown}: decoded"));
                }
                Err(needs) => {
                    let says = format!("needs {needs} columns — widen the window (it has {cols})");
                    k.wait_for(&says)
                        .map_err(|e| anyhow!("{cols}×{rows} {shown}: {e}"))?;
                    assert_eq!(decode_screen(&k.screen()), None, "{cols}×{rows} {shown}");
                    report.push(format!("{cols}×{rows} {shown}: {says}"));
                }
            }
        }
    }
    // At 160 columns every type is drawn; below, only the 1D codes are not.
    assert_eq!(
        report.iter().filter(|r| r.ends_with("decoded")).count(),
        3 + 3 + 5,
        "{report:#?}"
    );
    assert_eq!(k.quit()?, 0);
    Ok(())
}
