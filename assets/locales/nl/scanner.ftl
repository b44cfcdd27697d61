scanner-connected = scanner: verbonden
scanner-not-connected = scanner: niet verbonden
scanner-connected-short = scan aan
scanner-not-connected-short = scan uit
scanner-too-long = De scanner stuurde iets dat te lang is voor een code: scan opnieuw.
scanner-queue-full = Te veel scans in de wachtrij: scan deze zo opnieuw.
scanner-layout-hint = Scanner typt als { $keyboard }: zet [scanner] keyboard_layout = "{ $layout }"
