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
