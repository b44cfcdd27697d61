# The serial scanner in the status bar (the short forms at 80 columns).
scanner-connected = scanner: connected
scanner-not-connected = scanner: not connected
scanner-connected-short = scan on
scanner-not-connected-short = scan off
# A serial scanner sent a line longer than any code.
scanner-too-long = The scanner sent something too long to be a code: scan again.
scanner-queue-full = Too many scans waiting: scan that one again in a moment.
# Shown once when a keyboard scanner's burst had to be read back under another layout.
# $keyboard is AZERTY or QWERTZ, $layout the setting's value (azerty-fr, azerty-be, qwertz-de).
scanner-layout-hint = Scanner types as { $keyboard }: set [scanner] keyboard_layout = "{ $layout }"
