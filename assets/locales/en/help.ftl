# The help screen (F1): each line's value explains, .key names the key or colour.

help-title = Keys — Esc or F1 to go back
help-last-problem = Last problem, at { $time }:
help-typing = always go into the scan field (scanners type them)
    .key = letters, digits
help-enter = end a scan; with an empty field, Enter confirms
    .key = Enter / Ctrl-J / Tab
help-esc = clear the scan field, dismiss a verdict, or go back
    .key = Esc
help-arrows = choose in lists and actions
    .key = ↑ ↓
help-green = VALIDATED: give the discount
    .key = ✔ green
help-red = refused: already validated, expired, voided, locked…
    .key = ✖ red
help-amber = CHECK FAILED / UNKNOWN: do not accept yet; F5
    .key = ⚠ amber
help-paste = treated as typing; it never submits by itself
    .key = paste
