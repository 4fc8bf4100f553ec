### The frame of every page, the login page and the error pages.

## Frame

skip-to-content = Skip to content
sandbox-notice-label = Sandbox
sandbox-notice = — this app talks to a built-in stand-in for Atlassian, not to Atlassian.
nav-label = Main
nav-dashboard = Dashboard
nav-search = Search
sign-out = Sign out
signing-out = Signing out…
footer-note = Read-only access to Jira through Atlassian's official API.
language-label = Language
language-apply = Change
loading = Loading…

## Login page

login-title = Sign in
login-heading = Your Jira, one sign-in away
login-lede = Sign in with your Atlassian account to see every site you use and open any issue. We ask Atlassian for read access only.
login-fact-tokens = Your tokens stay on our server; your browser only holds a session cookie.
login-fact-sites = Every site you grant is shown, not just the first.
login-fact-sign-out = Sign out any time; the session is deleted on the server.
sign-in-with-atlassian = Sign in with Atlassian
redirecting-to-atlassian = Redirecting to Atlassian…

## Error pages

error-request-id = Quote this id if you report the problem:
error-try-again = Try again
error-go-to-dashboard = Go to the dashboard

error-not-signed-in-title = Sign in to continue
error-not-signed-in = You are not signed in.
error-connection-expired-title = Connection expired
error-connection-expired = Your Atlassian connection has expired — sign in again.
error-missing-scopes-title = Permission needed
error-missing-scopes = { $count ->
    [0] Atlassian says this app lacks a permission it needs. Connect again to grant it.
   *[other] This app needs a permission you haven't granted: { $scopes }. Connect again to grant it.
}
error-invalid-state-title = Sign-in didn't complete
error-invalid-state = This sign-in link is not valid for this browser, or it was already used. Start again from the sign-in page.
error-missing-code-title = Sign-in didn't complete
error-missing-code = Atlassian sent us back without an authorization code. Start again from the sign-in page.
error-access-denied-title = Access not granted
error-access-denied = Access was not granted, so we can't show your Jira sites. You can try again whenever you like.
error-authorization-failed-title = Sign-in didn't complete
error-authorization-failed = Atlassian could not complete the sign-in: { $detail }
error-authorization-failed-no-reason-title = Sign-in didn't complete
error-authorization-failed-no-reason = Atlassian could not complete the sign-in: it gave no reason.
error-code-not-accepted-title = Sign-in didn't complete
error-code-not-accepted = Atlassian could not complete the sign-in: the authorization code was not accepted (it may have expired). Please sign in again.
error-invalid-issue-key-title = That's not an issue key
error-invalid-issue-key = “{ $text }” is not an issue key. Issue keys look like ABC-123.
error-site-not-granted-title = Site not available
error-site-not-granted = That site is not one of the sites you granted access to.
error-issue-not-found-title = Issue not found
error-issue-not-found = { $key } was not found, or you don't have access to it.
error-forbidden-title = No permission
error-forbidden = Jira says you don't have permission to see this.
error-rate-limited-title = Too many requests
error-rate-limited = Jira is limiting requests right now. Try again in { $seconds } s.
error-quota-spent-title = Jira's allowance is used up
error-quota-spent = Jira's hourly allowance for this app on { $site } is used up; it resets at { $time }.
error-upstream-failed-title = Atlassian isn't answering
error-upstream-failed = Atlassian answered with an error. Try again in a moment.
error-upstream-unavailable-title = Atlassian isn't answering
error-upstream-unavailable = Atlassian can't be reached right now. Try again in a moment.
error-upstream-timeout-title = Atlassian isn't answering
error-upstream-timeout = Atlassian took too long to answer. Try again in a moment.
error-session-unavailable-title = Sign-in unavailable
error-session-unavailable = Sign-in is temporarily unavailable. Try again in a moment.
error-cross-site-request-title = Request refused
error-cross-site-request = This request came from another website, so it was refused. Open this app and try again from here.
error-page-not-found-title = Page not found
error-page-not-found = There is no page at this address.
error-internal-title = Something went wrong
error-internal = Something went wrong on our side. Try again, and tell us if it keeps happening.
error-renewal-pending-title = Still connecting
error-renewal-pending = Your connection to Atlassian is being renewed by another request, which is taking a while. Try again in a moment.
error-upstream-too-large-title = Answer too large
error-upstream-too-large = Atlassian's answer was larger than this app accepts, so it was not shown. Try again; if it keeps happening, tell us.
error-file-too-large-title = File too large to open here
error-file-too-large = This file is { $size } MB; files up to { $limit } MB open here. Open it in Jira instead.
error-search-refused-title = Search not possible
error-search-refused = { $count ->
    [0] Jira could not run this search.
   *[other] Jira could not run this search: { $details }
}
error-invalid-request-title = Bad request
error-invalid-request = This request is missing something or has a value that can't be read.
error-server-fn-title = Something went wrong
error-server-fn = We couldn't reach the server. Check your connection and try again.

## Words the server puts in other messages

profile-name-unknown = Atlassian user
error-this-site = this site
