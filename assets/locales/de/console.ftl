# F3-Reiter: die Zahlen dieser Kasse, und heute über alle Kassen.
summary-tab-this-till = Diese Kasse
summary-tab-all-tills = Alle Kassen heute
summary-tabs-hint = Tab oder ←/→ wechselt
tills-loading = Die heutigen Einlösungen werden geladen...
tills-as-of = Stand { $time }
tills-failed-earlier = Die Zahlen unten sind vom Stand { $time }.
tills-no-tag-field = Kassen werden an ihrem Tag erkannt: [kiosk] tag_customfield einstellen.
tills-none = Heute noch keine Einlösungen.
tills-per-hour = Einlösungen pro Stunde (Ortszeit)
tills-header-till = Kasse
tills-header-count = Einlösungen
tills-header-money = Ausgegeben
tills-this-one = (diese Kasse)
tills-total = Alle Kassen
outcome-confirmed-earlier = durch früheren Versuch bestätigt
