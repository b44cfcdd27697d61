# F3's tabbladen: de tellingen van deze kassa, en vandaag over alle kassa's.
summary-tab-this-till = Deze kassa
summary-tab-all-tills = Alle kassa's vandaag
summary-tabs-hint = Tab of ←/→ wisselt
tills-loading = Validaties van vandaag worden opgehaald...
tills-as-of = Stand van { $time }
tills-failed-earlier = De cijfers hieronder zijn van { $time }.
tills-no-tag-field = Kassa's worden herkend aan hun tag: stel [kiosk] tag_customfield in.
tills-none = Vandaag nog geen validaties.
tills-per-hour = Validaties per uur (lokale tijd)
tills-header-till = Kassa
tills-header-count = Validaties
tills-header-money = Besteed
tills-this-one = (deze kassa)
tills-total = Alle kassa's
outcome-confirmed-earlier = bevestigd door een eerdere poging
