# Mots de la copie hors ligne (recherche, barre d'état) et de la boîte des conflits.

lookup-source-header = Source
lookup-from-server = serveur
lookup-from-copy = copie de { $age }
lookup-detail-from-copy = Copie de cette caisse, vieille de { $age } : F5 la relit sur le serveur.
lookup-copy-only-offline = Hors ligne : résultats de la copie de cette caisse seulement.
lookup-copy-only-no-answer = Le serveur n'a pas répondu : résultats de la copie de cette caisse seulement.
lookup-copy-unreadable = La copie de cette caisse est illisible : résultats du serveur seulement.
lookup-copy-holds = Copie de cette caisse : { $sessions } coupons, { $customers } avec client (trouvés par une partie du nom, de l'e-mail ou du téléphone).

conflicts-loading = Lecture des conflits…
conflicts-title = Conflits : { $unseen } nouveaux sur { $total }
conflicts-none = Aucun conflit : chaque coupon accepté hors ligne a été validé sur le serveur.
conflicts-col-code = Code
conflicts-col-customer = Client
conflicts-col-accepted = Accepté hors ligne
conflicts-col-server = Le serveur dit
conflicts-col-seen = Vu
conflicts-seen = vu
conflicts-unseen = NOUVEAU
conflicts-offer = { $offer } — { $customer }
conflicts-accepted = Accepté hors ligne à cette caisse le { $at } par { $who }
conflicts-server = Le serveur dit : { $says }
conflicts-server-since = Le serveur dit : { $says } (depuis le { $since })
conflicts-seen-by = Vu le { $at } par { $by }
conflicts-not-seen = Pas encore vu par un responsable
conflicts-mark-this = marquer celui-ci comme vu
conflicts-mark-all = marquer les { $n } nouveaux comme vus
conflicts-switch = celui-ci / tous
conflicts-nothing-to-mark = Déjà vu : rien à marquer.
command-conflicts = conflits
    .help = conflits : acceptés hors ligne, refusés par le serveur
