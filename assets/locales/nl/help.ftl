# Het hulpscherm (F1).

help-title = Toetsen — Esc of F1 om terug te gaan
help-last-problem = Laatste probleem, om { $time }:
help-typing = gaan altijd in het scanveld (scanners typen ze)
    .key = letters, cijfers
help-enter = beëindigt een scan; met een leeg veld bevestigt Enter
    .key = Enter / Ctrl-J / Tab
help-esc = scanveld wissen, uitslag sluiten of teruggaan
    .key = Esc
help-arrows = kiezen in lijsten en acties
    .key = ↑ ↓
help-green = GOEDGEKEURD: geef de korting
    .key = ✔ groen
help-red = geweigerd: al gebruikt, verlopen, geannuleerd…
    .key = ✖ rood
help-amber = CONTROLE MISLUKT / ONBEKEND: nog niet aannemen; F5
    .key = ⚠ oranje
help-paste = telt als typen; het verstuurt nooit vanzelf
    .key = plakken
