# Les phrases simples pour une requête échouée, et les raisons des résultats hors ligne.

plain-server-failed = Le serveur a échoué.
plain-unreachable = Le serveur est injoignable.
plain-no-answer = Pas de réponse du serveur.
plain-unreadable-answer = La réponse du serveur est illisible.
plain-settings-incomplete = Les réglages du compte de la caisse sont incomplets.
plain-already-used = Ce coupon a déjà été utilisé.
plain-expired = Ce coupon a expiré.
plain-voided = Ce coupon est annulé.
plain-locked = Ce coupon est verrouillé.
plain-not-found = Aucun coupon n'a ce code.
plain-not-claimed = Aucun client n'a encore réclamé ce coupon.
plain-session-state-refused = Le serveur refuse ceci dans l'état actuel du coupon (F1 montre pourquoi).
plain-refused = Le serveur a refusé cette demande.

# Pourquoi l'annulation (F8) a échoué : la phrase simple, puis si quelque chose a peut-être été annulé.
undo-failed-maybe-undone = { $plain } La validation a peut-être été annulée, peut-être pas : vérifiez avec F2 recherche.
undo-failed-nothing-taken-back = { $plain } Rien n'a été annulé.
undo-failed-not-ours = Le serveur n'affiche plus la validation de cette caisse pour ce coupon : rien n'a été annulé.

journal-not-written-plain = JOURNAL NON ÉCRIT : ce résultat n'est pas dans le journal de la caisse (F1 montre pourquoi).

offline-accepted = Le serveur est injoignable ; accepté d'après la copie de cette caisse (synchronisée il y a { $age }). Il sera envoyé dès que le serveur répondra.
offline-refused-validated-on = Validé le { $at }, selon la copie de cette caisse (synchronisée il y a { $age }). Le serveur est injoignable.
offline-refused-validated = Déjà validé, selon la copie de cette caisse (synchronisée il y a { $age }). Le serveur est injoignable.
offline-refused-voided = Annulé, selon la copie de cette caisse (synchronisée il y a { $age }). Le serveur est injoignable.
offline-refused-locked = Verrouillé, selon la copie de cette caisse (synchronisée il y a { $age }). Le serveur est injoignable.
offline-refused-may-have-expired = Expire le { $at } (peut-être déjà passé dans le fuseau du coupon), selon la copie de cette caisse (synchronisée il y a { $age }). Le serveur est injoignable.
offline-refused-not-claimed = Non réclamé, selon la copie de cette caisse (synchronisée il y a { $age }). Le serveur est injoignable.
offline-already-used = Cette caisse a accepté ce coupon hors ligne le { $at }.
offline-wrong-coupon = { $offer } n'est pas accepté à cette caisse.
offline-cannot-check-policy = Le serveur est injoignable et cette caisse n'accepte pas de coupons hors ligne. Ne l'acceptez pas encore.
offline-cannot-check-not-in-copy = Le serveur est injoignable et la copie de cette caisse ne connaît pas ce code. Ne l'acceptez pas encore.
offline-cannot-check-several = Le serveur est injoignable ; ce code correspond à { $count } coupons dans la copie de cette caisse. Cherchez-le (F2).

plain-unusable-session-code = La fiche du serveur pour ce coupon a un code que la caisse ne peut pas utiliser (F1 montre pourquoi).
plain-unusable-campaign = La fiche du serveur pour ce coupon nomme une campagne que la caisse ne peut pas utiliser.
lookup-may-have-changed = La session a peut-être changé, ou non : F5 la recharge.

scan-error-empty = Rien n'a été scanné.
scan-error-too-long = C'est trop long pour un code de coupon ({ $count } caractères).
scan-error-control-character = Le scan contient un caractère de contrôle ; scannez à nouveau.
scan-error-invalid-character = Le scan contient des caractères qu'aucun code de coupon n'a ({ $char }) ; scannez à nouveau ou tapez le code.
scan-error-too-short = Trop court : un code a au moins { $min } caractères (ou le code court de 6 caractères).
scan-error-url-without-session = Ce lien ne se termine pas par un code de session de coupon.

# Ce qu'une recherche cherchait (titre des résultats).
lookup-for-text = « { $value } »
lookup-for-email = e-mail { $value }
lookup-for-phone = téléphone { $value }
lookup-for-phone-or-code = téléphone ou code { $value }
lookup-for-code = code { $value }
lookup-for-session = session { $value }
lookup-for-in-campaign = { $what } dans { $campaign }
lookup-campaign-invalid = Un identifiant de campagne est cam_ suivi de lettres et de chiffres.
lookup-query-invalid = Impossible de chercher ceci : tapez davantage de l'e-mail, du téléphone ou du code.

# L'écran du code-barres (F4).
barcode-cannot-encode = Un { $kind } ne peut pas contenir ce code de session.
barcode-holds-other = Ce code contient « { $content } », pas la session { $session } : ne le remettez pas.
barcode-other-type = { $kind-asked } demandé, le serveur a envoyé { $kind-sent }.
barcode-needs-columns = il faut { $needed } colonnes — élargissez la fenêtre (elle en a { $available })
barcode-needs-rows = il faut { $needed } lignes — agrandissez la fenêtre (elle en a { $available })
barcode-no-readable-code = aucun code lisible dans l'image du serveur
barcode-image-warning = Un scanner risque de ne pas lire cette image ; elle est montrée telle que le serveur l'a envoyée.
barcode-image-unreadable = l'image du serveur est illisible
barcode-unknown-session = Pas de code-barres : le serveur ne connaît pas cette session.
barcode-internal-error = la caisse n'a pas pu obtenir l'image du serveur

# F3 autres caisses et liste des conflits, quand elles sont illisibles (l'erreur elle-même est dans F1).
tills-failed-plain = Impossible de charger les autres caisses (F1 montre pourquoi).
conflicts-unreadable = La liste des conflits est illisible (F1 montre pourquoi).
