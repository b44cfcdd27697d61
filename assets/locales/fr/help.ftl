# L'écran d'aide (F1).

help-title = Touches — Échap ou F1 pour revenir
help-last-problem = Dernier problème, à { $time } :
help-typing = vont toujours dans le champ de scan (scanners)
    .key = lettres, chiffres
help-enter = termine un scan ; champ vide : Entrée confirme
    .key = Entrée / Ctrl-J / Tab
help-esc = efface le champ, ferme un verdict ou revient
    .key = Échap
help-arrows = choisir dans les listes et les actions
    .key = ↑ ↓
help-green = VALIDÉ : accordez la remise
    .key = ✔ vert
help-red = refusé : déjà utilisé, expiré, révoqué, bloqué…
    .key = ✖ rouge
help-amber = ÉCHEC / INCONNU : n'acceptez pas encore ; F5
    .key = ⚠ orange
help-paste = compte comme une saisie ; n'envoie jamais seul
    .key = coller
