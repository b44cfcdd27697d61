# La fiche de session, la liste à choix, le montant et les tableaux de sessions (voir en/card.ftl).

card-title = Session de coupon — Entrée valide
card-undescribed = Le serveur ne montre les détails de ce coupon qu'une fois validé.
card-press-enter = Appuyez sur Entrée pour valider ce coupon, Échap pour annuler.
card-give = À donner
card-campaign-warning = ⚠ Campagne
card-state = État
card-customer = Client
card-coupon = Coupon
card-session = Session
card-claimed = Réclamé
card-expires = Expire le
card-validated = Validé
card-own-code = Code propre
card-yes = oui
card-no = non

session-voided = révoqué
    .short = révoqué
session-validated = déjà utilisé
    .short = utilisé
session-locked = bloqué
    .short = bloqué
session-expired = date d'expiration passée — le serveur décide
    .short = expiré
session-claimed = réclamé — peut être validé
    .short = réclamé
session-open = ouvert, non réclamé
    .short = ouvert

table-code = Code
table-coupon = Coupon
table-customer = Client
table-state = État
table-claimed = Réclamé
table-expires = Expire

choose-title = { $count } sessions pour { $code } — choisissez-en une

money-title = Montant dépensé
money-coupon = Coupon { $code }
money-ask = Combien le client a-t-il dépensé ? (ex. 12.50 ; vide = non enregistré)
money-amount = Montant
money-error-ambiguous = 1,500 : milliers ou décimales ? Tapez 1500 ou 1.500.
money-error-digits = Tapez le montant en chiffres avec un seul séparateur décimal, ex. 12.50.
money-error-not-an-amount = Ce n'est pas un montant, ex. 12.50.
money-error-decimals = Trois décimales au plus.
money-error-too-large = Ce montant est trop élevé.
card-campaign-ended = Cette campagne s'est terminée le { $date }.
card-campaign-not-active = Cette campagne n'est pas active (statut : { $status }).
