# De woorden van het kassascherm, Nederlands (zie en/kiosk.ftl voor de opbouw).

date-format = %-d %b %Y

scan-queue-waiting = { $count ->
    [one] { $count } scan in de wachtrij
   *[other] { $count } scans in de wachtrij
}

## Statusbalk
status-not-connected = nog niet verbonden
status-online = online
status-unstable = onstabiel
status-offline = OFFLINE
status-demo = DEMO
status-journal-not-written = LOGBOEK NIET GESCHREVEN
status-today = vandaag
status-mirror = kopie { $count }
status-mirror-empty = kopie leeg
status-outbox = uit te sturen { $count }
status-conflicts = { $count ->
    [one] { $count } conflict
   *[other] { $count } conflicten
}
age-seconds = { $s } s
age-minutes = { $min } min
age-hours = { $h } u { $min } min
age-days = { $days ->
    [one] { $days } dag
   *[other] { $days } dagen
}

## Scanscherm
scan-field-title = Scan of typ een code, dan Enter
scan-prompt-short = Scan
scan-ready = Klaar
scan-ready-hint = Scan een coupon, of typ de code, URL, e-mail of telefoon en druk op Enter.
scan-undo-hint = { $seconds ->
    [one] F8 draait de laatste goedkeuring ({ $code }) nog { $seconds } seconde terug.
   *[other] F8 draait de laatste goedkeuring ({ $code }) nog { $seconds } seconden terug.
}
hint-money = Typ het bedrag, Enter om goed te keuren. Esc gaat terug.
hint-lookup = Opzoeken: wat u typt gaat in de zoekopdracht. F2 gaat terug naar het scanscherm.

## Terwijl een verzoek loopt
working-looking-up = OPZOEKEN
    .detail = De coupon wordt gezocht…
working-validating = GOEDKEUREN
    .detail = De server wordt gevraagd goed te keuren…
working-undoing = TERUGDRAAIEN
    .detail = De server wordt gevraagd terug te draaien…
working-checking = CONTROLE
    .detail = Geen antwoord op tijd: de server wordt gevraagd wat er gebeurde. Nog niet aannemen.
working-still-checking = Wordt nog gecontroleerd — { $what } · { $customer }
working-waiting = { $code } · wacht { $seconds } s

## Laatste uitslagen
strip-last-results = Laatste uitslagen
strip-next = volgende: { $codes }{ $more ->
    [0] {""}
   *[other] {" "}(+{ $more } meer)
}
strip-not-validated = NIET GOEDGEKEURD

## Voettekst
key-quit = afsluiten
key-stay = blijven
key-undo = terugdraaien
key-keep-it = laten staan
key-back = terug
key-next-type = volgend type
key-clear = wissen
key-cancel = annuleren
key-validate = goedkeuren
key-choose = kiezen
key-open = openen
key-dismiss = sluiten
key-search = zoeken
key-field = veld
key-details = details
key-action = actie
key-do = uitvoeren
key-reload = vernieuwen
key-yes = ja
key-no = nee
key-check-pin = PIN controleren
keyname-enter = Enter
keyname-esc = Esc
keyname-ctrl = Ctrl

## Opdrachten
command-help = hulp
    .help = deze hulp
command-lookup = opzoeken
    .help = opzoeken op e-mail, telefoon of code
command-summary = dienst
    .help = dienstoverzicht: de aantallen van vandaag per uitslag
command-barcode = barcode
    .help = barcode van de sessie op het scherm (Tab: volgend type)
command-retry = opnieuw
    .help = opnieuw na MISLUKT of ONBEKEND; vernieuwen bij opzoeken
command-undo = terug
    .help = laatste goedkeuring terugdraaien (PIN indien nodig)
command-quit = afsluiten
    .help = afsluiten (vraagt eerst)

## Vragen
quit-question = De kassa afsluiten?
quit-keys = Enter = afsluiten    Esc = blijven
undo-pin-title = De laatste goedkeuring terugdraaien
undo-pin-ask = PIN van de leidinggevende:
undo-pin-wrong = Verkeerde PIN. PIN van de leidinggevende:
undo-pin-keys = Enter = terugdraaien    Esc = laten staan
too-small = Maak het venster groter
too-small-size = (minstens { $min }, nu { $now })
barcode-fetching = De { $kind }-barcode wordt opgehaald…

## Meldingen onder het scanveld
notice-wait-for-verdict-lookup = Wacht op de uitslag voor u gaat opzoeken.
notice-barcode-needs-session = F4 toont de barcode van de sessie op het scherm: scan eerst een coupon.
notice-nothing-to-undo = Niets om terug te draaien.
notice-too-late-to-undo = Te laat om hier terug te draaien: trek de goedkeuring in via F2 opzoeken.
notice-validation-in-flight = Een goedkeuring loopt nog: wacht op de uitslag.
notice-same-code-again = Dezelfde code opnieuw binnen { $seconds } s: niet twee keer verstuurd.
notice-too-many-waiting = Te veel scans in de wachtrij: laat de kassa bijkomen en druk dan op Enter.
notice-typed-before-scan-left-out = "{ $typed }", getypt voor de scan, is weggelaten.
barcode-from-server = van de server
barcode-rendered-locally = hier getekend
barcode-image-only = de afbeelding van de server zoals verstuurd — geen leesbare code
barcode-refused = geweigerd door de server
