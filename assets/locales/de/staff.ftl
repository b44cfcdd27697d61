# Why a staff action on the F2 lookup failed, when the kiosk refused it before or without the
# server: nothing was sent, or nothing was taken back.
staff-not-ours = Nicht von dieser Kasse eingelöst: es wurde nichts zurückgenommen. Die Aufsicht kann die Befehlszeile verwenden (update --operation unvalidate --any-till).
staff-no-campaign = Diese Sitzung hat keine Coupon-ID und kann daher nicht gelöscht werden.
staff-journal-unreadable = Das Journal dieser Kasse konnte nicht gelesen werden, daher ist unklar, ob diese Kasse den Coupon eingelöst hat: es wurde nichts zurückgenommen.
# A request the kiosk's own checks refused before sending it (the check's words are in F1).
staff-not-sent = Die Kasse hat dies nicht gesendet: die Eingabe ist nicht gültig (F1 zeigt warum).
