scan-queue-waiting = { $count ->
    [one] { $count } scan in de wachtrij
   *[other] { $count } scans in de wachtrij
}
