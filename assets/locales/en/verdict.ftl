# The verdict screen. Each verdict's value is the words on the symbol line (next to ✔ ✖ ⚠ ↺ ◆);
# .headline is the large type, one line of large type per line (a line too wide is split at its
# spaces, or drawn in a smaller font: never cut); .tagline the extra words after the symbol line;
# .reason the plain reason shown when the server's own words are English.
# ALREADY USED's big words never contain the word of success (VALIDATED), in any language.

verdict-validated = VALIDATED
    .headline = VALIDATED
    .tagline = give the discount
    .reason = The coupon is validated.
verdict-validated-owner-unknown = VALIDATED — POSSIBLY NOT BY THIS TILL
    .headline = VALIDATED?
    .tagline = check before accepting
    .reason = The server shows it validated, and nothing shows this till did it.
verdict-already-used = ALREADY USED
    .headline =
        ALREADY
        USED
    .reason = This coupon was already validated.
verdict-expired = EXPIRED
    .headline = EXPIRED
    .reason = This coupon has expired.
verdict-voided = VOIDED
    .headline = VOIDED
    .reason = This coupon is voided.
verdict-locked = LOCKED
    .headline = LOCKED
    .reason = This coupon is locked.
verdict-not-found = NOT FOUND
    .headline =
        NOT
        FOUND
    .reason = No coupon matches this code.
verdict-not-claimed = NOT CLAIMED
    .headline =
        NOT
        CLAIMED
    .reason = The customer has not claimed this coupon.
verdict-refused = REFUSED
    .headline = REFUSED
verdict-invalid = NOT A COUPON CODE
    .headline = INVALID
    .reason = This is not a code the kiosk can check.
verdict-check-failed = CHECK FAILED
    .headline =
        CHECK
        FAILED
    .tagline = nothing was changed
    .reason = No clear answer from the server: nothing was changed.
verdict-unknown = UNKNOWN
    .headline = UNKNOWN
    .tagline = do not accept yet
    .reason = No clear answer from the server: the coupon may or may not be validated.
verdict-undone = UNDONE
    .headline = UNDONE
    .tagline = the coupon can be used again
    .reason = Validation cancelled: the coupon can be used again.
verdict-undo-failed = UNDO FAILED
    .headline =
        UNDO
        FAILED
    .reason = The validation may not have been undone: check it with F2 lookup.
verdict-accepted-offline = ACCEPTED OFFLINE
    .headline =
        ACCEPTED
        OFFLINE
    .tagline = give the discount; sent when the server answers
    .reason = The server cannot be reached: accepted from this till's copy.
verdict-already-used-offline = ALREADY USED (offline)
    .headline =
        ALREADY
        USED
    .tagline = accepted here offline before
    .reason = This till already accepted this coupon offline.
verdict-wrong-coupon = WRONG COUPON
    .headline =
        WRONG
        COUPON
    .tagline = not valid here
    .reason = This coupon is not accepted at this till.
verdict-offline-cannot-check = OFFLINE — CANNOT CHECK
    .headline =
        CANNOT
        CHECK
    .tagline = do not accept yet
    .reason = The server cannot be reached, and this till's copy cannot decide.

# The lines under the large type.
verdict-coupon = Coupon: { $offer }
verdict-validated-when = Validated { $when }
verdict-was-validated-when = It was validated { $when }
verdict-expired-when = It expired { $when }
verdict-press-f5 = Press F5 to try again.
verdict-scanned = Scanned: { $code }
# When something happened: { $time } is HH:MM:SS, { $date } the date (date-format).
when-today = at { $time } today
when-on = on { $date } at { $time }

# Reasons the kiosk writes itself.
reason-answer-lost-not-validated = The answer was lost, and the server shows this coupon is not validated yet.
reason-server-failed-maybe-validated = The server failed: the coupon may or may not be validated.
reason-no-answer-maybe-validated = No answer from the server: the coupon may or may not be validated.
reason-unreachable-nothing-changed = The server cannot be reached: nothing was changed.
reason-unclear-nothing-changed = No clear answer from the server: nothing was changed.
reason-server-failed-nothing-changed = The server failed: nothing was changed.
reason-settings-incomplete = The kiosk's account settings are incomplete.
