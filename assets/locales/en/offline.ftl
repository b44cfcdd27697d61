# The offline engineer's words: the mirror (this till's copy) in the look-up and status bar,
# and the conflict inbox.

copy-age-minutes = { $n } min
copy-age-hours = { $n } h
copy-age-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
lookup-source-header = From
lookup-from-server = server
lookup-from-copy = copy, { $age } old
lookup-detail-from-copy = From this till's copy, { $age } old: F5 reads it from the server.
lookup-copy-only-offline = Offline: results from this till's copy only.
lookup-copy-only-no-answer = The server did not answer: results from this till's copy only.
lookup-copy-unreadable = This till's copy could not be searched: results from the server only.
lookup-copy-holds = This till's copy: { $sessions } sessions, { $customers } with a customer (found by part of a name, email or phone).
