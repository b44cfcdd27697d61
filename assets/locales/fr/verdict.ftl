# L'écran du verdict (voir en/verdict.ftl pour la structure).

verdict-validated = VALIDÉ
    .headline = VALIDÉ
    .tagline = accordez la remise
    .reason = Le coupon est validé.
verdict-validated-owner-unknown = VALIDÉ — PEUT-ÊTRE PAS PAR CETTE CAISSE
    .headline = VALIDÉ ?
    .tagline = vérifiez avant d'accepter
    .reason = Le serveur le montre validé, mais rien ne montre que cette caisse l'a fait.
verdict-already-used = DÉJÀ UTILISÉ
    .headline =
        DÉJÀ
        UTILISÉ
    .reason = Ce coupon a déjà été utilisé.
verdict-expired = EXPIRÉ
    .headline = EXPIRÉ
    .reason = Ce coupon a expiré.
verdict-voided = RÉVOQUÉ
    .headline = RÉVOQUÉ
    .reason = Ce coupon a été révoqué.
verdict-locked = BLOQUÉ
    .headline = BLOQUÉ
    .reason = Ce coupon est bloqué.
verdict-not-found = INTROUVABLE
    .headline = INTROUVABLE
    .reason = Aucun coupon ne correspond à ce code.
verdict-not-claimed = NON RÉCLAMÉ
    .headline =
        NON
        RÉCLAMÉ
    .reason = Le client n'a pas réclamé ce coupon.
verdict-refused = REFUSÉ
    .headline = REFUSÉ
verdict-invalid = PAS UN CODE DE COUPON
    .headline = INVALIDE
    .reason = Ce n'est pas un code que la caisse peut vérifier.
verdict-check-failed = VÉRIFICATION ÉCHOUÉE
    .headline =
        VÉRIFICATION
        ÉCHOUÉE
    .tagline = rien n'a été modifié
    .reason = Pas de réponse claire du serveur : rien n'a été modifié.
verdict-unknown = INCONNU
    .headline = INCONNU
    .tagline = n'acceptez pas encore
    .reason = Pas de réponse claire du serveur : le coupon est peut-être validé, peut-être pas.
verdict-undone = ANNULÉ
    .headline = ANNULÉ
    .tagline = le coupon peut être réutilisé
    .reason = Validation annulée : le coupon peut être réutilisé.
verdict-undo-failed = ANNULATION ÉCHOUÉE
    .headline =
        ANNULATION
        ÉCHOUÉE
    .reason = La validation n'a peut-être pas été annulée : vérifiez avec F2 recherche.
verdict-accepted-offline = ACCEPTÉ HORS LIGNE
    .headline =
        ACCEPTÉ
        HORS LIGNE
    .tagline = accordez la remise ; envoyé dès que le serveur répond
    .reason = Le serveur est injoignable : accepté d'après la copie de cette caisse.
verdict-already-used-offline = DÉJÀ UTILISÉ (hors ligne)
    .headline =
        DÉJÀ
        UTILISÉ
    .tagline = déjà accepté ici hors ligne
    .reason = Cette caisse a déjà accepté ce coupon hors ligne.
verdict-wrong-coupon = MAUVAIS COUPON
    .headline =
        MAUVAIS
        COUPON
    .tagline = non valable ici
    .reason = Ce coupon n'est pas accepté à cette caisse.
verdict-offline-cannot-check = HORS LIGNE — VÉRIFICATION IMPOSSIBLE
    .headline =
        VÉRIFICATION
        IMPOSSIBLE
    .tagline = n'acceptez pas encore
    .reason = Le serveur est injoignable et la copie de cette caisse ne permet pas de décider.

verdict-coupon = Coupon : { $offer }
verdict-validated-when = Validé { $when }
verdict-was-validated-when = Déjà validé { $when }
verdict-expired-when = Expiré { $when }
verdict-press-f5 = Appuyez sur F5 pour réessayer.
verdict-scanned = Scanné : { $code }
when-today = aujourd'hui à { $time }
when-on = le { $date } à { $time }

reason-answer-lost-not-validated = La réponse s'est perdue, et le serveur montre ce coupon pas encore validé.
reason-server-failed-maybe-validated = Erreur du serveur : le coupon est peut-être validé, peut-être pas.
reason-no-answer-maybe-validated = Pas de réponse du serveur : le coupon est peut-être validé, peut-être pas.
reason-unreachable-nothing-changed = Le serveur est injoignable : rien n'a été modifié.
reason-unclear-nothing-changed = Pas de réponse claire du serveur : rien n'a été modifié.
reason-server-failed-nothing-changed = Erreur du serveur : rien n'a été modifié.
reason-settings-incomplete = Les réglages du compte de la caisse sont incomplets.
