# Der Ergebnisbildschirm (Aufbau siehe en/verdict.ftl).

verdict-validated = BESTÄTIGT
    .headline = BESTÄTIGT
    .tagline = Rabatt gewähren
    .reason = Der Gutschein ist bestätigt.
verdict-validated-owner-unknown = BESTÄTIGT — VIELLEICHT NICHT VON DIESER KASSE
    .headline = BESTÄTIGT?
    .tagline = vor dem Annehmen prüfen
    .reason = Der Server zeigt ihn als eingelöst, aber nichts zeigt, dass diese Kasse das war.
verdict-already-used = BEREITS EINGELÖST
    .headline =
        BEREITS
        EINGELÖST
    .reason = Dieser Gutschein wurde bereits eingelöst.
verdict-expired = ABGELAUFEN
    .headline = ABGELAUFEN
    .reason = Dieser Gutschein ist abgelaufen.
verdict-voided = STORNIERT
    .headline = STORNIERT
    .reason = Dieser Gutschein ist storniert.
verdict-locked = GESPERRT
    .headline = GESPERRT
    .reason = Dieser Gutschein ist gesperrt.
verdict-not-found = NICHT GEFUNDEN
    .headline =
        NICHT
        GEFUNDEN
    .reason = Zu diesem Code gibt es keinen Gutschein.
verdict-not-claimed = NICHT ABGEHOLT
    .headline =
        NICHT
        ABGEHOLT
    .reason = Der Kunde hat diesen Gutschein nicht abgeholt.
verdict-refused = ABGELEHNT
    .headline = ABGELEHNT
verdict-invalid = KEIN GUTSCHEINCODE
    .headline = UNGÜLTIG
    .reason = Das ist kein Code, den die Kasse prüfen kann.
verdict-check-failed = PRÜFUNG FEHLGESCHLAGEN
    .headline =
        PRÜFUNG
        FEHLGESCHLAGEN
    .tagline = nichts wurde geändert
    .reason = Keine klare Antwort vom Server: nichts wurde geändert.
verdict-unknown = UNKLAR
    .headline = UNKLAR
    .tagline = noch nicht annehmen
    .reason = Keine klare Antwort vom Server: der Gutschein ist vielleicht eingelöst, vielleicht nicht.
verdict-undone = RÜCKGÄNGIG
    .headline = RÜCKGÄNGIG
    .tagline = der Gutschein ist wieder einlösbar
    .reason = Einlösung storniert: der Gutschein ist wieder einlösbar.
verdict-undo-failed = RÜCKNAHME FEHLGESCHLAGEN
    .headline =
        RÜCKNAHME
        FEHLGESCHLAGEN
    .reason = Die Einlösung wurde vielleicht nicht zurückgenommen: mit F2 Suche prüfen.
verdict-accepted-offline = OFFLINE ANGENOMMEN
    .headline =
        OFFLINE
        ANGENOMMEN
    .tagline = Rabatt gewähren; wird gesendet, sobald der Server antwortet
    .reason = Der Server ist nicht erreichbar: angenommen nach der Kopie dieser Kasse.
verdict-already-used-offline = BEREITS EINGELÖST (offline)
    .headline =
        BEREITS
        EINGELÖST
    .tagline = hier schon offline angenommen
    .reason = Diese Kasse hat diesen Gutschein schon offline angenommen.
verdict-wrong-coupon = FALSCHER GUTSCHEIN
    .headline =
        FALSCHER
        GUTSCHEIN
    .tagline = hier nicht gültig
    .reason = Dieser Gutschein wird an dieser Kasse nicht angenommen.
verdict-offline-cannot-check = OFFLINE — PRÜFUNG NICHT MÖGLICH
    .headline =
        PRÜFUNG NICHT
        MÖGLICH
    .tagline = noch nicht annehmen
    .reason = Der Server ist nicht erreichbar, und die Kopie dieser Kasse kann es nicht entscheiden.

verdict-coupon = Gutschein: { $offer }
verdict-validated-when = Bestätigt { $when }
verdict-was-validated-when = Eingelöst { $when }
verdict-expired-when = Abgelaufen { $when }
verdict-press-f5 = F5 drücken, um es erneut zu versuchen.
verdict-scanned = Gescannt: { $code }
when-today = heute um { $time }
when-on = am { $date } um { $time }

reason-answer-lost-not-validated = Die Antwort ging verloren, und der Server zeigt diesen Gutschein als noch nicht eingelöst.
reason-server-failed-maybe-validated = Fehler auf dem Server: der Gutschein ist vielleicht eingelöst, vielleicht nicht.
reason-no-answer-maybe-validated = Keine Antwort vom Server: der Gutschein ist vielleicht eingelöst, vielleicht nicht.
reason-unreachable-nothing-changed = Der Server ist nicht erreichbar: nichts wurde geändert.
reason-unclear-nothing-changed = Keine klare Antwort vom Server: nichts wurde geändert.
reason-server-failed-nothing-changed = Fehler auf dem Server: nichts wurde geändert.
reason-settings-incomplete = Die Kontoeinstellungen der Kasse sind unvollständig.
