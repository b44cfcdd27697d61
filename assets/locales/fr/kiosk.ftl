# Les mots de l'écran de caisse, en français (voir en/kiosk.ftl pour la structure).

date-format = %-d %b %Y

scan-queue-waiting = { $count ->
    [one] { $count } scan en attente
   *[other] { $count } scans en attente
}

## Barre d'état
status-not-connected = pas encore connecté
status-online = en ligne
status-unstable = instable
status-offline = HORS LIGNE
status-demo = DÉMO
status-journal-not-written = JOURNAL NON ÉCRIT
status-today = aujourd'hui
status-mirror = copie { $count }
status-mirror-empty = copie vide
status-outbox = à envoyer { $count }
status-conflicts = { $count ->
    [one] { $count } conflit
   *[other] { $count } conflits
}
age-seconds = { $s } s
age-minutes = { $min } min
age-hours = { $h } h { $min } min
age-days = { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}

## Écran de scan
scan-field-title = Scannez ou tapez un code, puis Entrée
scan-prompt-short = Scan
scan-ready = Prêt
scan-ready-hint = Scannez un coupon, ou tapez son code, URL, e-mail ou téléphone et appuyez sur Entrée.
scan-undo-hint = { $seconds ->
    [one] F8 annule la dernière validation ({ $code }) pendant encore { $seconds } seconde.
   *[other] F8 annule la dernière validation ({ $code }) pendant encore { $seconds } secondes.
}
hint-money = Tapez le montant, Entrée pour valider. Échap pour revenir.
hint-lookup = Recherche : la saisie va dans la recherche. F2 revient à l'écran de scan.

## Pendant une requête
working-looking-up = RECHERCHE
    .detail = Recherche du coupon…
working-validating = VALIDATION
    .detail = Demande de validation au serveur…
working-undoing = ANNULATION
    .detail = Demande d'annulation au serveur…
working-checking = CONTRÔLE
    .detail = Pas de réponse à temps : on demande au serveur ce qui s'est passé. N'acceptez pas encore.
working-still-checking = Encore en contrôle — { $what } · { $customer }
working-waiting = { $code } · attente { $seconds } s

## Derniers résultats
strip-last-results = Derniers résultats
strip-next = suivant : { $codes }{ $more ->
    [0] {""}
   *[other] {" "}(+{ $more } de plus)
}
strip-not-validated = NON VALIDÉ

## Pied d'écran
key-quit = quitter
key-stay = rester
key-undo = annuler
key-keep-it = garder
key-back = retour
key-next-type = type suivant
key-clear = effacer
key-cancel = annuler
key-validate = valider
key-choose = choisir
key-open = ouvrir
key-dismiss = fermer
key-search = chercher
key-field = champ
key-details = détails
key-action = action
key-do = exécuter
key-reload = recharger
key-yes = oui
key-no = non
key-check-pin = vérifier le PIN
keyname-enter = Entrée
keyname-esc = Échap
keyname-ctrl = Ctrl

## Commandes
command-help = aide
    .help = cette aide
command-lookup = recherche
    .help = recherche par e-mail, téléphone ou code
command-summary = service
    .help = bilan du service : les comptes du jour par résultat
command-barcode = code-barres
    .help = code-barres de la session à l'écran (Tab : type suivant)
command-retry = réessayer
    .help = réessayer après un ÉCHEC ou INCONNU ; recharger
command-undo = annuler
    .help = annuler la dernière validation (PIN si défini)
command-quit = quitter
    .help = quitter (demande d'abord)

## Questions
quit-question = Quitter la caisse ?
quit-keys = Entrée = quitter    Échap = rester
undo-pin-title = Annuler la dernière validation
undo-pin-ask = PIN du responsable :
undo-pin-wrong = PIN erroné. PIN du responsable :
undo-pin-keys = Entrée = annuler    Échap = garder
too-small = Veuillez agrandir la fenêtre
too-small-size = (au moins { $min }, maintenant { $now })
barcode-fetching = Récupération du code-barres { $kind }…

## Messages sous le champ de scan
notice-wait-for-verdict-lookup = Attendez le verdict avant d'ouvrir la recherche.
notice-barcode-needs-session = F4 montre le code-barres de la session à l'écran : scannez d'abord un coupon.
notice-nothing-to-undo = Rien à annuler.
notice-too-late-to-undo = Trop tard pour annuler ici : dévalidez avec F2 recherche.
notice-validation-in-flight = Une validation est en cours : attendez son verdict.
notice-same-code-again = Même code à nouveau en moins de { $seconds } s : pas envoyé deux fois.
notice-too-many-waiting = Trop de scans en attente : laissez la caisse rattraper, puis appuyez sur Entrée.
notice-typed-before-scan-left-out = « { $typed } », tapé avant le scan, a été ignoré.
barcode-from-server = du serveur
barcode-rendered-locally = dessiné ici
barcode-image-only = l'image du serveur telle quelle — pas de code lisible
barcode-refused = refusé par le serveur
