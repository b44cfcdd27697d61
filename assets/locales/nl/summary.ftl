# Dienstoverzicht (F3).

summary-title = Dienstoverzicht — sinds { $since } ({ $till })
summary-today = vandaag
summary-none = Vandaag nog geen pogingen.
summary-operation = Handeling
summary-outcome = Uitslag
summary-count = Aantal

operation-validate = goedkeuren
operation-unvalidate = intrekken
operation-void = annuleren
operation-unvoid = heractiveren
operation-lock = blokkeren
operation-unlock = deblokkeren
operation-claim = claimen
operation-activate = activeren
operation-delete = verwijderen

outcome-validated = goedgekeurd
outcome-already-validated = al gebruikt
outcome-expired = verlopen
outcome-voided = geannuleerd
outcome-locked = geblokkeerd
outcome-not-found = niet gevonden
outcome-not-claimed = niet geclaimd
outcome-refused = geweigerd
outcome-invalid-input = geen geldige code
outcome-check-failed = controle mislukt
outcome-unknown = onbekend
outcome-validated-owner-unknown = goedgekeurd, kassa onbekend
outcome-not-validated = niet goedgekeurd
outcome-undone = teruggedraaid
outcome-undo-failed = terugdraaien mislukt
outcome-done = gedaan
outcome-failed = mislukt
outcome-pin-refused = PIN geweigerd
outcome-accepted-offline = offline aangenomen
outcome-already-used-offline = al gebruikt (offline)
outcome-wrong-coupon = verkeerde coupon
outcome-offline-cannot-check = offline, geen controle
