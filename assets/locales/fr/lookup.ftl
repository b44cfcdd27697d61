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

lookup-press-ctrl-y = { $action ->
    [unvalidate] Appuyez sur Ctrl-Y pour dévalider : Entrée ne confirme pas ceci.
    [void] Appuyez sur Ctrl-Y pour révoquer : Entrée ne confirme pas ceci.
   *[delete] Appuyez sur Ctrl-Y pour supprimer : Entrée ne confirme pas ceci.
}
lookup-working = { $action ->
    [validate] Validation…
    [unvalidate] Dévalidation…
    [void] Révocation…
    [unvoid] Rétablissement…
    [lock] Blocage…
    [unlock] Déblocage…
    [claim] Réclamation…
    [activate] Activation…
   *[delete] Suppression…
}
lookup-done = { $action ->
    [validate] Fait : validé.
    [unvalidate] Fait : dévalidé.
    [void] Fait : révoqué.
    [unvoid] Fait : rétabli.
    [lock] Fait : bloqué.
    [unlock] Fait : débloqué.
    [claim] Fait : réclamé.
    [activate] Fait : activé.
   *[delete] Fait : supprimé.
}
lookup-reloading = Rechargement…
lookup-reloaded = Rechargé.
lookup-none-found = Aucune session de coupon trouvée.
