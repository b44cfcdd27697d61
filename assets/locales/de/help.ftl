# Die Hilfe (F1).

help-title = Tasten — Esc oder F1 führt zurück
help-last-problem = Letztes Problem, um { $time }:
help-typing = gehen immer ins Scanfeld (Scanner tippen sie)
    .key = Buchstaben, Ziffern
help-enter = beendet einen Scan; bei leerem Feld bestätigt Enter
    .key = Enter / Strg-J / Tab
help-esc = Scanfeld leeren, Ergebnis schließen oder zurück
    .key = Esc
help-arrows = in Listen und Aktionen wählen
    .key = ↑ ↓
help-green = BESTÄTIGT: Rabatt gewähren
    .key = ✔ grün
help-red = abgelehnt: bereits eingelöst, abgelaufen, storniert…
    .key = ✖ rot
help-amber = PRÜFUNG FEHLGESCHLAGEN / UNKLAR: noch nicht annehmen; F5
    .key = ⚠ gelb
help-paste = zählt als Tippen; sendet nie von selbst
    .key = Einfügen
