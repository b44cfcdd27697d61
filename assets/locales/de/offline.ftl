# Wörter der Offline-Kopie (Suche, Statusleiste) und der Konfliktliste.

copy-age-minutes = { $n } Min.
copy-age-hours = { $n } Std.
copy-age-days = { $n ->
    [one] { $n } Tag
   *[other] { $n } Tage
}
lookup-source-header = Quelle
lookup-from-server = Server
lookup-from-copy = Kopie, { $age } alt
lookup-detail-from-copy = Aus der Kopie dieser Kasse, { $age } alt: F5 liest es vom Server.
lookup-copy-only-offline = Offline: nur Ergebnisse aus der Kopie dieser Kasse.
lookup-copy-only-no-answer = Der Server hat nicht geantwortet: nur Ergebnisse aus der Kopie dieser Kasse.
lookup-copy-unreadable = Die Kopie dieser Kasse ist nicht lesbar: nur Ergebnisse vom Server.
lookup-copy-holds = Kopie dieser Kasse: { $sessions } Coupons, { $customers } mit Kunde (per Teil von Name, E-Mail oder Telefon zu finden).
