scan-queue-waiting = { $count ->
    [one] { $count } Scan wartet
   *[other] { $count } Scans warten
}
