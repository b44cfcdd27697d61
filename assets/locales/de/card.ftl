# Die Sitzungskarte, die Auswahlliste, der Betrag und die Sitzungstabellen (siehe en/card.ftl).

card-title = Gutscheinsitzung — Enter löst ein
card-undescribed = Der Server zeigt die Angaben zu diesem Gutschein erst nach der Einlösung.
card-press-enter = Enter drücken, um diesen Gutschein einzulösen, Esc zum Abbrechen.
card-give = Gewähren
card-campaign-warning = ⚠ Aktion
card-state = Status
card-customer = Kunde
card-coupon = Gutschein
card-session = Sitzung
card-claimed = Abgeholt
card-expires = Läuft ab
card-validated = Eingelöst
card-own-code = Eigener Code
card-yes = ja
card-no = nein

session-voided = storniert
    .short = storniert
session-validated = bereits eingelöst
    .short = eingelöst
session-locked = gesperrt
    .short = gesperrt
session-expired = Ablaufdatum überschritten — der Server entscheidet
    .short = verfallen
session-claimed = abgeholt — kann eingelöst werden
    .short = abgeholt
session-open = geöffnet, nicht abgeholt
    .short = geöffnet

table-code = Code
table-coupon = Gutschein
table-customer = Kunde
table-state = Status
table-claimed = Abgeholt
table-expires = Läuft ab

choose-title = { $count } Sitzungen passen zu { $code } — eine wählen

money-title = Ausgegebener Betrag
money-coupon = Gutschein { $code }
money-ask = Wie viel hat der Kunde ausgegeben? (z. B. 12.50; leer = nicht erfasst)
money-amount = Betrag
money-error-ambiguous = 1,500: Tausender oder Dezimalstellen? 1500 oder 1.500 eintippen.
money-error-digits = Betrag in Ziffern mit einem Dezimalzeichen eintippen, z. B. 12.50.
money-error-not-an-amount = Das ist kein Betrag, z. B. 12.50.
money-error-decimals = Höchstens drei Dezimalstellen.
money-error-too-large = Dieser Betrag ist zu groß.
card-campaign-ended = Diese Kampagne endete am { $date }.
card-campaign-not-active = Diese Kampagne ist nicht aktiv (Status: { $status }).
