# Onglets de F3 : les comptes de cette caisse, et aujourd'hui sur toutes les caisses.
summary-tab-this-till = Cette caisse
summary-tab-all-tills = Toutes les caisses
summary-tabs-hint = Tab ou ←/→ pour changer
tills-loading = Chargement des validations du jour...
tills-as-of = À { $time }
tills-failed-earlier = Les chiffres ci-dessous datent de { $time }.
tills-no-tag-field = Les caisses se distinguent par leur tag : réglez [kiosk] tag_customfield.
tills-none = Aucune validation aujourd'hui.
tills-per-hour = Validations par heure (heure locale)
tills-header-till = Caisse
tills-header-count = Validations
tills-header-money = Dépensé
tills-this-one = (cette caisse)
tills-total = Toutes les caisses
outcome-confirmed-earlier = confirmé par une tentative précédente
