# issue


## The page

issue-loading = Vorgang wird geladen…
issue-title = { $key }: { $summary }
issue-breadcrumb = Pfadnavigation
issue-breadcrumb-dashboard = Dashboard
issue-as-of = Angezeigt wird Ihre Kopie von { $at }.
issue-refresh = Aktualisieren

## Fields

issue-assignee = Zugewiesene Person
issue-reporter = Autor
issue-unassigned = Nicht zugewiesen
issue-priority = Priorität
issue-priority-none = Keine
issue-site = Website
issue-labels = Stichwörter
issue-components = Komponenten
issue-fix-versions = Lösungsversionen
issue-created = Erstellt
issue-updated = Aktualisiert
issue-resolved = Erledigt
issue-list-separator = {", "}

## Sections

issue-description = Beschreibung
issue-no-description = Keine Beschreibung.
issue-related = Verknüpfte Vorgänge
issue-attachments = Anhänge
issue-attachment-by = { $author }, { $date }
issue-open-in-jira = In Jira öffnen

## Files

issue-file-size-bytes = { $size } B
issue-file-size-kb = { $size } KB
issue-file-size-mb = { $size } MB
issue-file-kind-unknown = DATEI

## Comments

issue-comments = Kommentare
issue-comments-loading = Kommentare werden geladen…
issue-comments-failed = Die Kommentare konnten nicht geladen werden: { $error }
issue-comments-none = Noch keine Kommentare.
issue-comments-order = Reihenfolge der Kommentare
issue-comments-newest-first = Neueste zuerst
issue-comments-oldest-first = Älteste zuerst
issue-comments-range = { $first }–{ $last } von { $total }
issue-comments-pages = Kommentarseiten
issue-comments-newer = Neuere Kommentare
issue-comments-earlier = Frühere Kommentare
issue-comments-older = Ältere Kommentare
issue-comments-later = Spätere Kommentare

## Descriptions and comments: what the app writes around Jira's text

issue-adf-panel-info = Info
issue-adf-panel-note = Hinweis
issue-adf-panel-tip = Tipp
issue-adf-panel-warning = Warnung
issue-adf-panel-error = Fehler
issue-adf-panel-success = Erfolg
issue-adf-panel-custom = Bereich
issue-adf-expand = Details
issue-adf-task-done = Erledigt:
issue-adf-task-to-do = Offen:
issue-adf-decision = Entscheidung:
issue-adf-mention-someone = @jemand
issue-adf-synced = Synchronisierter Inhalt (in Jira angezeigt)
issue-adf-unsupported = (nicht unterstützter Inhalt)
issue-adf-unsupported-mark = Formatierung, die diese App nicht anzeigen kann
issue-adf-external-image = Externes Bild
issue-adf-external-image-from = { $name } ({ $host })
issue-adf-attachment = Anhang: { $name }
issue-adf-attachment-unnamed = Anhang: Datei
issue-adf-extension = Erweiterung: { $key }
issue-adf-extension-unnamed = Erweiterung

## Wörter, die der Server in die Ansicht eines Vorgangs setzt

issue-status-unknown = Unbekannt
issue-person-unknown = Unbekannter Benutzer
issue-person-former = Ehemaliger Benutzer
issue-relation-parent = Übergeordnet
issue-relation-subtask = Unteraufgabe
