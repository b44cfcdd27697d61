# The session card (confirm mode), the pick-one list, the amount entry, and the session tables.

card-title = Coupon session — Enter validates
card-undescribed = The server shows this coupon's details only once it is validated.
card-press-enter = Press Enter to validate this coupon, Esc to cancel.
# Labels (up to 11 characters line up).
card-give = Give
card-campaign-warning = ⚠ Campaign
card-state = State
card-customer = Customer
card-coupon = Coupon
card-session = Session
card-claimed = Claimed
card-expires = Expires
card-validated = Validated
card-own-code = Own code
card-yes = yes
card-no = no

# A session's state: the value on the card, .short in a table's column (up to 9 characters).
session-voided = voided
    .short = voided
session-validated = already validated
    .short = validated
session-locked = locked
    .short = locked
session-expired = past its expiry date — the server decides
    .short = expired
session-claimed = claimed — can be validated
    .short = claimed
session-open = opened, not claimed
    .short = open

# Column heads of a table of sessions.
table-code = Code
table-coupon = Coupon
table-customer = Customer
table-state = State
table-claimed = Claimed
table-expires = Expires

choose-title = { $count } sessions match { $code } — pick one

money-title = Amount spent
money-coupon = Coupon { $code }
money-ask = How much did the customer spend? (e.g. 12.50; empty = not recorded)
money-amount = Amount
money-error-ambiguous = 1,500: thousands or decimals? Type 1500 or 1.500.
money-error-digits = Type the amount with digits and one decimal point, e.g. 12.50.
money-error-not-an-amount = That is not an amount, e.g. 12.50.
money-error-decimals = At most three decimals.
money-error-too-large = That amount is too large.
card-campaign-ended = This campaign ended on { $date }.
card-campaign-not-active = This campaign is not active (status: { $status }).
