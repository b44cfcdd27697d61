//! The barcode screen's data: ask the endpoint, read its image off the async runtime, check it is
//! this session's code, and fall back to drawing locally when the endpoint cannot be used.

use super::screen::{content_warning, BarcodeScreen, Drawing, Source};
use crate::api::barcode::BarcodeType;
use crate::api::{ApiError, Client, Refusal, SessionCode};
use crate::barcode::decode::{decode_luma, load_luma, run_in_background, DecodeError, Decoded};
use crate::barcode::encode::encode;
use crate::barcode::render::Thumbnail;
use crate::i18n::Said;

/// Largest side of the copy of the endpoint's image kept to show it when it holds no code.
const THUMBNAIL_SIDE: usize = 240;

/// Fetches `couponsession/barcode` and builds the screen. Never fails: every problem becomes a
/// labelled screen (rendered locally, image only, or refused) that says what happened.
pub async fn fetch_for_screen(client: &Client, code: &SessionCode, kind: BarcodeType) -> BarcodeScreen {
    match client.barcode(code, kind).await {
        Ok(image) => screen_from_image(code, kind, image.bytes).await,
        Err(e) => screen_from_error(code, kind, &e),
    }
}

/// What reading the endpoint's image gave.
enum Read {
    Code(Decoded, Thumbnail),
    NoCode(DecodeError, Thumbnail),
}

/// The screen for image bytes the endpoint sent (decoding runs off the async runtime).
pub async fn screen_from_image(code: &SessionCode, kind: BarcodeType, bytes: Vec<u8>) -> BarcodeScreen {
    let read = run_in_background(move || {
        let luma = load_luma(&bytes)?;
        let thumb = Thumbnail::from_luma(
            &luma.pixels,
            luma.width as usize,
            luma.height as usize,
            THUMBNAIL_SIDE,
        );
        Ok(match decode_luma(&luma) {
            Ok(decoded) => Read::Code(decoded, thumb),
            Err(e) => Read::NoCode(e, thumb),
        })
    })
    .await;
    match read {
        Ok(Read::Code(decoded, thumb)) => {
            let warning = content_warning(code, kind, &decoded);
            // Redraw from what the image holds, in the format it holds it, so the screen shows
            // exactly what the server meant; if that cannot be re-encoded, show the image itself.
            let drawing = match encode(&decoded.content, decoded.format) {
                Ok(symbol) => Drawing::Symbol(symbol),
                Err(_) => Drawing::Picture(thumb),
            };
            tracing::debug!(kind = kind.as_str(), matches = warning.is_none(), "barcode read");
            BarcodeScreen {
                code: code.clone(),
                kind,
                source: Source::Endpoint,
                decoded: Some(decoded),
                warning,
                drawing,
            }
        }
        Ok(Read::NoCode(e, thumb)) => {
            tracing::info!(kind = kind.as_str(), error = %e, "server's barcode image holds no readable code");
            BarcodeScreen {
                code: code.clone(),
                kind,
                source: Source::ImageOnly {
                    reason: Said::new("barcode-no-readable-code"),
                },
                decoded: None,
                warning: Some(Said::new("barcode-image-warning")),
                drawing: Drawing::Picture(thumb),
            }
        }
        Err(e) => {
            tracing::warn!(kind = kind.as_str(), error = %e, "server's barcode image unreadable");
            BarcodeScreen::local(code, kind, Said::new("barcode-image-unreadable"))
        }
    }
}

/// The screen when the endpoint answered no image: a refusal about the session itself is shown
/// as such; anything else (offline, server trouble, a type the server lacks) is drawn locally.
pub fn screen_from_error(code: &SessionCode, kind: BarcodeType, e: &ApiError) -> BarcodeScreen {
    tracing::warn!(kind = kind.as_str(), error = %e, "barcode endpoint failed");
    if let ApiError::Api { message, .. } = e {
        let lower = message.to_ascii_lowercase();
        let unknown_session = e.refusal() == Some(Refusal::NotFound)
            || lower.contains("does not exist")
            || lower.contains("not found");
        if unknown_session {
            return BarcodeScreen {
                code: code.clone(),
                kind,
                source: Source::Refused {
                    message: message.clone(),
                },
                decoded: None,
                warning: None,
                drawing: Drawing::Nothing(Said::new("barcode-unknown-session")),
            };
        }
    }
    let reason = crate::kiosk::plain::said_of_error(e).unwrap_or_else(|| Said::new("plain-refused"));
    BarcodeScreen::local(code, kind, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> SessionCode {
        SessionCode::parse("ac6s7u3g8a25ja7x9qg87").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_unknown_session_is_refused_not_drawn() {
        let e = ApiError::Api {
            code: 400,
            message: "Couponsession ac6s7u3g8a25ja7x9qg87 does not exist".into(),
            http_status: 400,
        };
        let s = screen_from_error(&code(), BarcodeType::Qrcode, &e);
        assert!(matches!(s.source, Source::Refused { .. }));
        assert!(matches!(s.drawing, Drawing::Nothing(_)));
    }

    #[test]
    fn offline_or_unsupported_type_is_drawn_locally_with_the_reason() {
        for e in [
            ApiError::Unreachable("connection refused".into()),
            ApiError::Api {
                code: 400,
                message: "Unsupported type: aztec".into(),
                http_status: 400,
            },
        ] {
            let s = screen_from_error(&code(), BarcodeType::Aztec, &e);
            let reason = crate::kiosk::plain::said_of_error(&e);
            assert_eq!(
                Some(s.source),
                reason.map(|reason| Source::RenderedLocally { reason })
            );
            assert!(matches!(s.drawing, Drawing::Symbol(_)));
        }
    }

    #[tokio::test]
    async fn garbage_from_the_endpoint_is_drawn_locally() {
        let s = screen_from_image(&code(), BarcodeType::Qrcode, b"\x89PNG\r\n\x1a\nnope".to_vec()).await;
        match &s.source {
            Source::RenderedLocally { reason } => assert_eq!(reason.id, "barcode-image-unreadable"),
            other => panic!("{other:?}"),
        }
    }
}
