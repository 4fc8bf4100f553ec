# dashboard

assigned-on = Assigned to you on { $site }

## The page

dashboard-title = Dashboard
dashboard-loading-sites = Loading your sites…
dashboard-dates-in = Dates in { $zone }
dashboard-account-status = Atlassian account { $status }
dashboard-email-hidden = E-mail hidden by your Atlassian privacy settings
dashboard-refresh = Refresh
dashboard-your-sites = Your sites
dashboard-sites-count = { $count ->
    [0] No sites granted
    [one] { $count } site
   *[other] { $count } sites
}
dashboard-no-sites = You didn't grant access to any site. Sign out and sign in again to choose sites.
dashboard-recently-viewed = Recently viewed
dashboard-connect-again = Connect again
dashboard-grant-lifetime = Connected to Atlassian since { $since }. Atlassian will ask you to connect again by { $by }.

## A site's card

dashboard-other-product = Other product
dashboard-cloud-id = Cloud id
dashboard-default-site = Default site
dashboard-make-default = Make { $site } my default

## The issues assigned to the person on a site

dashboard-assigned-title = Assigned to you
dashboard-assigned-no-script = Turn on JavaScript to see the issues assigned to you here.
dashboard-assigned-on-request = To spare Jira's hourly allowance for this app on { $site }, this list loads when you ask.
dashboard-assigned-show = Show them
dashboard-assigned-show-label = Show them, the issues assigned to you on { $site }
dashboard-assigned-loading = Loading the issues assigned to you…
dashboard-assigned-none = Nothing open is assigned to you here.
dashboard-assigned-try-again = Try again
dashboard-assigned-refresh-label = Refresh the issues assigned to you on { $site }
dashboard-assigned-as-of = As of { $at }.
dashboard-assigned-copy-from = Showing your copy from { $at }.
dashboard-assigned-more = More
dashboard-assigned-loading-more = Loading…

## Why a list is a copy while the app spares Jira's allowance

dashboard-spare-duration = { $unit ->
    [minutes] { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }
   *[seconds] { $count ->
        [one] { $count } second
       *[other] { $count } seconds
    }
}
dashboard-spare-near-limit = Jira's hourly allowance for this app on { $site } is nearly used up, so this list is shown again for up to { $duration }.
dashboard-spare-busy = Many people use this app on { $site } this hour: to spare Jira's allowance for it, this list is shown again for up to { $duration }.
