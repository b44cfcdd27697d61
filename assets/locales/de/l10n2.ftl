# Die schlichten Sätze für eine gescheiterte Anfrage und die Gründe der Offline-Ergebnisse.

plain-server-failed = Der Server hat einen Fehler gemeldet.
plain-unreachable = Der Server ist nicht erreichbar.
plain-no-answer = Keine Antwort vom Server.
plain-unreadable-answer = Die Antwort des Servers war nicht lesbar.
plain-settings-incomplete = Die Kontoeinstellungen der Kasse sind unvollständig.
plain-already-used = Dieser Coupon wurde bereits eingelöst.
plain-expired = Dieser Coupon ist abgelaufen.
plain-voided = Dieser Coupon ist storniert.
plain-locked = Dieser Coupon ist gesperrt.
plain-not-found = Kein Coupon hat diesen Code.
plain-not-claimed = Noch kein Kunde hat diesen Coupon abgeholt.
plain-session-state-refused = Der Server lehnt das im jetzigen Zustand des Coupons ab (F1 zeigt warum).
plain-refused = Der Server hat diese Anfrage abgelehnt.

# Warum die Rücknahme (F8) fehlschlug: der schlichte Satz, dann ob vielleicht doch etwas zurückgenommen wurde.
undo-failed-maybe-undone = { $plain } Die Einlösung wurde vielleicht zurückgenommen, vielleicht nicht: mit F2 Suche prüfen.
undo-failed-nothing-taken-back = { $plain } Es wurde nichts zurückgenommen.
undo-failed-not-ours = Der Server zeigt die Einlösung dieser Kasse nicht mehr: es wurde nichts zurückgenommen.

journal-not-written-plain = JOURNAL NICHT GESCHRIEBEN: dieses Ergebnis fehlt im Journal der Kasse (F1 zeigt warum).

offline-accepted = Der Server ist nicht erreichbar; aus der Kopie dieser Kasse angenommen (vor { $age } abgeglichen). Es wird gesendet, sobald der Server antwortet.
offline-refused-validated-on = Eingelöst am { $at }, sagt die Kopie dieser Kasse (vor { $age } abgeglichen). Der Server ist nicht erreichbar.
offline-refused-validated = Bereits eingelöst, sagt die Kopie dieser Kasse (vor { $age } abgeglichen). Der Server ist nicht erreichbar.
offline-refused-voided = Storniert, sagt die Kopie dieser Kasse (vor { $age } abgeglichen). Der Server ist nicht erreichbar.
offline-refused-locked = Gesperrt, sagt die Kopie dieser Kasse (vor { $age } abgeglichen). Der Server ist nicht erreichbar.
offline-refused-may-have-expired = Läuft ab am { $at } (in der Zeitzone des Coupons vielleicht schon vorbei), sagt die Kopie dieser Kasse (vor { $age } abgeglichen). Der Server ist nicht erreichbar.
offline-refused-not-claimed = Nicht abgeholt, sagt die Kopie dieser Kasse (vor { $age } abgeglichen). Der Server ist nicht erreichbar.
offline-already-used = Diese Kasse hat diesen Coupon am { $at } offline angenommen.
offline-wrong-coupon = { $offer } wird an dieser Kasse nicht angenommen.
offline-cannot-check-policy = Der Server ist nicht erreichbar und diese Kasse nimmt offline keine Coupons an. Noch nicht annehmen.
offline-cannot-check-not-in-copy = Der Server ist nicht erreichbar und die Kopie dieser Kasse kennt diesen Code nicht. Noch nicht annehmen.
offline-cannot-check-several = Der Server ist nicht erreichbar; dieser Code passt zu { $count } Coupons in der Kopie dieser Kasse. Nachschlagen (F2).

plain-unusable-session-code = Der Datensatz des Servers zu diesem Coupon hat einen Code, den die Kasse nicht verwenden kann (F1 zeigt warum).
plain-unusable-campaign = Der Datensatz des Servers zu diesem Coupon nennt eine Kampagne, die die Kasse nicht verwenden kann.
lookup-may-have-changed = Die Sitzung hat sich vielleicht geändert, vielleicht nicht: F5 lädt sie neu.

scan-error-empty = Nichts gescannt.
scan-error-too-long = Zu lang für einen Coupon-Code ({ $count } Zeichen).
scan-error-control-character = Der Scan enthält ein Steuerzeichen; bitte erneut scannen.
scan-error-invalid-character = Der Scan enthält Zeichen, die kein Coupon-Code hat ({ $char }); erneut scannen oder den Code eintippen.
scan-error-too-short = Zu kurz: ein Code braucht mindestens { $min } Zeichen (oder den 6-stelligen Kurzcode).
scan-error-url-without-session = Dieser Link endet nicht auf einen Coupon-Sitzungscode.

# Wonach eine Suche suchte (Titel der Ergebnisse).
lookup-for-text = „{ $value }“
lookup-for-email = E-Mail { $value }
lookup-for-phone = Telefon { $value }
lookup-for-phone-or-code = Telefon oder Code { $value }
lookup-for-code = Code { $value }
lookup-for-session = Sitzung { $value }
lookup-for-in-campaign = { $what } in { $campaign }
lookup-campaign-invalid = Eine Kampagnen-ID ist cam_ gefolgt von Buchstaben und Ziffern.
lookup-query-invalid = Danach kann nicht gesucht werden: mehr von E-Mail, Telefon oder Code eintippen.

# Der Barcode-Bildschirm (F4).
barcode-cannot-encode = Ein { $kind } kann diesen Sitzungscode nicht aufnehmen.
barcode-holds-other = Dieser Code enthält „{ $content }“, nicht die Sitzung { $session }: nicht herausgeben.
barcode-other-type = { $kind-asked } angefordert, der Server schickte { $kind-sent }.
barcode-needs-columns = braucht { $needed } Spalten — Fenster verbreitern (es hat { $available })
barcode-needs-rows = braucht { $needed } Zeilen — Fenster erhöhen (es hat { $available })
barcode-no-readable-code = im Bild des Servers war kein Code lesbar
barcode-image-warning = Ein Scanner liest dieses Bild vielleicht nicht; es wird gezeigt, wie der Server es schickte.
barcode-image-unreadable = das Bild des Servers war nicht lesbar
barcode-unknown-session = Kein Barcode: der Server kennt diese Sitzung nicht.
barcode-internal-error = die Kasse konnte das Bild des Servers nicht holen

# F3 andere Kassen und die Konfliktliste, wenn sie nicht lesbar sind (der Fehler selbst steht in F1).
tills-failed-plain = Die anderen Kassen konnten nicht geladen werden (F1 zeigt warum).
conflicts-unreadable = Die Konfliktliste war nicht lesbar (F1 zeigt warum).
