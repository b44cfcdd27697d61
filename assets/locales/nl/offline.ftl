# Woorden van de offline-kopie (zoeken, statusbalk) en het conflictenoverzicht.

copy-age-minutes = { $n } min
copy-age-hours = { $n } u
copy-age-days = { $n ->
    [one] { $n } dag
   *[other] { $n } dagen
}
lookup-source-header = Bron
lookup-from-server = server
lookup-from-copy = kopie, { $age } oud
lookup-detail-from-copy = Uit de kopie van deze kassa, { $age } oud: F5 leest het bij de server.
lookup-copy-only-offline = Offline: alleen resultaten uit de kopie van deze kassa.
lookup-copy-only-no-answer = De server antwoordde niet: alleen resultaten uit de kopie van deze kassa.
lookup-copy-unreadable = De kopie van deze kassa kon niet doorzocht worden: alleen resultaten van de server.
lookup-copy-holds = Kopie van deze kassa: { $sessions } coupons, { $customers } met klant (te vinden op een deel van naam, e-mail of telefoon).
