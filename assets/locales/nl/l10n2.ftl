# De eenvoudige zinnen voor een mislukt verzoek, en de redenen van de offline uitslagen.

plain-server-failed = De server gaf een fout.
plain-unreachable = De server is niet bereikbaar.
plain-no-answer = Geen antwoord van de server.
plain-unreadable-answer = Het antwoord van de server was niet leesbaar.
plain-settings-incomplete = De accountinstellingen van de kassa zijn onvolledig.
plain-already-used = Deze coupon is al gebruikt.
plain-expired = Deze coupon is verlopen.
plain-voided = Deze coupon is ongeldig gemaakt.
plain-locked = Deze coupon is vergrendeld.
plain-not-found = Geen coupon heeft deze code.
plain-not-claimed = Nog geen klant heeft deze coupon opgehaald.
plain-session-state-refused = De server weigert dit in de huidige toestand van de coupon (F1 toont waarom).
plain-refused = De server heeft dit verzoek geweigerd.

# Waarom terugdraaien (F8) mislukte: de eenvoudige zin, en of er misschien toch iets is teruggedraaid.
undo-failed-maybe-undone = { $plain } Misschien is de goedkeuring teruggedraaid, misschien niet: controleer het met F2 opzoeken.
undo-failed-nothing-taken-back = { $plain } Er is niets teruggedraaid.
undo-failed-not-ours = De server toont de goedkeuring van deze kassa niet meer: er is niets teruggedraaid.

journal-not-written-plain = LOGBOEK NIET GESCHREVEN: deze uitslag staat niet in het logboek van de kassa (F1 toont waarom).

offline-accepted = De server is niet bereikbaar; aanvaard uit de kopie van deze kassa ({ $age } geleden bijgewerkt). Het wordt verzonden zodra de server antwoordt.
offline-refused-validated-on = Gevalideerd op { $at }, zegt de kopie van deze kassa ({ $age } geleden bijgewerkt). De server is niet bereikbaar.
offline-refused-validated = Al gevalideerd, zegt de kopie van deze kassa ({ $age } geleden bijgewerkt). De server is niet bereikbaar.
offline-refused-voided = Ongeldig gemaakt, zegt de kopie van deze kassa ({ $age } geleden bijgewerkt). De server is niet bereikbaar.
offline-refused-locked = Vergrendeld, zegt de kopie van deze kassa ({ $age } geleden bijgewerkt). De server is niet bereikbaar.
offline-refused-may-have-expired = Verloopt op { $at } (misschien al voorbij in de tijdzone van de coupon), zegt de kopie van deze kassa ({ $age } geleden bijgewerkt). De server is niet bereikbaar.
offline-refused-not-claimed = Niet opgehaald, zegt de kopie van deze kassa ({ $age } geleden bijgewerkt). De server is niet bereikbaar.
offline-already-used = Deze kassa heeft deze coupon op { $at } offline aanvaard.
offline-wrong-coupon = { $offer } wordt aan deze kassa niet aanvaard.
offline-cannot-check-policy = De server is niet bereikbaar en deze kassa aanvaardt geen coupons offline. Nog niet aanvaarden.
offline-cannot-check-not-in-copy = De server is niet bereikbaar en de kopie van deze kassa kent deze code niet. Nog niet aanvaarden.
offline-cannot-check-several = De server is niet bereikbaar; deze code past bij { $count } coupons in de kopie van deze kassa. Zoek hem op (F2).

plain-unusable-session-code = Het record van de server voor deze coupon heeft een code die de kassa niet kan gebruiken (F1 toont waarom).
plain-unusable-campaign = Het record van de server voor deze coupon noemt een campagne die de kassa niet kan gebruiken.
lookup-may-have-changed = De sessie is misschien wel of niet gewijzigd: F5 laadt hem opnieuw.

scan-error-empty = Er is niets gescand.
scan-error-too-long = Te lang voor een couponcode ({ $count } tekens).
scan-error-control-character = De scan bevat een stuurteken; scan opnieuw.
scan-error-invalid-character = De scan bevat tekens die geen couponcode heeft ({ $char }); scan opnieuw of typ de code.
scan-error-too-short = Te kort: een code heeft minstens { $min } tekens nodig (of de korte code van 6 tekens).
scan-error-url-without-session = Die link eindigt niet op een couponsessiecode.

# Waarnaar een zoekopdracht zocht (titel van de resultaten).
lookup-for-text = "{ $value }"
lookup-for-email = e-mail { $value }
lookup-for-phone = telefoon { $value }
lookup-for-phone-or-code = telefoon of code { $value }
lookup-for-code = code { $value }
lookup-for-session = sessie { $value }
lookup-for-in-campaign = { $what } in { $campaign }
lookup-campaign-invalid = Een campagne-id is cam_ gevolgd door letters en cijfers.
lookup-query-invalid = Hierop kan niet gezocht worden: typ meer van de e-mail, telefoon of code.

# Het barcodescherm (F4).
barcode-cannot-encode = Een { $kind } kan deze sessiecode niet bevatten.
barcode-holds-other = Deze code bevat "{ $content }", niet sessie { $session }: niet meegeven.
barcode-other-type = { $kind-asked } gevraagd, de server stuurde { $kind-sent }.
barcode-needs-columns = heeft { $needed } kolommen nodig — maak het venster breder (het heeft er { $available })
barcode-needs-rows = heeft { $needed } rijen nodig — maak het venster hoger (het heeft er { $available })
barcode-no-readable-code = in de afbeelding van de server was geen code leesbaar
barcode-image-warning = Een scanner leest deze afbeelding misschien niet; ze wordt getoond zoals de server ze stuurde.
barcode-image-unreadable = de afbeelding van de server was niet leesbaar
barcode-unknown-session = Geen barcode: de server kent deze sessie niet.
barcode-internal-error = de kassa kon de afbeelding van de server niet ophalen

# F3 andere kassa's en de conflictlijst, als ze niet leesbaar zijn (de fout zelf staat in F1).
tills-failed-plain = De andere kassa's konden niet geladen worden (F1 toont waarom).
conflicts-unreadable = De conflictlijst kon niet gelezen worden (F1 toont waarom).
