# Suche (F2).

lookup-title = Suche
lookup-search = Suchen
lookup-campaign = Aktion
lookup-searching = Suche läuft…
lookup-form-hint = Suche nach E-Mail, Telefon, eigenem Einlösecode oder Sitzungscode.
lookup-form-hint-campaign = Optional einen Gutschein (cam_…) nennen, um nur darin zu suchen.
lookup-results = { $count ->
    [one] { $count } Ergebnis
   *[other] { $count } Ergebnisse
}
lookup-results-for = { $count ->
    [one] { $count } Ergebnis für { $query }
   *[other] { $count } Ergebnisse für { $query }
}
lookup-session = Sitzung
lookup-actions = Aktionen
lookup-email = E-Mail
lookup-phone = Telefon
lookup-confirm = { $action }: Sitzung { $code }?
lookup-confirm-keys = { $yes } = ja    { $no } = nein
lookup-needs-pin = { $action } braucht die PIN der Aufsicht: { $pin }
lookup-wrong-pin = Falsche PIN.

action-validate = Einlösen
action-unvalidate = Zurücknehmen
action-void = Stornieren
action-unvoid = Storno aufheben
action-lock = Sperren
action-unlock = Entsperren
action-claim = Abholen
action-activate = Aktivieren
action-delete = Löschen

lookup-press-ctrl-y = { $action ->
    [unvalidate] Strg-Y drücken, um die Einlösung zurückzunehmen: Enter bestätigt das nicht.
    [void] Strg-Y drücken, um zu stornieren: Enter bestätigt das nicht.
   *[delete] Strg-Y drücken, um zu löschen: Enter bestätigt das nicht.
}
lookup-working = { $action ->
    [validate] Wird eingelöst…
    [unvalidate] Wird zurückgenommen…
    [void] Wird storniert…
    [unvoid] Storno wird aufgehoben…
    [lock] Wird gesperrt…
    [unlock] Wird entsperrt…
    [claim] Wird abgeholt…
    [activate] Wird aktiviert…
   *[delete] Wird gelöscht…
}
lookup-done = { $action ->
    [validate] Erledigt: eingelöst.
    [unvalidate] Erledigt: zurückgenommen.
    [void] Erledigt: storniert.
    [unvoid] Erledigt: Storno aufgehoben.
    [lock] Erledigt: gesperrt.
    [unlock] Erledigt: entsperrt.
    [claim] Erledigt: abgeholt.
    [activate] Erledigt: aktiviert.
   *[delete] Erledigt: gelöscht.
}
lookup-reloading = Wird neu geladen…
lookup-reloaded = Neu geladen.
lookup-none-found = Keine Gutscheinsitzungen gefunden.
