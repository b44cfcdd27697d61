# The counter's words (scan screen, queue, strip, card, status bar), English.

# A VOIDED refusal says when; $when is the local date and time.
counter-voided-on = Voided on { $when }
