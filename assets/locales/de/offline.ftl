# Wörter der Offline-Kopie (Suche, Statusleiste) und der Konfliktliste.

lookup-source-header = Quelle
lookup-from-server = Server
lookup-from-copy = Kopie, { $age } alt
lookup-detail-from-copy = Aus der Kopie dieser Kasse, { $age } alt: F5 liest es vom Server.
lookup-copy-only-offline = Offline: nur Ergebnisse aus der Kopie dieser Kasse.
lookup-copy-only-no-answer = Der Server hat nicht geantwortet: nur Ergebnisse aus der Kopie dieser Kasse.
lookup-copy-unreadable = Die Kopie dieser Kasse ist nicht lesbar: nur Ergebnisse vom Server.
lookup-copy-holds = Kopie dieser Kasse: { $sessions } Coupons, { $customers } mit Kunde (per Teil von Name, E-Mail oder Telefon zu finden).

conflicts-loading = Konflikte werden gelesen…
conflicts-title = Konflikte: { $unseen } neu von { $total }
conflicts-none = Keine Konflikte: jeder offline angenommene Coupon wurde auf dem Server entwertet.
conflicts-col-code = Code
conflicts-col-customer = Kunde
conflicts-col-accepted = Offline angenommen
conflicts-col-server = Server sagt
conflicts-col-seen = Gesehen
conflicts-seen = gesehen
conflicts-unseen = NEU
conflicts-offer = { $offer } — { $customer }
conflicts-accepted = Offline an dieser Kasse angenommen am { $at } von { $who }
conflicts-server = Der Server sagt: { $says }
conflicts-server-since = Der Server sagt: { $says } (seit { $since })
conflicts-seen-by = Gesehen am { $at } von { $by }
conflicts-not-seen = Noch von keinem Manager gesehen
conflicts-mark-this = diesen als gesehen markieren
conflicts-mark-all = alle { $n } neuen als gesehen markieren
conflicts-switch = diesen / alle
conflicts-nothing-to-mark = Schon gesehen: nichts zu markieren.
command-conflicts = Konflikte
    .help = Konflikte: offline angenommen, vom Server abgelehnt
