# search

## The search page

search-title = Search
search-submit = Search
search-no-jira = None of your granted sites has Jira, so there is nothing to search yet.
search-key-missing = { $key } is on none of your sites, or you don't have access to it, so these are the issues that mention it.
search-key-missing-unanswered = { $key } was not found on the sites that answered, and some did not answer, so these are the issues that mention it.
search-more-results-from = More results from { $site }.
search-back-to-all = Back to all your sites
search-order-merged = Newest first across your sites, once all have answered.
search-order-to-grouped = Group by site, as each answers
search-order-grouped = Grouped by site, as each answers.
search-order-to-merged = Newest first across your sites
search-basic = Basic search
search-advanced = Advanced search (JQL)
search-refused-on = On { $site }: { $error }
search-form-label = Search your sites
search-jql-label = JQL
search-jql-hint = For example: { $example }
search-filters = Filters
search-project = Project
search-project-placeholder = Key or name
search-status = Status
search-people = People
search-updated = Updated
search-any = Any
search-status-todo = To do
search-status-progress = In progress
search-status-done = Done
search-who-me = Assigned to me
search-who-reporter = Reported by me
search-who-unassigned = Unassigned
search-within-day = In the last day
search-within-week = In the last week
search-within-month = In the last 30 days
search-problem-empty = Type some words, or choose a filter, to search your sites.
search-problem-too-long = That is longer than a search can be ({ $max } characters).

## Results

search-all-sites = All your sites
search-results-count = { $count ->
    [0] No results
    [one] { $count } result
   *[other] { $count } results
}
search-results-shown-more = { $count } shown, more available
search-not-searched = Not searched
search-nothing-on = Nothing on { $site } matches this search.
search-refused-see-above = Jira could not run this query on { $site } (see above).
search-site-error = { $site }: { $error }
search-unassigned = Unassigned
search-updated-when = Updated { $when }
search-more-from = More from { $site }

## The search box and its suggestions

search-box-label = Words, an issue key or a link
search-box-placeholder = checkout timeout
search-box-hint = Searches summaries, descriptions and comments on all your sites. Put "exact phrases" in quotes; end a word with * to match its beginning.
search-suggestions-label = Suggested issues
search-suggestions-count = { $count ->
    [one] { $count } suggestion for “{ $text }”. Use the down arrow to choose it.
   *[other] { $count } suggestions for “{ $text }”. Use the up and down arrows to choose one.
}

## The issue lookup form

lookup-title = Open an issue
lookup-no-jira = None of your granted sites has Jira, so there is nothing to look up yet.
lookup-site = Site
lookup-all-sites = All my sites
lookup-key = Issue key or link
lookup-hint = A key like ABC-123, words of its summary to pick from suggestions, or paste a link such as https://your-site.atlassian.net/browse/ABC-123
lookup-submit = Open issue
lookup-opening = Opening…
lookup-empty = Enter an issue key such as ABC-123, or paste a link to the issue.
lookup-not-a-key = “{ $input }” is not an issue key. Issue keys look like ABC-123.
lookup-site-not-granted = { $host } is not one of the sites you granted access to.
lookup-choose-site = Choose one of your sites.
lookup-missing-all = { $key } is on none of your sites, or you don't have access to it.
lookup-missing-some = { $key } was not found on the sites that answered, and some did not answer. Try again in a moment.
