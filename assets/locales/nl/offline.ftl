# Woorden van de offline-kopie (zoeken, statusbalk) en het conflictenoverzicht.

lookup-source-header = Bron
lookup-from-server = server
lookup-from-copy = kopie, { $age } oud
lookup-detail-from-copy = Uit de kopie van deze kassa, { $age } oud: F5 leest het bij de server.
lookup-copy-only-offline = Offline: alleen resultaten uit de kopie van deze kassa.
lookup-copy-only-no-answer = De server antwoordde niet: alleen resultaten uit de kopie van deze kassa.
lookup-copy-unreadable = De kopie van deze kassa kon niet doorzocht worden: alleen resultaten van de server.
lookup-copy-holds = Kopie van deze kassa: { $sessions } coupons, { $customers } met klant (te vinden op een deel van naam, e-mail of telefoon).

conflicts-loading = Conflicten worden gelezen…
conflicts-title = Conflicten: { $unseen } nieuw van { $total }
conflicts-none = Geen conflicten: elke offline aangenomen coupon is op de server goedgekeurd.
conflicts-col-code = Code
conflicts-col-customer = Klant
conflicts-col-accepted = Offline aangenomen
conflicts-col-server = Server zegt
conflicts-col-seen = Gezien
conflicts-seen = gezien
conflicts-unseen = NIEUW
conflicts-offer = { $offer } — { $customer }
conflicts-accepted = Offline aangenomen aan deze kassa op { $at } door { $who }
conflicts-server = De server zegt: { $says }
conflicts-server-since = De server zegt: { $says } (sinds { $since })
conflicts-seen-by = Gezien op { $at } door { $by }
conflicts-not-seen = Nog niet gezien door een manager
conflicts-mark-this = deze als gezien markeren
conflicts-mark-all = alle { $n } nieuwe als gezien markeren
conflicts-switch = deze / alle
conflicts-nothing-to-mark = Al gezien: niets te markeren.
command-conflicts = conflicten
    .help = conflicten: offline aangenomen, door de server geweigerd
