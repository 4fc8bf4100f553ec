# dashboard

assigned-on = Ihnen zugewiesen auf { $site }

## Die Seite

dashboard-title = Dashboard
dashboard-loading-sites = Ihre Websites werden geladen…
dashboard-dates-in = Zeitangaben in { $zone }
dashboard-account-status = Atlassian-Konto: { $status }
dashboard-email-hidden = E-Mail-Adresse durch Ihre Atlassian-Datenschutzeinstellungen verborgen
dashboard-refresh = Aktualisieren
dashboard-your-sites = Ihre Websites
dashboard-sites-count = { $count ->
    [0] Keine Website freigegeben
    [one] { $count } Website
   *[other] { $count } Websites
}
dashboard-no-sites = Sie haben keine Website freigegeben. Melden Sie sich ab und wieder an, um Websites auszuwählen.
dashboard-recently-viewed = Zuletzt angesehen
dashboard-connect-again = Erneut verbinden
dashboard-grant-lifetime = Seit dem { $since } mit Atlassian verbunden. Atlassian bittet Sie spätestens am { $by }, sich erneut zu verbinden.

## Die Karte einer Website

dashboard-other-product = Anderes Produkt
dashboard-cloud-id = Cloud-ID
dashboard-default-site = Standard-Website
dashboard-make-default = { $site } als Standard festlegen

## Die Vorgänge, die der Person auf einer Website zugewiesen sind

dashboard-assigned-title = Ihnen zugewiesen
dashboard-assigned-no-script = Aktivieren Sie JavaScript, um hier die Ihnen zugewiesenen Vorgänge zu sehen.
dashboard-assigned-on-request = Um das stündliche Jira-Kontingent dieser App für { $site } zu schonen, wird diese Liste erst geladen, wenn Sie es möchten.
dashboard-assigned-show = Anzeigen
dashboard-assigned-show-label = Anzeigen: die Ihnen auf { $site } zugewiesenen Vorgänge
dashboard-assigned-loading = Die Ihnen zugewiesenen Vorgänge werden geladen…
dashboard-assigned-none = Hier ist Ihnen nichts Offenes zugewiesen.
dashboard-assigned-try-again = Erneut versuchen
dashboard-assigned-refresh-label = Aktualisieren: die Ihnen auf { $site } zugewiesenen Vorgänge
dashboard-assigned-as-of = Stand: { $at }.
dashboard-assigned-copy-from = Angezeigt wird Ihre Kopie von { $at }.
dashboard-assigned-more = Mehr
dashboard-assigned-loading-more = Wird geladen…

## Warum eine Liste eine Kopie ist, während die App das Jira-Kontingent schont

dashboard-spare-duration = { $unit ->
    [minutes] { $count ->
        [one] { $count } Minute
       *[other] { $count } Minuten
    }
   *[seconds] { $count ->
        [one] { $count } Sekunde
       *[other] { $count } Sekunden
    }
}
dashboard-spare-near-limit = Das stündliche Jira-Kontingent dieser App für { $site } ist fast aufgebraucht, daher wird diese Liste bis zu { $duration } lang erneut angezeigt.
dashboard-spare-busy = Viele Personen nutzen diese App in dieser Stunde auf { $site }: Um das Jira-Kontingent zu schonen, wird diese Liste bis zu { $duration } lang erneut angezeigt.
