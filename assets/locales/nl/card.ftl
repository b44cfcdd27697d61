# De sessiekaart, de keuzelijst, het bedrag en de sessietabellen (zie en/card.ftl).

card-title = Couponsessie — Enter keurt goed
card-undescribed = De server toont de gegevens van deze coupon pas na goedkeuring.
card-press-enter = Druk op Enter om deze coupon goed te keuren, Esc om te annuleren.
card-give = Geven
card-campaign-warning = ⚠ Campagne
card-state = Status
card-customer = Klant
card-coupon = Coupon
card-session = Sessie
card-claimed = Geclaimd
card-expires = Verloopt
card-validated = Goedgekeurd
card-own-code = Eigen code
card-yes = ja
card-no = nee

session-voided = geannuleerd
    .short = ongeldig
session-validated = al gebruikt
    .short = gebruikt
session-locked = geblokkeerd
    .short = op slot
session-expired = vervaldatum voorbij — de server beslist
    .short = verlopen
session-claimed = geclaimd — kan goedgekeurd worden
    .short = geclaimd
session-open = geopend, niet geclaimd
    .short = geopend

table-code = Code
table-coupon = Coupon
table-customer = Klant
table-state = Status
table-claimed = Geclaimd
table-expires = Verloopt

choose-title = { $count } sessies passen bij { $code } — kies er één

money-title = Besteed bedrag
money-coupon = Coupon { $code }
money-ask = Hoeveel heeft de klant besteed? (bv. 12.50; leeg = niet vastgelegd)
money-amount = Bedrag
money-error-ambiguous = 1,500: duizendtallen of decimalen? Typ 1500 of 1.500.
money-error-digits = Typ het bedrag in cijfers met één decimaalteken, bv. 12.50.
money-error-not-an-amount = Dat is geen bedrag, bv. 12.50.
money-error-decimals = Hoogstens drie decimalen.
money-error-too-large = Dat bedrag is te groot.
card-campaign-ended = Deze campagne is afgelopen op { $date }.
card-campaign-not-active = Deze campagne is niet actief (status: { $status }).
