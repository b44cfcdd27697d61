# F3's tabs: this till's counts, and today across every till of the account.
summary-tab-this-till = This till
summary-tab-all-tills = All tills today
summary-tabs-hint = Tab or ←/→ switches
tills-loading = Loading today's validations from the server...
tills-as-of = As of { $time }
tills-failed-earlier = The figures below are as of { $time }.
tills-no-tag-field = Tills are told apart by the tag they write: set [kiosk] tag_customfield.
tills-none = No validations today yet.
tills-per-hour = Validations per hour (local time)
tills-header-till = Till
tills-header-count = Validations
tills-header-money = Money spent
tills-this-one = (this till)
tills-total = All tills
outcome-confirmed-earlier = confirmed by an earlier attempt
