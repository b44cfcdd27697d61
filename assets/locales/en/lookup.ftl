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
