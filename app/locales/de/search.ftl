# search

## The search page

search-title = Suche
search-submit = Suchen
search-no-jira = Keine der Websites, für die Sie Zugriff gewährt haben, hat Jira. Daher gibt es noch nichts zu durchsuchen.
search-key-missing = { $key } gibt es auf keiner Ihrer Websites, oder Sie haben keinen Zugriff darauf. Hier sind daher die Vorgänge, die { $key } erwähnen.
search-key-missing-unanswered = { $key } wurde auf den Websites, die geantwortet haben, nicht gefunden, und einige haben nicht geantwortet. Hier sind daher die Vorgänge, die { $key } erwähnen.
search-more-results-from = Weitere Ergebnisse von { $site }.
search-back-to-all = Zurück zu allen Ihren Websites
search-order-merged = Neueste zuerst über alle Ihre Websites, sobald alle geantwortet haben.
search-order-to-grouped = Nach Website gruppieren, sobald jede antwortet
search-order-grouped = Nach Website gruppiert, sobald jede antwortet.
search-order-to-merged = Neueste zuerst über alle Ihre Websites
search-basic = Einfache Suche
search-advanced = Erweiterte Suche (JQL)
search-refused-on = Auf { $site }: { $error }
search-form-label = Ihre Websites durchsuchen
search-jql-label = JQL
search-jql-hint = Zum Beispiel: { $example }
search-filters = Filter
search-project = Projekt
search-project-placeholder = Schlüssel oder Name
search-status = Status
search-people = Personen
search-updated = Aktualisiert
search-any = Beliebig
search-status-todo = Zu erledigen
search-status-progress = In Arbeit
search-status-done = Erledigt
search-who-me = Mir zugewiesen
search-who-reporter = Von mir gemeldet
search-who-unassigned = Nicht zugewiesen
search-within-day = In den letzten 24 Stunden
search-within-week = In der letzten Woche
search-within-month = In den letzten 30 Tagen
search-problem-empty = Geben Sie Suchbegriffe ein oder wählen Sie einen Filter, um Ihre Websites zu durchsuchen.
search-problem-too-long = Das ist länger, als eine Suche sein darf ({ $max } Zeichen).

## Results

search-all-sites = Alle Ihre Websites
search-results-count = { $count ->
    [0] Keine Ergebnisse
    [one] { $count } Ergebnis
   *[other] { $count } Ergebnisse
}
search-results-shown-more = { $count } angezeigt, weitere verfügbar
search-not-searched = Nicht durchsucht
search-nothing-on = Auf { $site } passt nichts zu dieser Suche.
search-refused-see-above = Jira konnte diese Abfrage auf { $site } nicht ausführen (siehe oben).
search-site-error = { $site }: { $error }
search-unassigned = Nicht zugewiesen
search-updated-when = Aktualisiert { $when }
search-more-from = Mehr von { $site }

## The search box and its suggestions

search-box-label = Suchbegriffe, ein Vorgangsschlüssel oder ein Link
search-box-placeholder = Checkout Timeout
search-box-hint = Durchsucht Zusammenfassungen, Beschreibungen und Kommentare auf allen Ihren Websites. Setzen Sie "genaue Wortfolgen" in Anführungszeichen; beenden Sie ein Wort mit *, um alles zu finden, was so beginnt.
search-suggestions-label = Vorgeschlagene Vorgänge
search-suggestions-count = { $count ->
    [one] { $count } Vorschlag für „{ $text }“. Wählen Sie ihn mit der Pfeiltaste nach unten aus.
   *[other] { $count } Vorschläge für „{ $text }“. Wählen Sie einen mit den Pfeiltasten nach oben und unten aus.
}

## The issue lookup form

lookup-title = Vorgang öffnen
lookup-no-jira = Keine der Websites, für die Sie Zugriff gewährt haben, hat Jira. Daher gibt es noch nichts nachzuschlagen.
lookup-site = Website
lookup-all-sites = Alle meine Websites
lookup-key = Vorgangsschlüssel oder Link
lookup-hint = Ein Schlüssel wie ABC-123, Wörter aus der Zusammenfassung, um aus Vorschlägen zu wählen, oder ein eingefügter Link wie https://your-site.atlassian.net/browse/ABC-123
lookup-submit = Vorgang öffnen
lookup-opening = Wird geöffnet…
lookup-empty = Geben Sie einen Vorgangsschlüssel wie ABC-123 ein oder fügen Sie einen Link zum Vorgang ein.
lookup-not-a-key = „{ $input }“ ist kein Vorgangsschlüssel. Vorgangsschlüssel sehen so aus: ABC-123.
lookup-site-not-granted = { $host } gehört nicht zu den Websites, für die Sie Zugriff gewährt haben.
lookup-choose-site = Wählen Sie eine Ihrer Websites.
lookup-missing-all = { $key } gibt es auf keiner Ihrer Websites, oder Sie haben keinen Zugriff darauf.
lookup-missing-some = { $key } wurde auf den Websites, die geantwortet haben, nicht gefunden, und einige haben nicht geantwortet. Versuchen Sie es gleich noch einmal.
