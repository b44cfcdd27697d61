# Why a staff action on the F2 lookup failed, when the kiosk refused it before or without the
# server: nothing was sent, or nothing was taken back.
staff-not-ours = Niet door deze kassa goedgekeurd: er is niets teruggedraaid. Een leidinggevende kan de opdrachtregel gebruiken (update --operation unvalidate --any-till).
staff-no-campaign = Deze sessie heeft geen coupon-id, dus ze kan niet verwijderd worden.
staff-journal-unreadable = Het logboek van deze kassa kon niet gelezen worden, dus het is niet zeker of deze kassa de coupon goedkeurde: er is niets teruggedraaid.
# A request the kiosk's own checks refused before sending it (the check's words are in F1).
staff-not-sent = De kassa heeft dit niet verstuurd: wat ingevoerd is, is niet geldig (F1 toont waarom).
