# Schichtübersicht (F3).

summary-title = Schichtübersicht — seit { $since } ({ $till })
summary-today = heute
summary-none = Heute noch keine Versuche.
summary-operation = Vorgang
summary-outcome = Ergebnis
summary-count = Anzahl

operation-validate = einlösen
operation-unvalidate = zurücknehmen
operation-void = stornieren
operation-unvoid = Storno aufheben
operation-lock = sperren
operation-unlock = entsperren
operation-claim = abholen
operation-activate = aktivieren
operation-delete = löschen

outcome-validated = bestätigt
outcome-already-validated = bereits eingelöst
outcome-expired = abgelaufen
outcome-voided = storniert
outcome-locked = gesperrt
outcome-not-found = nicht gefunden
outcome-not-claimed = nicht abgeholt
outcome-refused = abgelehnt
outcome-invalid-input = kein gültiger Code
outcome-check-failed = Prüfung fehlgeschlagen
outcome-unknown = unklar
outcome-validated-owner-unknown = eingelöst, Kasse unklar
outcome-not-validated = nicht eingelöst
outcome-undone = zurückgenommen
outcome-undo-failed = Rücknahme fehlgeschlagen
outcome-done = erledigt
outcome-failed = fehlgeschlagen
outcome-pin-refused = PIN abgelehnt
outcome-accepted-offline = offline angenommen
outcome-already-used-offline = bereits eingelöst (offline)
outcome-wrong-coupon = falscher Gutschein
outcome-offline-cannot-check = offline, keine Prüfung
