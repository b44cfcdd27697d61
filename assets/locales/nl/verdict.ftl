# Het uitslagscherm (zie en/verdict.ftl voor de opbouw).

verdict-validated = GOEDGEKEURD
    .headline = GOEDGEKEURD
    .tagline = geef de korting
    .reason = De coupon is goedgekeurd.
verdict-validated-owner-unknown = GOEDGEKEURD — MOGELIJK NIET DOOR DEZE KASSA
    .headline = GOEDGEKEURD?
    .tagline = eerst controleren
    .reason = De server toont de coupon als goedgekeurd, maar niets wijst erop dat deze kassa dat deed.
verdict-already-used = AL GEBRUIKT
    .headline =
        AL
        GEBRUIKT
    .reason = Deze coupon is al gebruikt.
verdict-expired = VERLOPEN
    .headline = VERLOPEN
    .reason = Deze coupon is verlopen.
verdict-voided = GEANNULEERD
    .headline = GEANNULEERD
    .reason = Deze coupon is geannuleerd.
verdict-locked = GEBLOKKEERD
    .headline = GEBLOKKEERD
    .reason = Deze coupon is geblokkeerd.
verdict-not-found = NIET GEVONDEN
    .headline =
        NIET
        GEVONDEN
    .reason = Geen coupon gevonden met deze code.
verdict-not-claimed = NIET GECLAIMD
    .headline =
        NIET
        GECLAIMD
    .reason = De klant heeft deze coupon niet geclaimd.
verdict-refused = GEWEIGERD
    .headline = GEWEIGERD
verdict-invalid = GEEN COUPONCODE
    .headline = ONGELDIG
    .reason = Dit is geen code die de kassa kan controleren.
verdict-check-failed = CONTROLE MISLUKT
    .headline =
        CONTROLE
        MISLUKT
    .tagline = er is niets gewijzigd
    .reason = Geen duidelijk antwoord van de server: er is niets gewijzigd.
verdict-unknown = ONBEKEND
    .headline = ONBEKEND
    .tagline = nog niet aannemen
    .reason = Geen duidelijk antwoord van de server: de coupon is misschien goedgekeurd, misschien niet.
verdict-undone = TERUGGEDRAAID
    .headline = TERUGGEDRAAID
    .tagline = de coupon kan opnieuw gebruikt worden
    .reason = Goedkeuring geannuleerd: de coupon kan opnieuw gebruikt worden.
verdict-undo-failed = TERUGDRAAIEN MISLUKT
    .headline =
        TERUGDRAAIEN
        MISLUKT
    .reason = De goedkeuring is misschien niet teruggedraaid: controleer het met F2 opzoeken.
verdict-accepted-offline = OFFLINE AANGENOMEN
    .headline =
        OFFLINE
        AANGENOMEN
    .tagline = geef de korting; wordt verstuurd zodra de server antwoordt
    .reason = De server is niet bereikbaar: aangenomen op basis van de kopie van deze kassa.
verdict-already-used-offline = AL GEBRUIKT (offline)
    .headline =
        AL
        GEBRUIKT
    .tagline = hier eerder offline aangenomen
    .reason = Deze kassa heeft deze coupon al offline aangenomen.
verdict-wrong-coupon = VERKEERDE COUPON
    .headline =
        VERKEERDE
        COUPON
    .tagline = hier niet geldig
    .reason = Deze coupon wordt aan deze kassa niet aangenomen.
verdict-offline-cannot-check = OFFLINE — KAN NIET CONTROLEREN
    .headline =
        KAN NIET
        CONTROLEREN
    .tagline = nog niet aannemen
    .reason = De server is niet bereikbaar en de kopie van deze kassa kan het niet beslissen.

verdict-coupon = Coupon: { $offer }
verdict-validated-when = Goedgekeurd { $when }
verdict-was-validated-when = Al goedgekeurd { $when }
verdict-expired-when = Verlopen { $when }
verdict-press-f5 = Druk op F5 om het opnieuw te proberen.
verdict-scanned = Gescand: { $code }
when-today = vandaag om { $time }
when-on = op { $date } om { $time }

reason-answer-lost-not-validated = Het antwoord ging verloren, en de server toont deze coupon nog niet goedgekeurd.
reason-server-failed-maybe-validated = Fout op de server: de coupon is misschien goedgekeurd, misschien niet.
reason-no-answer-maybe-validated = Geen antwoord van de server: de coupon is misschien goedgekeurd, misschien niet.
reason-unreachable-nothing-changed = De server is niet bereikbaar: er is niets gewijzigd.
reason-unclear-nothing-changed = Geen duidelijk antwoord van de server: er is niets gewijzigd.
reason-server-failed-nothing-changed = Fout op de server: er is niets gewijzigd.
reason-settings-incomplete = De accountinstellingen van de kassa zijn onvolledig.
