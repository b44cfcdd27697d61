# The offline engineer's words: the mirror (this till's copy) in the look-up and status bar,
# and the conflict inbox.

lookup-source-header = From
lookup-from-server = server
lookup-from-copy = copy, { $age } old
lookup-detail-from-copy = From this till's copy, { $age } old: F5 reads it from the server.
lookup-copy-only-offline = Offline: results from this till's copy only.
lookup-copy-only-no-answer = The server did not answer: results from this till's copy only.
lookup-copy-unreadable = This till's copy could not be searched: results from the server only.
lookup-copy-holds = This till's copy: { $sessions } sessions, { $customers } with a customer (found by part of a name, email or phone).

conflicts-loading = Reading the conflict inbox…
conflicts-title = Conflicts: { $unseen } unseen of { $total }
conflicts-none = No conflicts: every coupon accepted offline was validated on the server.
conflicts-col-code = Code
conflicts-col-customer = Customer
conflicts-col-accepted = Accepted offline
conflicts-col-server = Server says
conflicts-col-seen = Seen
conflicts-seen = seen
conflicts-unseen = NEW
conflicts-offer = { $offer } — { $customer }
conflicts-accepted = Accepted offline at this till on { $at } by { $who }
conflicts-server = The server says: { $says }
conflicts-server-since = The server says: { $says } (since { $since })
conflicts-seen-by = Seen on { $at } by { $by }
conflicts-not-seen = Not seen by a manager yet
conflicts-mark-this = mark this one seen
conflicts-mark-all = mark all { $n } unseen as seen
conflicts-switch = this one / all
conflicts-nothing-to-mark = Already seen: nothing to mark.
command-conflicts = conflicts
    .help = conflict inbox: offline acceptances the server refused
