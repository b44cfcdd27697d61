scanner-connected = Scanner: verbunden
scanner-not-connected = Scanner: nicht verbunden
scanner-connected-short = Scan an
scanner-not-connected-short = Scan aus
scanner-too-long = Der Scanner hat etwas gesendet, das für einen Code zu lang ist: bitte neu scannen.
scanner-queue-full = Zu viele Scans warten: diesen gleich noch einmal scannen.
scanner-layout-hint = Scanner tippt wie { $keyboard }: [scanner] keyboard_layout = "{ $layout }" einstellen
