# Staff lookup (F2).

lookup-title = Staff lookup
lookup-search = Search
lookup-campaign = Campaign
lookup-searching = Searching…
lookup-form-hint = Search by email, phone, custom validation code or session code.
lookup-form-hint-campaign = Optionally name a coupon (cam_…) to search only that coupon.
lookup-results = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
lookup-results-for = { $count ->
    [one] { $count } result for { $query }
   *[other] { $count } results for { $query }
}
lookup-session = Session
lookup-actions = Actions
lookup-email = Email
lookup-phone = Phone
lookup-confirm = { $action } session { $code }?
lookup-confirm-keys = { $yes } = yes    { $no } = no
lookup-needs-pin = { $action } needs the supervisor PIN: { $pin }
lookup-wrong-pin = Wrong PIN.

action-validate = Validate
action-unvalidate = Unvalidate
action-void = Void
action-unvoid = Unvoid
action-lock = Lock
action-unlock = Unlock
action-claim = Claim
action-activate = Activate
action-delete = Delete

# What a staff action is doing or did; { $action } is validate, unvalidate, void, unvoid, lock,
# unlock, claim, activate or delete.
lookup-press-ctrl-y = Press Ctrl-Y to { $action }: Enter does not confirm this.
lookup-working = { $action ->
    [validate] Validating…
    [unvalidate] Unvalidating…
    [void] Voiding…
    [unvoid] Unvoiding…
    [lock] Locking…
    [unlock] Unlocking…
    [claim] Claiming…
    [activate] Activating…
   *[delete] Deleting…
}
lookup-done = { $action ->
    [validate] Done: validated.
    [unvalidate] Done: unvalidated.
    [void] Done: voided.
    [unvoid] Done: unvoided.
    [lock] Done: locked.
    [unlock] Done: unlocked.
    [claim] Done: claimed.
    [activate] Done: activated.
   *[delete] Done: deleted.
}
lookup-reloading = Reloading…
lookup-reloaded = Reloaded.
lookup-none-found = No coupon sessions found.
