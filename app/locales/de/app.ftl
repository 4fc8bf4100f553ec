### Der Rahmen jeder Seite, die Anmeldeseite und die Fehlerseiten.

## Rahmen

skip-to-content = Zum Inhalt springen
sandbox-notice-label = Sandbox
sandbox-notice = — diese App spricht mit einem eingebauten Ersatz für Atlassian, nicht mit Atlassian.
nav-label = Hauptnavigation
nav-dashboard = Dashboard
nav-search = Suche
sign-out = Abmelden
signing-out = Abmeldung läuft…
footer-note = Nur Lesezugriff auf Jira über die offizielle API von Atlassian.
language-label = Sprache
language-apply = Wechseln
loading = Wird geladen…

## Anmeldeseite

login-title = Anmelden
login-heading = Ihr Jira – nur eine Anmeldung entfernt
login-lede = Melden Sie sich mit Ihrem Atlassian-Konto an, um alle Ihre Websites zu sehen und jeden Vorgang zu öffnen. Wir bitten Atlassian nur um Lesezugriff.
login-fact-tokens = Ihre Tokens bleiben auf unserem Server; Ihr Browser speichert nur ein Sitzungs-Cookie.
login-fact-sites = Jede Website, die Sie freigeben, wird angezeigt, nicht nur die erste.
login-fact-sign-out = Sie können sich jederzeit abmelden; die Sitzung wird auf dem Server gelöscht.
sign-in-with-atlassian = Mit Atlassian anmelden
redirecting-to-atlassian = Weiterleitung zu Atlassian…

## Fehlerseiten

error-request-id = Geben Sie diese ID an, wenn Sie das Problem melden:
error-try-again = Erneut versuchen
error-go-to-dashboard = Zum Dashboard

error-not-signed-in-title = Melden Sie sich an, um fortzufahren
error-not-signed-in = Sie sind nicht angemeldet.
error-connection-expired-title = Verbindung abgelaufen
error-connection-expired = Ihre Verbindung zu Atlassian ist abgelaufen – melden Sie sich erneut an.
error-missing-scopes-title = Berechtigung erforderlich
error-missing-scopes = { $count ->
    [0] Laut Atlassian fehlt dieser App eine Berechtigung, die sie braucht. Verbinden Sie sich erneut, um sie zu erteilen.
   *[other] Diese App braucht eine Berechtigung, die Sie nicht erteilt haben: { $scopes }. Verbinden Sie sich erneut, um sie zu erteilen.
}
error-invalid-state-title = Anmeldung nicht abgeschlossen
error-invalid-state = Dieser Anmeldelink gilt nicht für diesen Browser oder wurde bereits verwendet. Beginnen Sie noch einmal auf der Anmeldeseite.
error-missing-code-title = Anmeldung nicht abgeschlossen
error-missing-code = Atlassian hat uns ohne Autorisierungscode zurückgeschickt. Beginnen Sie noch einmal auf der Anmeldeseite.
error-access-denied-title = Zugriff nicht gewährt
error-access-denied = Der Zugriff wurde nicht gewährt, daher können wir Ihre Jira-Websites nicht anzeigen. Sie können es jederzeit erneut versuchen.
error-authorization-failed-title = Anmeldung nicht abgeschlossen
error-authorization-failed = Atlassian konnte die Anmeldung nicht abschließen: { $detail }
error-authorization-failed-no-reason-title = Anmeldung nicht abgeschlossen
error-authorization-failed-no-reason = Atlassian konnte die Anmeldung nicht abschließen und hat keinen Grund genannt.
error-code-not-accepted-title = Anmeldung nicht abgeschlossen
error-code-not-accepted = Atlassian konnte die Anmeldung nicht abschließen: Der Autorisierungscode wurde nicht angenommen (er ist vielleicht abgelaufen). Bitte melden Sie sich erneut an.
error-invalid-issue-key-title = Das ist kein Vorgangsschlüssel
error-invalid-issue-key = „{ $text }“ ist kein Vorgangsschlüssel. Vorgangsschlüssel sehen so aus: ABC-123.
error-site-not-granted-title = Website nicht verfügbar
error-site-not-granted = Diese Website gehört nicht zu den Websites, für die Sie Zugriff gewährt haben.
error-issue-not-found-title = Vorgang nicht gefunden
error-issue-not-found = { $key } wurde nicht gefunden, oder Sie haben keinen Zugriff darauf.
error-forbidden-title = Keine Berechtigung
error-forbidden = Laut Jira haben Sie keine Berechtigung, dies zu sehen.
error-rate-limited-title = Zu viele Anfragen
error-rate-limited = Jira begrenzt gerade die Anfragen. Versuchen Sie es in { $seconds } s erneut.
error-quota-spent-title = Das Kontingent von Jira ist aufgebraucht
error-quota-spent = Das stündliche Jira-Kontingent dieser App für { $site } ist aufgebraucht; es wird um { $time } zurückgesetzt.
error-upstream-failed-title = Atlassian antwortet nicht
error-upstream-failed = Atlassian hat mit einem Fehler geantwortet. Versuchen Sie es gleich noch einmal.
error-upstream-unavailable-title = Atlassian antwortet nicht
error-upstream-unavailable = Atlassian ist gerade nicht erreichbar. Versuchen Sie es gleich noch einmal.
error-upstream-timeout-title = Atlassian antwortet nicht
error-upstream-timeout = Atlassian hat zu lange für die Antwort gebraucht. Versuchen Sie es gleich noch einmal.
error-session-unavailable-title = Anmeldung nicht verfügbar
error-session-unavailable = Die Anmeldung ist vorübergehend nicht verfügbar. Versuchen Sie es gleich noch einmal.
error-cross-site-request-title = Anfrage abgelehnt
error-cross-site-request = Diese Anfrage kam von einer anderen Website und wurde daher abgelehnt. Öffnen Sie diese App und versuchen Sie es von hier aus erneut.
error-page-not-found-title = Seite nicht gefunden
error-page-not-found = Unter dieser Adresse gibt es keine Seite.
error-internal-title = Etwas ist schiefgelaufen
error-internal = Bei uns ist etwas schiefgelaufen. Versuchen Sie es erneut, und sagen Sie uns Bescheid, wenn es wieder passiert.
error-renewal-pending-title = Verbindung wird noch hergestellt
error-renewal-pending = Ihre Verbindung zu Atlassian wird gerade von einer anderen Anfrage erneuert, und das dauert etwas. Versuchen Sie es gleich noch einmal.
error-upstream-too-large-title = Antwort zu groß
error-upstream-too-large = Die Antwort von Atlassian war größer, als diese App akzeptiert, und wurde daher nicht angezeigt. Versuchen Sie es erneut; wenn es wieder passiert, sagen Sie uns Bescheid.
error-file-too-large-title = Datei zu groß, um sie hier zu öffnen
error-file-too-large = Diese Datei ist { $size } MB groß; hier lassen sich Dateien bis { $limit } MB öffnen. Öffnen Sie sie stattdessen in Jira.
error-search-refused-title = Suche nicht möglich
error-search-refused = { $count ->
    [0] Jira konnte diese Suche nicht ausführen.
   *[other] Jira konnte diese Suche nicht ausführen: { $details }
}
error-invalid-request-title = Ungültige Anfrage
error-invalid-request = In dieser Anfrage fehlt etwas, oder ein Wert kann nicht gelesen werden.
error-server-fn-title = Etwas ist schiefgelaufen
error-server-fn = Wir konnten den Server nicht erreichen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.

## Wörter, die der Server in andere Meldungen setzt

profile-name-unknown = Atlassian-Benutzer
error-this-site = diese Website
