# De woorden van de kassa (scanscherm, wachtrij, strook, kaart, statusbalk), Nederlands.

counter-voided-on = Ongeldig gemaakt op { $when }
