# Recherche (F2).

lookup-title = Recherche
lookup-search = Chercher
lookup-campaign = Campagne
lookup-searching = Recherche…
lookup-form-hint = Cherchez par e-mail, téléphone, code de validation propre ou code de session.
lookup-form-hint-campaign = Indiquez au besoin un coupon (cam_…) pour ne chercher que dans celui-ci.
lookup-results = { $count ->
    [one] { $count } résultat
   *[other] { $count } résultats
}
lookup-results-for = { $count ->
    [one] { $count } résultat pour { $query }
   *[other] { $count } résultats pour { $query }
}
lookup-session = Session
lookup-actions = Actions
lookup-email = E-mail
lookup-phone = Téléphone
lookup-confirm = { $action } : session { $code } ?
lookup-confirm-keys = { $yes } = oui    { $no } = non
lookup-needs-pin = { $action } demande le PIN du responsable : { $pin }
lookup-wrong-pin = PIN erroné.

action-validate = Valider
action-unvalidate = Dévalider
action-void = Révoquer
action-unvoid = Rétablir
action-lock = Bloquer
action-unlock = Débloquer
action-claim = Réclamer
action-activate = Activer
action-delete = Supprimer
