# Die Wörter des Kassenbildschirms, Deutsch (Aufbau siehe en/kiosk.ftl).

date-format = %-d. %b. %Y

scan-queue-waiting = { $count ->
    [one] { $count } Scan wartet
   *[other] { $count } Scans warten
}

## Statusleiste
status-not-connected = noch nicht verbunden
status-online = online
status-unstable = instabil
status-offline = OFFLINE
status-demo = DEMO
status-journal-not-written = JOURNAL NICHT GESCHRIEBEN
status-today = heute
status-mirror = Kopie { $count }
status-mirror-empty = Kopie leer
status-outbox = zu senden { $count }
status-conflicts = { $count ->
    [one] { $count } Konflikt
   *[other] { $count } Konflikte
}
age-seconds = { $s } s
age-minutes = { $min } min
age-hours = { $h } h { $min } min
age-days = { $days ->
    [one] { $days } Tag
   *[other] { $days } Tage
}

## Scanbildschirm
scan-field-title = Code scannen oder eintippen, dann Enter
scan-prompt-short = Scan
scan-ready = Bereit
scan-ready-hint = Gutschein scannen oder Code, URL, E-Mail oder Telefon eintippen und Enter drücken.
scan-undo-hint = { $seconds ->
    [one] F8 nimmt die letzte Einlösung ({ $code }) noch { $seconds } Sekunde lang zurück.
   *[other] F8 nimmt die letzte Einlösung ({ $code }) noch { $seconds } Sekunden lang zurück.
}
hint-money = Betrag eintippen, Enter zum Einlösen. Esc geht zurück.
hint-lookup = Suche: Eingaben gehen in die Suche. F2 führt zurück zum Scanbildschirm.

## Während eine Anfrage läuft
working-looking-up = SUCHE
    .detail = Der Gutschein wird gesucht…
working-validating = EINLÖSUNG
    .detail = Der Server wird um die Einlösung gebeten…
working-undoing = RÜCKNAHME
    .detail = Der Server wird um die Rücknahme gebeten…
working-checking = PRÜFUNG
    .detail = Keine Antwort in der Zeit: der Server wird gefragt, was passiert ist. Noch nicht annehmen.
working-still-checking = Wird noch geprüft — { $what } · { $customer }
working-waiting = { $code } · wartet { $seconds } s

## Letzte Ergebnisse
strip-last-results = Letzte Ergebnisse
strip-next = als Nächstes: { $codes }{ $more ->
    [0] {""}
   *[other] {" "}(+{ $more } weitere)
}
strip-not-validated = NICHT EINGELÖST

## Fußzeile
key-quit = beenden
key-stay = bleiben
key-undo = zurücknehmen
key-keep-it = behalten
key-back = zurück
key-next-type = nächster Typ
key-clear = löschen
key-cancel = abbrechen
key-validate = einlösen
key-choose = wählen
key-open = öffnen
key-dismiss = schließen
key-search = suchen
key-field = Feld
key-details = Details
key-action = Aktion
key-do = ausführen
key-reload = neu laden
key-yes = ja
key-no = nein
key-check-pin = PIN prüfen
keyname-enter = Enter
keyname-esc = Esc
keyname-ctrl = Strg

## Befehle
command-help = Hilfe
    .help = diese Hilfe
command-lookup = Suche
    .help = Suche nach E-Mail, Telefon oder Code
command-summary = Schicht
    .help = Schichtübersicht: die Zahlen von heute je Ergebnis
command-barcode = Barcode
    .help = Barcode der Sitzung auf dem Schirm (Tab: nächster Typ)
command-retry = wiederholen
    .help = wiederholen nach FEHLGESCHLAGEN oder UNKLAR; neu laden
command-undo = zurück
    .help = letzte Einlösung zurücknehmen (kurz danach; ggf. PIN)
command-quit = beenden
    .help = beenden (fragt vorher)

## Fragen
quit-question = Kasse beenden?
quit-keys = Enter = beenden    Esc = bleiben
undo-pin-title = Die letzte Einlösung zurücknehmen
undo-pin-ask = PIN der Aufsicht:
undo-pin-wrong = Falsche PIN. PIN der Aufsicht:
undo-pin-keys = Enter = zurücknehmen    Esc = behalten
too-small = Bitte das Fenster vergrößern
too-small-size = (mindestens { $min }, jetzt { $now })
barcode-fetching = Der { $kind }-Barcode wird geladen…

## Hinweise unter dem Scanfeld
notice-wait-for-verdict-lookup = Erst das Ergebnis abwarten, dann die Suche öffnen.
notice-barcode-needs-session = F4 zeigt den Barcode der Sitzung auf dem Bildschirm: erst einen Gutschein scannen.
notice-nothing-to-undo = Nichts zurückzunehmen.
notice-too-late-to-undo = Zu spät, um hier zurückzunehmen: mit F2 Suche die Einlösung zurücknehmen.
notice-validation-in-flight = Eine Einlösung läuft: ihr Ergebnis abwarten.
notice-same-code-again = Derselbe Code innerhalb von { $seconds } s: nicht doppelt gesendet.
notice-too-many-waiting = Zu viele Scans warten: die Kasse aufholen lassen, dann Enter drücken.
notice-typed-before-scan-left-out = „{ $typed }“, vor dem Scan getippt, wurde weggelassen.
barcode-from-server = vom Server
barcode-rendered-locally = hier gezeichnet
barcode-image-only = das Bild des Servers wie gesendet — kein lesbarer Code
barcode-refused = vom Server abgelehnt
