# Opzoeken (F2).

lookup-title = Opzoeken
lookup-search = Zoeken
lookup-campaign = Campagne
lookup-searching = Zoeken…
lookup-form-hint = Zoek op e-mail, telefoon, eigen goedkeuringscode of sessiecode.
lookup-form-hint-campaign = Noem eventueel een coupon (cam_…) om alleen die coupon te doorzoeken.
lookup-results = { $count ->
    [one] { $count } resultaat
   *[other] { $count } resultaten
}
lookup-results-for = { $count ->
    [one] { $count } resultaat voor { $query }
   *[other] { $count } resultaten voor { $query }
}
lookup-session = Sessie
lookup-actions = Acties
lookup-email = E-mail
lookup-phone = Telefoon
lookup-confirm = { $action }: sessie { $code }?
lookup-confirm-keys = { $yes } = ja    { $no } = nee
lookup-needs-pin = { $action } vraagt de PIN van de leidinggevende: { $pin }
lookup-wrong-pin = Verkeerde PIN.

action-validate = Goedkeuren
action-unvalidate = Intrekken
action-void = Annuleren
action-unvoid = Heractiveren
action-lock = Blokkeren
action-unlock = Deblokkeren
action-claim = Claimen
action-activate = Activeren
action-delete = Verwijderen

lookup-press-ctrl-y = { $action ->
    [unvalidate] Druk op Ctrl-Y om de goedkeuring in te trekken: Enter bevestigt dit niet.
    [void] Druk op Ctrl-Y om te annuleren: Enter bevestigt dit niet.
   *[delete] Druk op Ctrl-Y om te verwijderen: Enter bevestigt dit niet.
}
lookup-working = { $action ->
    [validate] Goedkeuren…
    [unvalidate] Goedkeuring intrekken…
    [void] Annuleren…
    [unvoid] Heractiveren…
    [lock] Blokkeren…
    [unlock] Deblokkeren…
    [claim] Claimen…
    [activate] Activeren…
   *[delete] Verwijderen…
}
lookup-done = { $action ->
    [validate] Klaar: goedgekeurd.
    [unvalidate] Klaar: goedkeuring ingetrokken.
    [void] Klaar: geannuleerd.
    [unvoid] Klaar: heractiveerd.
    [lock] Klaar: geblokkeerd.
    [unlock] Klaar: gedeblokkeerd.
    [claim] Klaar: geclaimd.
    [activate] Klaar: geactiveerd.
   *[delete] Klaar: verwijderd.
}
lookup-reloading = Vernieuwen…
lookup-reloaded = Vernieuwd.
lookup-none-found = Geen couponsessies gevonden.
