# Bilan du service (F3).

summary-title = Bilan du service — depuis { $since } ({ $till })
summary-today = aujourd'hui
summary-none = Aucune tentative aujourd'hui pour l'instant.
summary-operation = Opération
summary-outcome = Résultat
summary-count = Nombre

operation-validate = valider
operation-unvalidate = dévalider
operation-void = révoquer
operation-unvoid = rétablir
operation-lock = bloquer
operation-unlock = débloquer
operation-claim = réclamer
operation-activate = activer
operation-delete = supprimer

outcome-validated = validé
outcome-already-validated = déjà utilisé
outcome-expired = expiré
outcome-voided = révoqué
outcome-locked = bloqué
outcome-not-found = introuvable
outcome-not-claimed = non réclamé
outcome-refused = refusé
outcome-invalid-input = code invalide
outcome-check-failed = vérification échouée
outcome-unknown = inconnu
outcome-validated-owner-unknown = validé, caisse inconnue
outcome-not-validated = non validé
outcome-undone = annulé
outcome-undo-failed = annulation échouée
outcome-done = fait
outcome-failed = échoué
outcome-pin-refused = PIN refusé
outcome-accepted-offline = accepté hors ligne
outcome-already-used-offline = déjà utilisé (hors ligne)
outcome-wrong-coupon = mauvais coupon
outcome-offline-cannot-check = hors ligne, pas de vérification
