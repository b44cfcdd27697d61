# The plain sentences for a failed request, and the offline verdicts' reasons.

plain-server-failed = The server failed.
plain-unreachable = The server cannot be reached.
plain-no-answer = No answer from the server.
plain-unreadable-answer = The server's answer could not be read.
plain-settings-incomplete = The kiosk's account settings are incomplete.
plain-already-used = This coupon was already used.
plain-expired = This coupon has expired.
plain-voided = This coupon is voided.
plain-locked = This coupon is locked.
plain-not-found = No coupon has this code.
plain-not-claimed = No customer has claimed this coupon yet.
plain-session-state-refused = The server refused this in the coupon's current state (F1 shows why).
plain-refused = The server refused this request.

# Why an undo (F8) failed: the plain sentence, then whether anything may have been taken back.
undo-failed-maybe-undone = { $plain } It may or may not have been undone: check it with F2 lookup.
undo-failed-nothing-taken-back = { $plain } Nothing was taken back.
undo-failed-not-ours = The server no longer shows this till's validation of this coupon: nothing was taken back.

journal-not-written-plain = JOURNAL NOT WRITTEN: this result is not in the till's journal (F1 shows why).

offline-accepted = The server cannot be reached; accepted from this till's copy (synced { $age } ago). It is sent as soon as the server answers.
offline-refused-validated-on = Validated on { $at }, says this till's copy (synced { $age } ago). The server cannot be reached.
offline-refused-validated = Already validated, says this till's copy (synced { $age } ago). The server cannot be reached.
offline-refused-voided = Voided, says this till's copy (synced { $age } ago). The server cannot be reached.
offline-refused-locked = Locked, says this till's copy (synced { $age } ago). The server cannot be reached.
offline-refused-may-have-expired = Expires { $at } (may have passed in the coupon's time zone), says this till's copy (synced { $age } ago). The server cannot be reached.
offline-refused-not-claimed = Not claimed, says this till's copy (synced { $age } ago). The server cannot be reached.
offline-already-used = This till accepted this coupon offline on { $at }.
offline-wrong-coupon = { $offer } is not accepted at this till.
offline-cannot-check-policy = The server cannot be reached and this till does not accept coupons offline. Do not accept it yet.
offline-cannot-check-not-in-copy = The server cannot be reached and this till's copy does not hold this code. Do not accept it yet.
offline-cannot-check-several = The server cannot be reached; this code matches { $count } coupons in this till's copy. Look it up (F2).

plain-unusable-session-code = The server's record of this coupon has a code the kiosk cannot use (F1 shows why).
plain-unusable-campaign = The server's record of this coupon names a campaign the kiosk cannot use.
lookup-may-have-changed = The session may or may not have changed: F5 reloads it.

scan-error-empty = Nothing was scanned.
scan-error-too-long = That is too long to be a coupon code ({ $count } characters).
scan-error-control-character = The scan holds a control character; scan again.
scan-error-invalid-character = The scan holds characters no coupon code has ({ $char }); scan again or type the code.
scan-error-too-short = Too short: a code needs at least { $min } characters (or the 6-character short code).
scan-error-url-without-session = That link does not end in a coupon session code.

# What a look-up searched for (the results' title).
lookup-for-text = "{ $value }"
lookup-for-email = email { $value }
lookup-for-phone = phone { $value }
lookup-for-phone-or-code = phone or code { $value }
lookup-for-code = code { $value }
lookup-for-session = session { $value }
lookup-for-in-campaign = { $what } in { $campaign }
lookup-campaign-invalid = A campaign id is cam_ followed by letters and digits.
lookup-query-invalid = The search text cannot be searched for: type more of the email, phone or code.

# The barcode screen (F4).
barcode-cannot-encode = A { $kind } cannot hold this session code.
barcode-holds-other = This code holds "{ $content }", not session { $session }: do not hand it out.
barcode-other-type = Asked for { $kind-asked }, the server sent { $kind-sent }.
barcode-needs-columns = needs { $needed } columns — widen the window (it has { $available })
barcode-needs-rows = needs { $needed } rows — make the window taller (it has { $available })
barcode-no-readable-code = no code could be read in the server's image
barcode-image-warning = A scanner may not read this image; it is shown as the server sent it.
barcode-image-unreadable = the server's image could not be read
barcode-unknown-session = No barcode: the server does not know this session.
barcode-internal-error = the kiosk failed to fetch the server's image

# F3 other tills and the conflict list, when they cannot be read (the error itself is in F1).
tills-failed-plain = Could not load the other tills (F1 shows why).
conflicts-unreadable = The conflict list could not be read (F1 shows why).
