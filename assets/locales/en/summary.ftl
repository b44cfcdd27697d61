# The shift summary (F3): today's attempts per operation and outcome.

summary-title = Shift summary — since { $since } ({ $till })
summary-today = today
summary-none = No attempts today yet.
summary-operation = Operation
summary-outcome = Outcome
summary-count = Count

operation-validate = validate
operation-unvalidate = unvalidate
operation-void = void
operation-unvoid = unvoid
operation-lock = lock
operation-unlock = unlock
operation-claim = claim
operation-activate = activate
operation-delete = delete

outcome-validated = validated
outcome-already-validated = already validated
outcome-expired = expired
outcome-voided = voided
outcome-locked = locked
outcome-not-found = not found
outcome-not-claimed = not claimed
outcome-refused = refused
outcome-invalid-input = invalid input
outcome-check-failed = check failed
outcome-unknown = unknown
outcome-validated-owner-unknown = validated owner unknown
outcome-not-validated = not validated
outcome-undone = undone
outcome-undo-failed = undo failed
outcome-done = done
outcome-failed = failed
outcome-pin-refused = pin refused
outcome-accepted-offline = accepted offline
outcome-already-used-offline = already used offline
outcome-wrong-coupon = wrong coupon
outcome-offline-cannot-check = offline cannot check
