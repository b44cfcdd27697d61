# Why a staff action on the F2 lookup failed, when the kiosk refused it before or without the
# server: nothing was sent, or nothing was taken back.
staff-not-ours = Pas validé par cette caisse : rien n'a été annulé. Un responsable peut utiliser la ligne de commande (update --operation unvalidate --any-till).
staff-no-campaign = Cette session n'a pas d'identifiant de coupon : elle ne peut pas être supprimée.
staff-journal-unreadable = Le journal de cette caisse n'a pas pu être lu, on ne sait donc pas si cette caisse a validé le coupon : rien n'a été annulé.
# A request the kiosk's own checks refused before sending it (the check's words are in F1).
staff-not-sent = La caisse n'a pas envoyé ceci : la saisie n'est pas valable (F1 montre pourquoi).
