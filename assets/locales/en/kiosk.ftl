# The kiosk screen's words, English (the fallback for every other language).
# One message per thing said; ids are grouped by screen: scan-, status-, key-, ...
# The other screens have their own files: verdict.ftl, card.ftl, lookup.ftl, help.ftl, summary.ftl.

# Dates: a strftime pattern; month names come from the language's locale data.
date-format = %-d %b %Y

scan-queue-waiting = { $count ->
    [one] { $count } scan waiting
   *[other] { $count } scans waiting
}

## Status bar
status-not-connected = not connected yet
status-online = online
status-unstable = unstable
status-offline = OFFLINE
status-demo = DEMO
status-journal-not-written = JOURNAL NOT WRITTEN
status-today = today
status-mirror = mirror { $count }
status-mirror-empty = mirror empty
status-outbox = outbox { $count }
status-conflicts = { $count ->
    [one] { $count } conflict
   *[other] { $count } conflicts
}
age-seconds = { $s } s
age-minutes = { $min } min
age-hours = { $h } h { $min } min
age-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}

## Scan screen
scan-field-title = Scan or type a code, then Enter
scan-prompt-short = Scan
scan-ready = Ready
scan-ready-hint = Scan a coupon, or type its code, URL, email or phone and press Enter.
scan-undo-hint = { $seconds ->
    [one] F8 undoes the last validation ({ $code }) for { $seconds } more second.
   *[other] F8 undoes the last validation ({ $code }) for { $seconds } more seconds.
}
hint-money = Type the amount, Enter to validate. Esc goes back.
hint-lookup = Staff lookup: typing goes into the search. F2 returns to the scan screen.

## While a request is out: the value in large type, .detail under it
working-looking-up = LOOKING UP
    .detail = Finding the coupon session…
working-validating = VALIDATING
    .detail = Asking the server to validate…
working-undoing = UNDOING
    .detail = Asking the server to unvalidate…
working-checking = CHECKING
    .detail = No answer in time: asking the server what happened. Do not accept yet.
working-still-checking = Still being checked — { $what } · { $customer }
working-waiting = { $code } · waiting { $seconds } s

## The strip of last results
strip-last-results = Last results
strip-next = next: { $codes }{ $more ->
    [0] {""}
   *[other] {" "}(+{ $more } more)
}
strip-not-validated = NOT VALIDATED

## Footer: what a key does
key-quit = quit
key-stay = stay
key-undo = undo
key-keep-it = keep it
key-back = back
key-next-type = next type
key-clear = clear
key-cancel = cancel
key-validate = validate
key-choose = choose
key-open = open
key-dismiss = dismiss
key-search = search
key-field = field
key-details = details
key-action = action
key-do = do
key-reload = reload
key-yes = yes
key-no = no
key-check-pin = check PIN
# Key names as the keyboard prints them.
keyname-enter = Enter
keyname-esc = Esc
keyname-ctrl = Ctrl

## Commands: the footer word, .help the help screen's line
command-help = help
    .help = this help
command-lookup = lookup
    .help = staff lookup by email, phone or code
command-summary = shift
    .help = shift summary: today's counts per outcome
command-barcode = barcode
    .help = barcode of the session on screen (Tab: next type)
command-retry = retry
    .help = retry after CHECK FAILED or UNKNOWN; reload in lookup
command-undo = undo
    .help = undo the last validation (a short while; PIN if set)
command-quit = quit
    .help = quit (asks first)

## Dialogs
quit-question = Quit the kiosk?
quit-keys = Enter = quit    Esc = stay
undo-pin-title = Undo the last validation
undo-pin-ask = Supervisor PIN:
undo-pin-wrong = Wrong PIN. Supervisor PIN:
undo-pin-keys = Enter = undo    Esc = keep it
too-small = Please enlarge the window
too-small-size = (at least { $min }, now { $now })
barcode-fetching = Fetching the { $kind } barcode…

## Notices under the scan field
notice-wait-for-verdict-lookup = Wait for the verdict before opening the lookup.
notice-barcode-needs-session = F4 shows a barcode for the session on screen: scan a coupon first.
notice-nothing-to-undo = Nothing to undo.
notice-too-late-to-undo = Too late to undo here: use F2 lookup to unvalidate.
notice-validation-in-flight = A validation is in flight: wait for its verdict.
notice-same-code-again = Same code again within { $seconds } s: not sent twice.
notice-too-many-waiting = Too many scans waiting: let the kiosk catch up, then press Enter.
notice-typed-before-scan-left-out = "{ $typed }" typed before the scan was left out.
barcode-from-server = from the server
barcode-rendered-locally = rendered locally
barcode-image-only = the server's image as sent — no readable code
barcode-refused = refused by the server
