scanner-connected = lecteur : connecté
scanner-not-connected = lecteur : non connecté
scanner-connected-short = lecteur ok
scanner-not-connected-short = sans lecteur
scanner-too-long = Le lecteur a envoyé un texte trop long pour un code : scannez à nouveau.
scanner-queue-full = Trop de scans en attente : scannez celui-ci à nouveau dans un instant.
scanner-layout-hint = Le lecteur tape en { $keyboard } : réglez [scanner] keyboard_layout = "{ $layout }"
