# Die Wörter der Kasse (Scanbildschirm, Warteschlange, Leiste, Karte, Statusleiste), Deutsch.

counter-voided-on = Storniert am { $when }
