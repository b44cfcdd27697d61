# The kiosk screen's words, English (the fallback for every other language).
# One message per thing said; ids are grouped by screen: scan-, verdict-, card-, lookup-, ...

scan-queue-waiting = { $count ->
    [one] { $count } scan waiting
   *[other] { $count } scans waiting
}
