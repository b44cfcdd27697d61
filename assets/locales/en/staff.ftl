# Why a staff action on the F2 lookup failed, when the kiosk refused it before or without the
# server: nothing was sent, or nothing was taken back.
staff-not-ours = Not validated by this till: nothing was taken back. A supervisor can use the command line (update --operation unvalidate --any-till).
staff-no-campaign = This session has no coupon id, so it cannot be deleted.
staff-journal-unreadable = This till's journal could not be read, so whether this till validated the coupon is not known: nothing was taken back.
# A request the kiosk's own checks refused before sending it (the check's words are in F1).
staff-not-sent = The kiosk did not send this: what was entered is not valid (F1 shows why).
