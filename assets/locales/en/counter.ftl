# The counter's words (scan screen, queue, strip, card, status bar), English.

# A VOIDED refusal says when; $when is the local date and time.
counter-voided-on = Voided on { $when }

# While a validation runs, what the scan gives (known from the mirror or the card), not yet a verdict.
counter-preview-offer = { $offer } — checking…
counter-preview-campaign = Coupon of { $campaign } — checking…
