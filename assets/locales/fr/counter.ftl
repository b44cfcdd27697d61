# Les mots de la caisse (écran de scan, file, bandeau, carte, barre d'état), français.

counter-voided-on = Annulé le { $when }
