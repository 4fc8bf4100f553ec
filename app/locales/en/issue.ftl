# issue


## The page

issue-loading = Loading the issue…
# The page's title: the issue's key and summary.
issue-title = { $key }: { $summary }
issue-breadcrumb = Breadcrumb
issue-breadcrumb-dashboard = Dashboard
# After why a kept copy of the issue is shown; $at is a time (14:02 CET).
issue-as-of = Showing your copy from { $at }.
issue-refresh = Refresh

## Fields

issue-assignee = Assignee
issue-reporter = Reporter
issue-unassigned = Unassigned
issue-priority = Priority
issue-priority-none = None
issue-site = Site
issue-labels = Labels
issue-components = Components
issue-fix-versions = Fix versions
issue-created = Created
issue-updated = Updated
issue-resolved = Resolved
# Between the names of a list (labels, components, versions).
issue-list-separator = {", "}

## Sections

issue-description = Description
issue-no-description = No description.
issue-related = Related issues
issue-attachments = Attachments
# Who attached a file, and on which date.
issue-attachment-by = { $author }, { $date }
issue-open-in-jira = Open in Jira

## Files

issue-file-size-bytes = { $size } B
issue-file-size-kb = { $size } KB
issue-file-size-mb = { $size } MB
# The type of a file whose name has no extension (others show it: PNG, PDF).
issue-file-kind-unknown = FILE

## Comments

issue-comments = Comments
issue-comments-loading = Loading comments…
issue-comments-failed = Comments could not be loaded: { $error }
issue-comments-none = No comments yet.
issue-comments-order = Comment order
issue-comments-newest-first = Newest first
issue-comments-oldest-first = Oldest first
# Which comments are shown: 1–10 of 25.
issue-comments-range = { $first }–{ $last } of { $total }
issue-comments-pages = Comment pages
# The page of comments before this one, newest first.
issue-comments-newer = Newer comments
# The page of comments before this one, oldest first.
issue-comments-earlier = Earlier comments
# The page of comments after this one, newest first.
issue-comments-older = Older comments
# The page of comments after this one, oldest first.
issue-comments-later = Later comments

## Descriptions and comments: what the app writes around Jira's text

issue-adf-panel-info = Info
issue-adf-panel-note = Note
issue-adf-panel-tip = Tip
issue-adf-panel-warning = Warning
issue-adf-panel-error = Error
issue-adf-panel-success = Success
issue-adf-panel-custom = Panel
# A collapsed section without a title of its own.
issue-adf-expand = Details
# Read by screen readers before a checklist item.
issue-adf-task-done = Done:
issue-adf-task-to-do = To do:
issue-adf-decision = Decision:
# A mention of a person whose name Jira did not send.
issue-adf-mention-someone = @someone
issue-adf-synced = Synced content (shown in Jira)
issue-adf-unsupported = (unsupported content)
issue-adf-unsupported-mark = Formatting this app can't show
issue-adf-external-image = External image
# A picture on another site, shown as a link: its description and the site's host name.
issue-adf-external-image-from = { $name } ({ $host })
issue-adf-attachment = Attachment: { $name }
issue-adf-attachment-unnamed = Attachment: file
# A Jira or Confluence extension (macro) the app does not show; $key names it.
issue-adf-extension = Extension: { $key }
issue-adf-extension-unnamed = Extension

## Words the server puts in an issue's view

issue-status-unknown = Unknown
issue-person-unknown = Unknown user
issue-person-former = Former user
issue-relation-parent = Parent
issue-relation-subtask = Sub-task
