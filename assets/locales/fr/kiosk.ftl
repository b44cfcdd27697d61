scan-queue-waiting = { $count ->
    [one] { $count } scan en attente
   *[other] { $count } scans en attente
}
