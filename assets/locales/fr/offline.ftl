# Mots de la copie hors ligne (recherche, barre d'état) et de la boîte des conflits.

copy-age-minutes = { $n } min
copy-age-hours = { $n } h
copy-age-days = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}
lookup-source-header = Source
lookup-from-server = serveur
lookup-from-copy = copie de { $age }
lookup-detail-from-copy = Copie de cette caisse, vieille de { $age } : F5 la relit sur le serveur.
lookup-copy-only-offline = Hors ligne : résultats de la copie de cette caisse seulement.
lookup-copy-only-no-answer = Le serveur n'a pas répondu : résultats de la copie de cette caisse seulement.
lookup-copy-unreadable = La copie de cette caisse est illisible : résultats du serveur seulement.
lookup-copy-holds = Copie de cette caisse : { $sessions } coupons, { $customers } avec client (trouvés par une partie du nom, de l'e-mail ou du téléphone).
