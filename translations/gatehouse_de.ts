<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AiProviderPreset</name>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <source>xAI</source>
        <translation>xAI</translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <source>OpenAI-compatible server</source>
        <translation>OpenAI-kompatibler Server</translation>
    </message>
    <message>
        <source>%1 needs an API key.</source>
        <translation>%1 benötigt einen API-Schlüssel.</translation>
    </message>
    <message>
        <source>%1 needs no API key unless the server asks for one.</source>
        <translation>%1 benötigt keinen API-Schlüssel, sofern der Server keinen verlangt.</translation>
    </message>
</context>
<context>
    <name>SessionTokenStore</name>
    <message>
        <source>This build keeps no secrets in a keychain.</source>
        <translation>Diese Programmversion speichert keine Geheimnisse in einem Schlüsselbund.</translation>
    </message>
</context>
<context>
    <name>gatehouse::AccessRulesEditor</name>
    <message>
        <source>Selected rule</source>
        <translation>Ausgewählte Regel</translation>
    </message>
    <message>
        <source>Access rules</source>
        <translation>Zugriffsregeln</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Verbs</source>
        <translation>Verben</translation>
    </message>
    <message>
        <source>Requestors</source>
        <translation>Aufrufer</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>Regel &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Remove r&amp;ule</source>
        <translation>Regel &amp;entfernen</translation>
    </message>
    <message>
        <source>* for the whole service, _table/* for every table, _table/name for one.</source>
        <translation>* für den gesamten Dienst, _table/* für jede Tabelle, _table/name für eine einzelne Tabelle.</translation>
    </message>
    <message>
        <source>Allow %1</source>
        <translation>%1 erlauben</translation>
    </message>
    <message>
        <source>A&amp;PI</source>
        <translation>A&amp;PI</translation>
    </message>
    <message>
        <source>Requests from clients over HTTP.</source>
        <translation>Anfragen von Clients über HTTP.</translation>
    </message>
    <message>
        <source>Scrip&amp;t</source>
        <translation>Skrip&amp;t</translation>
    </message>
    <message>
        <source>Requests made by server-side scripts.</source>
        <translation>Anfragen aus serverseitigen Skripten.</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <source>C&amp;omponent:</source>
        <translation>K&amp;omponente:</translation>
    </message>
    <message>
        <source>Verbs:</source>
        <translation>Verben:</translation>
    </message>
    <message>
        <source>Requestors:</source>
        <translation>Aufrufer:</translation>
    </message>
    <message>
        <source>Row &amp;filters:</source>
        <translation>Zeilen&amp;filter:</translation>
    </message>
    <message>
        <source>(no service)</source>
        <translation>(kein Dienst)</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Skript</translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s), %1</source>
        <translation>
            <numerusform>%n Filter, %1</numerusform>
            <numerusform>%n Filter, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Rule %1 needs a component (* for the whole service).</source>
        <translation>Regel %1 benötigt eine Komponente (* für den gesamten Dienst).</translation>
    </message>
    <message>
        <source>Rule %1 allows no verb.</source>
        <translation>Regel %1 erlaubt kein Verb.</translation>
    </message>
    <message>
        <source>Rule %1 needs a requestor (API or Script).</source>
        <translation>Regel %1 benötigt einen Aufrufer (API oder Skript).</translation>
    </message>
    <message>
        <source>A filter of rule %1 needs a field.</source>
        <translation>Ein Filter von Regel %1 benötigt ein Feld.</translation>
    </message>
    <message>
        <source>The filter on %1 of rule %2 needs a value.</source>
        <translation>Der Filter auf %1 in Regel %2 benötigt einen Wert.</translation>
    </message>
</context>
<context>
    <name>gatehouse::AiAliasDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Edit model alias</source>
        <translation>Modellalias bearbeiten</translation>
    </message>
    <message>
        <source>New model alias</source>
        <translation>Neuer Modellalias</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>What OpenAI-style clients send as &quot;model&quot;.</source>
        <translation>Wert, den Clients im OpenAI-Stil als &quot;model&quot; senden.</translation>
    </message>
    <message>
        <source>AI connection</source>
        <translation>KI-Verbindung</translation>
    </message>
    <message>
        <source>Provider model</source>
        <translation>Modell des Anbieters</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>&amp;Alias:</translation>
    </message>
    <message>
        <source>AI &amp;connection:</source>
        <translation>KI-&amp;Verbindung:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>The alias needs 1 to 128 letters, digits or . _ : / -</source>
        <translation>Der Alias benötigt 1 bis 128 Buchstaben, Ziffern oder . _ : / -</translation>
    </message>
    <message>
        <source>Create an AI connection first.</source>
        <translation>Legen Sie zuerst eine KI-Verbindung an.</translation>
    </message>
    <message>
        <source>Enter the provider&apos;s model name.</source>
        <translation>Geben Sie den Modellnamen des Anbieters ein.</translation>
    </message>
    <message>
        <source>The alias could not be saved: %1</source>
        <translation>Der Alias konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::AiBudgetDialog</name>
    <message>
        <source>&amp;Hard stop: refuse calls that would go over the limit</source>
        <translation>&amp;Harte Grenze: Aufrufe ablehnen, die das Limit überschreiten würden</translation>
    </message>
    <message>
        <source>Acti&amp;ve</source>
        <translation>Akti&amp;v</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Edit AI budget</source>
        <translation>KI-Budget bearbeiten</translation>
    </message>
    <message>
        <source>New AI budget</source>
        <translation>Neues KI-Budget</translation>
    </message>
    <message>
        <source>Everything (global)</source>
        <translation>Alles (global)</translation>
    </message>
    <message>
        <source>AI connection</source>
        <translation>KI-Verbindung</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Hourly</source>
        <translation>Stündlich</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message>
        <source>Budget name</source>
        <translation>Budgetname</translation>
    </message>
    <message>
        <source>Budget applies to</source>
        <translation>Budget gilt für</translation>
    </message>
    <message>
        <source>Which one</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Alert webhook URL</source>
        <translation>URL des Alarm-Webhooks</translation>
    </message>
    <message>
        <source>optional: receives alerts at 50, 80 and 100 %</source>
        <translation>optional: erhält Alarme bei 50, 80 und 100 %</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Applies to:</source>
        <translation>&amp;Gilt für:</translation>
    </message>
    <message>
        <source>&amp;Which:</source>
        <translation>&amp;Auswahl:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Limit:</source>
        <translation>&amp;Limit:</translation>
    </message>
    <message>
        <source>Ale&amp;rt webhook:</source>
        <translation>Alarm-&amp;Webhook:</translation>
    </message>
    <message>
        <source>The list could not be loaded: %1</source>
        <translation>Die Liste konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Geben Sie einen Namen ein.</translation>
    </message>
    <message>
        <source>Choose what the budget applies to.</source>
        <translation>Wählen Sie, wofür das Budget gilt.</translation>
    </message>
    <message>
        <source>The limit must be greater than 0.</source>
        <translation>Das Limit muss größer als 0 sein.</translation>
    </message>
    <message>
        <source>The alert webhook must be an http:// or https:// address.</source>
        <translation>Der Alarm-Webhook muss eine http://- oder https://-Adresse sein.</translation>
    </message>
    <message>
        <source>The budget could not be saved: %1</source>
        <translation>Das Budget konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::AiConnectionDialog</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Acti&amp;ve</source>
        <translation>Akti&amp;v</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Edit AI connection %1</source>
        <translation>KI-Verbindung %1 bearbeiten</translation>
    </message>
    <message>
        <source>New AI connection</source>
        <translation>Neue KI-Verbindung</translation>
    </message>
    <message>
        <source>Connection name</source>
        <translation>Verbindungsname</translation>
    </message>
    <message>
        <source>Used in URLs: /api/v2/&lt;name&gt;/chat.</source>
        <translation>Wird in URLs verwendet: /api/v2/&lt;name&gt;/chat.</translation>
    </message>
    <message>
        <source>Connection label</source>
        <translation>Bezeichnung der Verbindung</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Standardmodell</translation>
    </message>
    <message>
        <source>Requests per minute per user</source>
        <translation>Anfragen pro Minute und Benutzer</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <source>Monthly budget</source>
        <translation>Monatsbudget</translation>
    </message>
    <message>
        <source>A hard stop per calendar month (UTC), in the currency of the prices.</source>
        <translation>Harte Grenze pro Kalendermonat (UTC), in der Währung der Preise.</translation>
    </message>
    <message>
        <source>Input price per 1,000 tokens</source>
        <translation>Eingabepreis pro 1.000 Tokens</translation>
    </message>
    <message>
        <source>Output price per 1,000 tokens</source>
        <translation>Ausgabepreis pro 1.000 Tokens</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>Be&amp;zeichnung:</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-Sc&amp;hlüssel:</translation>
    </message>
    <message>
        <source>Default &amp;model:</source>
        <translation>Standard&amp;modell:</translation>
    </message>
    <message>
        <source>&amp;Requests per minute:</source>
        <translation>Anf&amp;ragen pro Minute:</translation>
    </message>
    <message>
        <source>Monthly bud&amp;get:</source>
        <translation>Monatsbud&amp;get:</translation>
    </message>
    <message>
        <source>&amp;Input price / 1k tokens:</source>
        <translation>&amp;Eingabepreis / 1k Tokens:</translation>
    </message>
    <message>
        <source>&amp;Output price / 1k tokens:</source>
        <translation>A&amp;usgabepreis / 1k Tokens:</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Geben Sie einen Namen ein.</translation>
    </message>
    <message>
        <source>The name may contain only letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;.</source>
        <translation>Der Name darf nur Buchstaben, Ziffern, &apos;_&apos;, &apos;-&apos; und &apos;.&apos; enthalten.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s base URL.</source>
        <translation>Geben Sie die Basis-URL des Servers ein.</translation>
    </message>
    <message>
        <source>The base URL must be an http:// or https:// address.</source>
        <translation>Die Basis-URL muss eine http://- oder https://-Adresse sein.</translation>
    </message>
    <message>
        <source>Enter the API key.</source>
        <translation>Geben Sie den API-Schlüssel ein.</translation>
    </message>
    <message>
        <source>The connection could not be saved: %1</source>
        <translation>Die Verbindung konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::AiPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Standardmodell</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>AI connection</source>
        <translation>KI-Verbindung</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>Eingabe-Tokens</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>Ausgabe-Tokens</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>AI sections</source>
        <translation>KI-Bereiche</translation>
    </message>
    <message>
        <source>&amp;Connections</source>
        <translation>&amp;Verbindungen</translation>
    </message>
    <message>
        <source>Model &amp;aliases</source>
        <translation>Modell&amp;aliasse</translation>
    </message>
    <message>
        <source>&amp;Budgets</source>
        <translation>&amp;Budgets</translation>
    </message>
    <message>
        <source>&amp;Usage</source>
        <translation>N&amp;utzung</translation>
    </message>
    <message>
        <source>AI connections</source>
        <translation>KI-Verbindungen</translation>
    </message>
    <message>
        <source>&amp;New connection…</source>
        <translation>&amp;Neue Verbindung…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>B&amp;earbeiten…</translation>
    </message>
    <message>
        <source>&amp;Health check</source>
        <translation>Verbindung &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Asks the provider for its model list through this connection.</source>
        <translation>Fragt über diese Verbindung die Modellliste beim Anbieter ab.</translation>
    </message>
    <message>
        <source>Health check result</source>
        <translation>Ergebnis der Verbindungsprüfung</translation>
    </message>
    <message>
        <source>Delete AI connection</source>
        <translation>KI-Verbindung löschen</translation>
    </message>
    <message>
        <source>Delete the AI connection &quot;%1&quot;? Clients using it will fail.</source>
        <translation>Die KI-Verbindung „%1“ löschen? Clients, die sie verwenden, erhalten dann Fehler.</translation>
    </message>
    <message>
        <source>The connection could not be deleted</source>
        <translation>Die Verbindung konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Model aliases</source>
        <translation>Modellaliasse</translation>
    </message>
    <message>
        <source>Clients of the OpenAI-compatible endpoint (/api/v2/_ai/v1) send an alias as &quot;model&quot;; it is routed to the connection and model below.</source>
        <translation>Clients des OpenAI-kompatiblen Endpunkts (/api/v2/_ai/v1) senden einen Alias als &quot;model&quot;; er wird an die unten angegebene Verbindung und das Modell weitergeleitet.</translation>
    </message>
    <message>
        <source>&amp;New alias…</source>
        <translation>&amp;Neuer Alias…</translation>
    </message>
    <message>
        <source>Delete model alias</source>
        <translation>Modellalias löschen</translation>
    </message>
    <message>
        <source>Delete the selected model alias?</source>
        <translation>Den ausgewählten Modellalias löschen?</translation>
    </message>
    <message>
        <source>AI budgets</source>
        <translation>KI-Budgets</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>Gilt für</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Spent this period</source>
        <translation>Ausgaben in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Projected month-end</source>
        <translation>Prognose zum Monatsende</translation>
    </message>
    <message>
        <source>Hard stop</source>
        <translation>Harte Grenze</translation>
    </message>
    <message>
        <source>Spend is what the usage log holds for the budget&apos;s current period (UTC). The projected month-end spend assumes the rest of the month continues at the average rate so far; it is shown for monthly budgets once an hour of the month has passed.</source>
        <translation>Die Ausgaben ergeben sich aus dem Nutzungsprotokoll für den aktuellen Zeitraum des Budgets (UTC). Die Prognose zum Monatsende nimmt an, dass sich der restliche Monat im bisherigen Durchschnitt fortsetzt; sie wird für Monatsbudgets angezeigt, sobald die erste Stunde des Monats vergangen ist.</translation>
    </message>
    <message>
        <source>&amp;New budget…</source>
        <translation>&amp;Neues Budget…</translation>
    </message>
    <message>
        <source>Delete AI budget</source>
        <translation>KI-Budget löschen</translation>
    </message>
    <message>
        <source>Delete the selected budget?</source>
        <translation>Das ausgewählte Budget löschen?</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>&amp;Show usage</source>
        <translation>&amp;Nutzung anzeigen</translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation>Nutzung nach Modell</translation>
    </message>
    <message>
        <source>C&amp;onnection:</source>
        <translation>Verbin&amp;dung:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>The AI connections could not be loaded</source>
        <translation>Die KI-Verbindungen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>The model aliases could not be loaded</source>
        <translation>Die Modellaliasse konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>The AI budgets could not be loaded</source>
        <translation>Die KI-Budgets konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation>Verbindung %1</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <source>App %1</source>
        <translation>App %1</translation>
    </message>
    <message>
        <source>Hourly</source>
        <translation>Stündlich</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1 (inaktiv)</translation>
    </message>
    <message>
        <source>%1 of %2 (%3 %)</source>
        <translation>%1 von %2 (%3 %)</translation>
    </message>
    <message>
        <source>Period %1 to %2 (UTC)</source>
        <translation>Zeitraum %1 bis %2 (UTC)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Projected for monthly budgets only.</source>
        <translation>Prognose nur für Monatsbudgets.</translation>
    </message>
    <message>
        <source>At this rate the budget runs out before the month ends.</source>
        <translation>Bei diesem Tempo ist das Budget vor Monatsende aufgebraucht.</translation>
    </message>
    <message>
        <source>At this rate the budget lasts the month.</source>
        <translation>Bei diesem Tempo reicht das Budget für den ganzen Monat.</translation>
    </message>
    <message>
        <source>Too early in the month to project.</source>
        <translation>Für eine Prognose ist es noch zu früh im Monat.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>alert only</source>
        <translation>nur Alarm</translation>
    </message>
    <message>
        <source>Checking &quot;%1&quot;…</source>
        <translation>„%1“ wird geprüft…</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is healthy: %2 answered in %3 ms.</source>
        <translation>„%1“ ist betriebsbereit: %2 antwortete in %3 ms.</translation>
    </message>
    <message>
        <source>%1 (the provider answered %2)</source>
        <translation>%1 (der Anbieter antwortete mit %2)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not healthy: %2</source>
        <translation>„%1“ ist nicht betriebsbereit: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not healthy: %2 (request %3)</source>
        <translation>„%1“ ist nicht betriebsbereit: %2 (Anfrage %3)</translation>
    </message>
    <message>
        <source>The alias could not be deleted</source>
        <translation>Der Alias konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>The budget could not be deleted</source>
        <translation>Das Budget konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>There is no AI connection yet.</source>
        <translation>Es gibt noch keine KI-Verbindung.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The usage could not be loaded</source>
        <translation>Die Nutzung konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>Requests: %1 · Input tokens: %2 · Output tokens: %3 · Cost: %4 · Errors: %5</source>
        <translation>Anfragen: %1 · Eingabe-Tokens: %2 · Ausgabe-Tokens: %3 · Kosten: %4 · Fehler: %5</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>KI</translation>
    </message>
</context>
<context>
    <name>gatehouse::ApiDocsPage</name>
    <message>
        <source>E&amp;xpand tables and procedures</source>
        <translation>Tabellen und Prozeduren &amp;aufschlüsseln</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Paths and operations</source>
        <translation>Pfade und Operationen</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Operation details</source>
        <translation>Details der Operation</translation>
    </message>
    <message>
        <source>Database services: one path per table and procedure instead of {table_name}.</source>
        <translation>Datenbankdienste: ein Pfad pro Tabelle und Prozedur statt {table_name}.</translation>
    </message>
    <message>
        <source>&amp;Operations:</source>
        <translation>&amp;Operationen:</translation>
    </message>
    <message>
        <source>Deta&amp;ils:</source>
        <translation>Deta&amp;ils:</translation>
    </message>
    <message>
        <source>Try it (sent with your admin session)</source>
        <translation>Ausprobieren (wird mit Ihrer Admin-Sitzung gesendet)</translation>
    </message>
    <message>
        <source>Ser&amp;vices:</source>
        <translation>&amp;Dienste:</translation>
    </message>
    <message>
        <source>The services could not be loaded</source>
        <translation>Die Dienste konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Loading the OpenAPI document of %1…</source>
        <translation>OpenAPI-Dokument von %1 wird geladen…</translation>
    </message>
    <message>
        <source>The API document of %1 could not be loaded</source>
        <translation>Das API-Dokument von %1 konnte nicht geladen werden</translation>
    </message>
    <message numerus="yes">
        <source>%n path(s). Choose an operation to see its parameters and try it.</source>
        <translation>
            <numerusform>%n Pfad. Wählen Sie eine Operation, um ihre Parameter zu sehen und sie auszuprobieren.</numerusform>
            <numerusform>%n Pfade. Wählen Sie eine Operation, um ihre Parameter zu sehen und sie auszuprobieren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Operation id: %1</source>
        <translation>Operations-ID: %1</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Erforderlich</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>Anfragetext</translation>
    </message>
    <message>
        <source>API docs</source>
        <translation>API-Dokumentation</translation>
    </message>
</context>
<context>
    <name>gatehouse::ApiKeyDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>API key of %1</source>
        <translation>API-Schlüssel von %1</translation>
    </message>
    <message>
        <source>This is the only time the key is shown. Copy it now and keep it somewhere safe: Gatehouse stores only a fingerprint of it and cannot show it again. If it is lost, regenerate the key.</source>
        <translation>Der Schlüssel wird nur dieses eine Mal angezeigt. Kopieren Sie ihn jetzt und bewahren Sie ihn sicher auf: Gatehouse speichert nur einen Fingerabdruck davon und kann ihn nicht erneut anzeigen. Falls er verloren geht, generieren Sie den Schlüssel neu.</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Copied</source>
        <translation>&amp;Kopiert</translation>
    </message>
</context>
<context>
    <name>gatehouse::AppEditorDialog</name>
    <message>
        <source>&amp;Active (requests with its key are served)</source>
        <translation>&amp;Aktiv (Anfragen mit dem Schlüssel der App werden verarbeitet)</translation>
    </message>
    <message>
        <source>Edit app</source>
        <translation>App bearbeiten</translation>
    </message>
    <message>
        <source>New app</source>
        <translation>Neue App</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Default role</source>
        <translation>Standardrolle</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Default &amp;role:</source>
        <translation>Standard&amp;rolle:</translation>
    </message>
    <message>
        <source>(no role)</source>
        <translation>(keine Rolle)</translation>
    </message>
    <message>
        <source>The roles could not be loaded.</source>
        <translation>Die Rollen konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>Enter the app&apos;s name.</source>
        <translation>Geben Sie den Namen der App ein.</translation>
    </message>
    <message>
        <source>The app could not be saved</source>
        <translation>Die App konnte nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>gatehouse::AppRoleTable</name>
    <message>
        <source>Role per app</source>
        <translation>Rolle pro App</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Add app ro&amp;le</source>
        <translation>App-Ro&amp;lle hinzufügen</translation>
    </message>
    <message>
        <source>Remove app r&amp;ole</source>
        <translation>App-R&amp;olle entfernen</translation>
    </message>
    <message>
        <source>App role %1 needs an app and a role.</source>
        <translation>App-Rolle %1 benötigt eine App und eine Rolle.</translation>
    </message>
    <message>
        <source>A user has one role per app: app role %1 repeats an app.</source>
        <translation>Ein Benutzer hat pro App nur eine Rolle: App-Rolle %1 nennt eine App doppelt.</translation>
    </message>
</context>
<context>
    <name>gatehouse::AppsPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Default role</source>
        <translation>Standardrolle</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Key hint</source>
        <translation>Schlüsselhinweis</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>B&amp;earbeiten…</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>Deak&amp;tivieren</translation>
    </message>
    <message>
        <source>Re&amp;generate key…</source>
        <translation>Schlüssel neu &amp;generieren…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
    <message>
        <source>&amp;New app…</source>
        <translation>&amp;Neue App…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>The apps could not be loaded</source>
        <translation>Die Apps konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>Ak&amp;tivieren</translation>
    </message>
    <message>
        <source>The server did not send the new API key.</source>
        <translation>Der Server hat den neuen API-Schlüssel nicht gesendet.</translation>
    </message>
    <message>
        <source>Regenerate API key</source>
        <translation>API-Schlüssel neu generieren</translation>
    </message>
    <message>
        <source>Regenerate the API key of &quot;%1&quot;? The current key stops working at once; every client using it must be given the new key.</source>
        <translation>Den API-Schlüssel von „%1“ neu generieren? Der aktuelle Schlüssel funktioniert sofort nicht mehr; alle Clients, die ihn verwenden, benötigen den neuen Schlüssel.</translation>
    </message>
    <message>
        <source>Re&amp;generate</source>
        <translation>Neu &amp;generieren</translation>
    </message>
    <message>
        <source>The key could not be regenerated</source>
        <translation>Der Schlüssel konnte nicht neu generiert werden</translation>
    </message>
    <message>
        <source>The app could not be changed</source>
        <translation>Die App konnte nicht geändert werden</translation>
    </message>
    <message>
        <source>Delete app</source>
        <translation>App löschen</translation>
    </message>
    <message>
        <source>Delete the app &quot;%1&quot;? Its API key stops working and its lookups are deleted.</source>
        <translation>Die App „%1“ löschen? Ihr API-Schlüssel funktioniert dann nicht mehr, und ihre Lookups werden gelöscht.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>The app could not be deleted</source>
        <translation>Die App konnte nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>gatehouse::ConnectPage</name>
    <message>
        <source>&amp;Embedded engine on this computer</source>
        <translation>&amp;Eingebettete Engine auf diesem Computer</translation>
    </message>
    <message>
        <source>&amp;Remote engine:</source>
        <translation>Entfe&amp;rnte Engine:</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>Ver&amp;gessen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>&amp;Keep me signed in on this computer</source>
        <translation>Auf diesem Computer angemeldet &amp;bleiben</translation>
    </message>
    <message>
        <source>S&amp;ign in…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>Remote engine address</source>
        <translation>Adresse der entfernten Engine</translation>
    </message>
    <message>
        <source>Remove this address from the list</source>
        <translation>Diese Adresse aus der Liste entfernen</translation>
    </message>
    <message>
        <source>The session token is kept in the operating system&apos;s keychain, never in a file.</source>
        <translation>Das Sitzungstoken wird im Schlüsselbund des Betriebssystems gespeichert, nie in einer Datei.</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Engine address:</source>
        <translation>Engine-Adresse:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>Details:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Signed-in account</source>
        <translation>Angemeldetes Konto</translation>
    </message>
    <message>
        <source>Engine state</source>
        <translation>Engine-Zustand</translation>
    </message>
    <message>
        <source>Engine address</source>
        <translation>Engine-Adresse</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Enter the engine&apos;s address, for example https://gatehouse.example.org:8443.</source>
        <translation>Geben Sie die Adresse der Engine ein, zum Beispiel https://gatehouse.example.org:8443.</translation>
    </message>
    <message>
        <source>This address is not encrypted (http): passwords and tokens cross the network in clear. Use https for a remote engine.</source>
        <translation>Diese Adresse ist nicht verschlüsselt (http): Passwörter und Tokens werden im Klartext über das Netzwerk übertragen. Verwenden Sie https für eine entfernte Engine.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>First admin created. Password (shown once): %1</source>
        <translation>Erster Administrator angelegt. Passwort (wird nur einmal angezeigt): %1</translation>
    </message>
    <message>
        <source>Unreachable: %1</source>
        <translation>Nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Running — version %1, up %2 s, %3 services</source>
        <translation>Läuft — Version %1, seit %2 s in Betrieb, %3 Dienste</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbindung</translation>
    </message>
</context>
<context>
    <name>gatehouse::CsvExporter</name>
    <message>
        <source>The file is not open for writing.</source>
        <translation>Die Datei ist nicht zum Schreiben geöffnet.</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Die Datei konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::DashboardPage</name>
    <message>
        <source>&amp;Live updates</source>
        <translation>&amp;Live-Aktualisierung</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Average latency</source>
        <translation>Durchschnittliche Latenz</translation>
    </message>
    <message>
        <source>Tokens by model</source>
        <translation>Tokens nach Modell</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>AI spend against budgets</source>
        <translation>KI-Ausgaben gegenüber Budgets</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Error rate (4xx / 5xx)</source>
        <translation>Fehlerrate (4xx / 5xx)</translation>
    </message>
    <message>
        <source>Latency p50 / p95</source>
        <translation>Latenz p50 / p95</translation>
    </message>
    <message>
        <source>AI spend</source>
        <translation>KI-Ausgaben</translation>
    </message>
    <message>
        <source>Top services</source>
        <translation>Top-Dienste</translation>
    </message>
    <message>
        <source>Top users</source>
        <translation>Top-Benutzer</translation>
    </message>
    <message>
        <source>Loading the metrics failed</source>
        <translation>Die Metriken konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>%1% / %2%</source>
        <translation>%1 % / %2 %</translation>
    </message>
    <message>
        <source>%1 ms / %2 ms</source>
        <translation>%1 ms / %2 ms</translation>
    </message>
    <message>
        <source>Server errors</source>
        <translation>Serverfehler</translation>
    </message>
    <message numerus="yes">
        <source>per %n minute(s)</source>
        <translation>
            <numerusform>pro %n Minute</numerusform>
            <numerusform>pro %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Durchschnitt</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>Eingabe-Tokens</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>Ausgabe-Tokens</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>No active AI budgets.</source>
        <translation>Keine aktiven KI-Budgets.</translation>
    </message>
    <message>
        <source>%1 (%2): %3 of %4</source>
        <translation>%1 (%2): %3 von %4</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
</context>
<context>
    <name>gatehouse::EventScriptEditorDialog</name>
    <message>
        <source>&amp;Active</source>
        <translation>&amp;Aktiv</translation>
    </message>
    <message>
        <source>Allow event &amp;modification</source>
        <translation>Ereignis &amp;modifizieren erlauben</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>New event script</source>
        <translation>Neues Ereignisskript</translation>
    </message>
    <message>
        <source>Edit event script %1</source>
        <translation>Ereignisskript %1 bearbeiten</translation>
    </message>
    <message>
        <source>Service whose events are offered</source>
        <translation>Dienst, dessen Ereignisse angeboten werden</translation>
    </message>
    <message>
        <source>(all services)</source>
        <translation>(alle Dienste)</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>Ereignisname</translation>
    </message>
    <message>
        <source>{service}.{path}.{verb}.pre_process runs before the call, …post_process after it.</source>
        <translation>{service}.{path}.{verb}.pre_process läuft vor dem Aufruf, ….post_process danach.</translation>
    </message>
    <message>
        <source>Lets the script change the request (pre_process) or the response (post_process); without it, its changes are ignored.</source>
        <translation>Erlaubt dem Skript, die Anfrage (pre_process) oder die Antwort (post_process) zu ändern; ohne dies werden seine Änderungen ignoriert.</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Allowed hosts for platform.http</source>
        <translation>Erlaubte Hosts für platform.http</translation>
    </message>
    <message>
        <source>One host or host:port per line; empty: no outside calls</source>
        <translation>Ein Host oder host:port pro Zeile; leer: keine externen Aufrufe</translation>
    </message>
    <message>
        <source>Script (JavaScript)</source>
        <translation>Skript (JavaScript)</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Ereignis:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Allowed &amp;hosts:</source>
        <translation>Erlaubte &amp;Hosts:</translation>
    </message>
    <message>
        <source>Scri&amp;pt:</source>
        <translation>Skri&amp;pt:</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>The event script could not be loaded: %1</source>
        <translation>Das Ereignisskript konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The event names could not be loaded: %1</source>
        <translation>Die Ereignisnamen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Choose the event the script runs on.</source>
        <translation>Wählen Sie das Ereignis, bei dem das Skript läuft.</translation>
    </message>
    <message>
        <source>The event name looks like service.path.verb.pre_process, e.g. %1.</source>
        <translation>Ein Ereignisname hat die Form service.path.verb.pre_process, z. B. %1.</translation>
    </message>
    <message>
        <source>The script is empty.</source>
        <translation>Das Skript ist leer.</translation>
    </message>
    <message>
        <source>The event script was not saved: %1</source>
        <translation>Das Ereignisskript wurde nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::EventScriptsDialog</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Event scripts</source>
        <translation>Ereignisskripte</translation>
    </message>
    <message>
        <source>Scripts that run before (pre_process) or after (post_process) a service call, for example to check or enrich a request or to reshape a response.</source>
        <translation>Skripte, die vor (pre_process) oder nach (post_process) einem Dienstaufruf laufen, etwa um eine Anfrage zu prüfen oder anzureichern oder eine Antwort umzuformen.</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>May modify</source>
        <translation>Darf ändern</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Delete event script</source>
        <translation>Ereignisskript löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>The event scripts could not be loaded</source>
        <translation>Die Ereignisskripte konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>The event script %1 was saved.</source>
        <translation>Das Ereignisskript %1 wurde gespeichert.</translation>
    </message>
    <message>
        <source>Delete the event script &quot;%1&quot;? The event then runs without it.</source>
        <translation>Das Ereignisskript „%1“ löschen? Das Ereignis läuft danach ohne es.</translation>
    </message>
    <message>
        <source>The event script %1 was not deleted</source>
        <translation>Das Ereignisskript %1 wurde nicht gelöscht</translation>
    </message>
    <message>
        <source>The event script %1 was deleted.</source>
        <translation>Das Ereignisskript %1 wurde gelöscht.</translation>
    </message>
</context>
<context>
    <name>gatehouse::FieldMaskTable</name>
    <message>
        <source>Field masks</source>
        <translation>Feldmasken</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Beibehalten</translation>
    </message>
    <message>
        <source>Detectors</source>
        <translation>Detektoren</translation>
    </message>
    <message>
        <source>Filterable</source>
        <translation>Filterbar</translation>
    </message>
    <message>
        <source>Table and column may be * for all. Detectors (for mode detect): email, ssn, card, phone.</source>
        <translation>Tabelle und Spalte können * für alle sein. Detektoren (für den Modus detect): email, ssn, card, phone.</translation>
    </message>
    <message>
        <source>Add &amp;mask</source>
        <translation>&amp;Maske hinzufügen</translation>
    </message>
    <message>
        <source>Remove mas&amp;k</source>
        <translation>Mas&amp;ke entfernen</translation>
    </message>
    <message>
        <source>Characters kept</source>
        <translation>Beibehaltene Zeichen</translation>
    </message>
    <message>
        <source>Mask %1 needs a service.</source>
        <translation>Maske %1 benötigt einen Dienst.</translation>
    </message>
    <message>
        <source>Mask %1 needs a table (or *).</source>
        <translation>Maske %1 benötigt eine Tabelle (oder *).</translation>
    </message>
    <message>
        <source>Mask %1 needs a column (or *).</source>
        <translation>Maske %1 benötigt eine Spalte (oder *).</translation>
    </message>
    <message>
        <source>Mask %1 detects nothing: name detectors (email, ssn, card, phone).</source>
        <translation>Maske %1 erkennt nichts: Geben Sie Detektoren an (email, ssn, card, phone).</translation>
    </message>
    <message>
        <source>Mask %1: unknown detector &quot;%2&quot;.</source>
        <translation>Maske %1: unbekannter Detektor „%2“.</translation>
    </message>
</context>
<context>
    <name>gatehouse::GatehouseClient</name>
    <message>
        <source>%1 (request %2)</source>
        <translation>%1 (Anfrage %2)</translation>
    </message>
    <message>
        <source>The engine could not be reached: %1</source>
        <translation>Die Engine war nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>The engine answered %1.</source>
        <translation>Die Engine antwortete mit %1.</translation>
    </message>
</context>
<context>
    <name>gatehouse::JsonTableModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>gatehouse::KeyValueTable</name>
    <message>
        <source>Add row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Zeile entfernen</translation>
    </message>
    <message>
        <source>%1, row %2: the lookup name must use lower-case letters, digits and underscores.</source>
        <translation>%1, Zeile %2: Der Lookup-Name darf nur Kleinbuchstaben, Ziffern und Unterstriche enthalten.</translation>
    </message>
    <message>
        <source>%1, row %2 needs a value.</source>
        <translation>%1, Zeile %2 benötigt einen Wert.</translation>
    </message>
</context>
<context>
    <name>gatehouse::LdapServiceForm</name>
    <message>
        <source>The host must be a host name or an IP address (no scheme or port).</source>
        <translation>Der Host muss ein Hostname oder eine IP-Adresse sein (ohne Schema oder Port).</translation>
    </message>
    <message>
        <source>A bind DN needs its password.</source>
        <translation>Ein Bind-DN benötigt sein Passwort.</translation>
    </message>
    <message>
        <source>A bind password needs a bind DN.</source>
        <translation>Ein Bind-Passwort benötigt einen Bind-DN.</translation>
    </message>
    <message>
        <source>A CA certificate needs StartTLS or LDAPS encryption.</source>
        <translation>Ein CA-Zertifikat erfordert StartTLS- oder LDAPS-Verschlüsselung.</translation>
    </message>
    <message>
        <source>%1 must be an LDAP filter in parentheses.</source>
        <translation>%1 muss ein LDAP-Filter in Klammern sein.</translation>
    </message>
</context>
<context>
    <name>gatehouse::LimitEditorDialog</name>
    <message>
        <source>Acti&amp;ve</source>
        <translation>A&amp;ktiv</translation>
    </message>
    <message>
        <source>Edit limit</source>
        <translation>Limit bearbeiten</translation>
    </message>
    <message>
        <source>New limit</source>
        <translation>Neues Limit</translation>
    </message>
    <message>
        <source>Every request</source>
        <translation>Alle Anfragen</translation>
    </message>
    <message>
        <source>One user</source>
        <translation>Ein Benutzer</translation>
    </message>
    <message>
        <source>Each user</source>
        <translation>Jeder Benutzer</translation>
    </message>
    <message>
        <source>One service</source>
        <translation>Ein Dienst</translation>
    </message>
    <message>
        <source>One user on one service</source>
        <translation>Ein Benutzer in einem Dienst</translation>
    </message>
    <message>
        <source>Each user on one service</source>
        <translation>Jeder Benutzer in einem Dienst</translation>
    </message>
    <message>
        <source>One endpoint</source>
        <translation>Ein Endpunkt</translation>
    </message>
    <message>
        <source>One user on one endpoint</source>
        <translation>Ein Benutzer an einem Endpunkt</translation>
    </message>
    <message>
        <source>Each user on one endpoint</source>
        <translation>Jeder Benutzer an einem Endpunkt</translation>
    </message>
    <message>
        <source>One role</source>
        <translation>Eine Rolle</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>Minute</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <source>(every verb)</source>
        <translation>(alle Verben)</translation>
    </message>
    <message>
        <source>_table/contact, or _table/cont* for a prefix</source>
        <translation>_table/contact oder _table/cont* für ein Präfix</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Rate (requests):</source>
        <translation>&amp;Rate (Anfragen):</translation>
    </message>
    <message>
        <source>&amp;Per:</source>
        <translation>&amp;Pro:</translation>
    </message>
    <message>
        <source>Ver&amp;b:</source>
        <translation>&amp;Verb:</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;olle:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>Ben&amp;utzer:</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>Some choices could not be loaded.</source>
        <translation>Einige Auswahllisten konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Enter the limit&apos;s name.</source>
        <translation>Geben Sie den Namen des Limits ein.</translation>
    </message>
    <message>
        <source>This type of limit needs a user.</source>
        <translation>Dieser Limittyp benötigt einen Benutzer.</translation>
    </message>
    <message>
        <source>This type of limit needs a role.</source>
        <translation>Dieser Limittyp benötigt eine Rolle.</translation>
    </message>
    <message>
        <source>This type of limit needs a service.</source>
        <translation>Dieser Limittyp benötigt einen Dienst.</translation>
    </message>
    <message>
        <source>This type of limit needs an endpoint.</source>
        <translation>Dieser Limittyp benötigt einen Endpunkt.</translation>
    </message>
    <message>
        <source>The limit could not be saved</source>
        <translation>Das Limit konnte nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>gatehouse::LimitsPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>Pro</translation>
    </message>
    <message>
        <source>Verb</source>
        <translation>Verb</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Verbraucht</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>Resets at</source>
        <translation>Zurücksetzung um</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>B&amp;earbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Re&amp;set counter</source>
        <translation>Zähler &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>&amp;New limit…</source>
        <translation>&amp;Neues Limit…</translation>
    </message>
    <message>
        <source>Reset &amp;all…</source>
        <translation>Alle zurück&amp;setzen…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>The limits could not be loaded</source>
        <translation>Die Limits konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>The limit counters could not be loaded</source>
        <translation>Die Limitzähler konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Delete limit</source>
        <translation>Limit löschen</translation>
    </message>
    <message>
        <source>Delete the limit &quot;%1&quot;?</source>
        <translation>Das Limit „%1“ löschen?</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>The limit could not be deleted</source>
        <translation>Das Limit konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>The counter could not be reset</source>
        <translation>Der Zähler konnte nicht zurückgesetzt werden</translation>
    </message>
    <message>
        <source>Reset all counters</source>
        <translation>Alle Zähler zurücksetzen</translation>
    </message>
    <message>
        <source>Reset the counters of every limit? Callers that are locked out now can call again at once.</source>
        <translation>Die Zähler aller Limits zurücksetzen? Derzeit gesperrte Aufrufer können sofort wieder Anfragen senden.</translation>
    </message>
    <message>
        <source>Reset &amp;all</source>
        <translation>Alle zurück&amp;setzen</translation>
    </message>
    <message>
        <source>The counters could not be reset</source>
        <translation>Die Zähler konnten nicht zurückgesetzt werden</translation>
    </message>
</context>
<context>
    <name>gatehouse::LiveTailTab</name>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>&amp;Follow new lines</source>
        <translation>Neuen Zeilen &amp;folgen</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Engine log</source>
        <translation>Engine-Protokoll</translation>
    </message>
    <message>
        <source>Reading the engine log failed</source>
        <translation>Das Engine-Protokoll konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>[older lines were dropped by the engine]</source>
        <translation>[ältere Zeilen wurden von der Engine verworfen]</translation>
    </message>
</context>
<context>
    <name>gatehouse::LogTableTab</name>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>&amp;Load more</source>
        <translation>Weitere &amp;laden</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Time range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Selected record</source>
        <translation>Ausgewählter Datensatz</translation>
    </message>
    <message>
        <source>Select a record to see all its fields.</source>
        <translation>Wählen Sie einen Datensatz aus, um alle seine Felder zu sehen.</translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation>%1 muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Loading the log failed</source>
        <translation>Das Protokoll konnte nicht geladen werden</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n record(s) loaded</source>
        <translation>
            <numerusform>%1 von %n Datensatz geladen</numerusform>
            <numerusform>%1 von %n Datensätzen geladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) loaded</source>
        <translation>
            <numerusform>%n Datensatz geladen</numerusform>
            <numerusform>%n Datensätze geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The file %1 could not be opened: %2</source>
        <translation>Die Datei %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Exporting records…</source>
        <translation>Datensätze werden exportiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) written…</source>
        <translation>
            <numerusform>%n Datensatz geschrieben…</numerusform>
            <numerusform>%n Datensätze geschrieben…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) exported to %1.</source>
        <translation>
            <numerusform>%n Datensatz nach %1 exportiert.</numerusform>
            <numerusform>%n Datensätze nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::LogsPage</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Verb</source>
        <translation>Verb</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Dauer (ms)</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <source>Ver&amp;b:</source>
        <translation>&amp;Verb:</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Successful (below 400)</source>
        <translation>Erfolgreich (unter 400)</translation>
    </message>
    <message>
        <source>Errors (400 and above)</source>
        <translation>Fehler (400 und höher)</translation>
    </message>
    <message>
        <source>Server errors (500 and above)</source>
        <translation>Serverfehler (500 und höher)</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>Eingabe-Token</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>Ausgabe-Token</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation>&amp;Verbindung:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;User id:</source>
        <translation>&amp;Benutzer-ID:</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Teilweise</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Re&amp;quest id:</source>
        <translation>A&amp;nfrage-ID:</translation>
    </message>
    <message>
        <source>&amp;Prompt contains:</source>
        <translation>&amp;Prompt enthält:</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>AI usage</source>
        <translation>KI-Nutzung</translation>
    </message>
    <message>
        <source>AI prompts</source>
        <translation>KI-Prompts</translation>
    </message>
    <message>
        <source>Live tail</source>
        <translation>Live-Protokoll</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Protokolle</translation>
    </message>
</context>
<context>
    <name>gatehouse::LookupEditorDialog</name>
    <message>
        <source>&amp;Private (sealed, never shown again)</source>
        <translation>&amp;Privat (versiegelt, wird nie wieder angezeigt)</translation>
    </message>
    <message>
        <source>Edit lookup</source>
        <translation>Lookup bearbeiten</translation>
    </message>
    <message>
        <source>New lookup</source>
        <translation>Neuer Lookup</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>letters, digits, _ and .</source>
        <translation>Buchstaben, Ziffern, _ und .</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>unchanged (private)</source>
        <translation>unverändert (privat)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Wert:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Enter the lookup&apos;s name.</source>
        <translation>Geben Sie den Namen des Lookups ein.</translation>
    </message>
    <message>
        <source>A lookup name may hold letters, digits, _ and . only.</source>
        <translation>Ein Lookup-Name darf nur Buchstaben, Ziffern, _ und . enthalten.</translation>
    </message>
    <message>
        <source>Names starting with &quot;%1&quot; belong to the built-in lookups.</source>
        <translation>Namen, die mit „%1“ beginnen, sind den integrierten Lookups vorbehalten.</translation>
    </message>
    <message>
        <source>A private lookup becomes public only with a new value: enter one.</source>
        <translation>Ein privater Lookup wird nur mit einem neuen Wert öffentlich: Geben Sie einen ein.</translation>
    </message>
    <message>
        <source>The lookup could not be saved</source>
        <translation>Der Lookup konnte nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>gatehouse::LookupsPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privat</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>&amp;New lookup…</source>
        <translation>&amp;Neuer Lookup…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Lookups of</source>
        <translation>Lookups von</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>An app</source>
        <translation>Einer App</translation>
    </message>
    <message>
        <source>A role</source>
        <translation>Einer Rolle</translation>
    </message>
    <message>
        <source>A user</source>
        <translation>Einem Benutzer</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Lookups &amp;of:</source>
        <translation>Lookups &amp;von:</translation>
    </message>
    <message>
        <source>&amp;Which:</source>
        <translation>Aus&amp;wahl:</translation>
    </message>
    <message>
        <source>System lookups</source>
        <translation>System-Lookups</translation>
    </message>
    <message>
        <source>Lookups</source>
        <translation>Lookups</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>The lookups could not be loaded</source>
        <translation>Die Lookups konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>The list to choose from could not be loaded.</source>
        <translation>Die Auswahlliste konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>Delete lookup</source>
        <translation>Lookup löschen</translation>
    </message>
    <message>
        <source>Delete the lookup &quot;%1&quot;? Filters and statements that use it stop resolving it.</source>
        <translation>Den Lookup „%1“ löschen? Filter und Anweisungen, die ihn verwenden, können ihn dann nicht mehr auflösen.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>The lookup could not be deleted</source>
        <translation>Der Lookup konnte nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>gatehouse::LoopbackRedirectReceiver</name>
    <message>
        <source>The sign-in was not completed in time. Try again.</source>
        <translation>Die Anmeldung wurde nicht rechtzeitig abgeschlossen. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>A sign-in needs a state to check the answer against.</source>
        <translation>Eine Anmeldung benötigt einen State-Wert, gegen den die Antwort geprüft wird.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>Die Anfrage ist zu groß.</translation>
    </message>
    <message>
        <source>Only the browser&apos;s redirect is expected here.</source>
        <translation>Hier wird nur die Weiterleitung des Browsers erwartet.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>Hier gibt es nichts.</translation>
    </message>
    <message>
        <source>This answer does not belong to the sign-in the console started.</source>
        <translation>Diese Antwort gehört nicht zu der Anmeldung, die die Konsole gestartet hat.</translation>
    </message>
    <message>
        <source>The identity provider sent no sign-in code.</source>
        <translation>Der Identitätsanbieter hat keinen Anmeldecode gesendet.</translation>
    </message>
    <message>
        <source>The identity provider refused the sign-in (%1).</source>
        <translation>Der Identitätsanbieter hat die Anmeldung abgelehnt (%1).</translation>
    </message>
    <message>
        <source>You can close this window.</source>
        <translation>Sie können dieses Fenster schließen.</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Gatehouse received your sign-in. You can close this window and return to the console.</source>
        <translation>Gatehouse hat Ihre Anmeldung erhalten. Sie können dieses Fenster schließen und zur Konsole zurückkehren.</translation>
    </message>
</context>
<context>
    <name>gatehouse::MainWindow</name>
    <message>
        <source>Gatehouse</source>
        <translation>Gatehouse</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Reload page</source>
        <translation>Seite neu laden</translation>
    </message>
    <message>
        <source>The session is not kept: %1</source>
        <translation>Die Sitzung wird nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>gatehouse::OidcServiceForm</name>
    <message>
        <source>The issuer must be an https:// URL (http:// only on this computer).</source>
        <translation>Der Aussteller muss eine https://-URL sein (http:// nur auf diesem Computer).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http(s) address without a fragment.</source>
        <translation>„%1“ ist keine http(s)-Adresse ohne Fragment.</translation>
    </message>
    <message>
        <source>Enter the client id registered with the identity provider (or at least the audience).</source>
        <translation>Geben Sie die beim Identitätsanbieter registrierte Client-ID ein (oder zumindest die Audience).</translation>
    </message>
</context>
<context>
    <name>gatehouse::PagedRecordList</name>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Suchen…</translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %n record(s); scroll down for more.</source>
        <translation>
            <numerusform>%1 von %n Datensatz angezeigt; für weitere nach unten scrollen.</numerusform>
            <numerusform>%1 von %n Datensätzen angezeigt; für weitere nach unten scrollen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n Datensatz</numerusform>
            <numerusform>%n Datensätze</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gatehouse::RoleEditorDialog</name>
    <message>
        <source>Acti&amp;ve</source>
        <translation>&amp;Aktiv</translation>
    </message>
    <message>
        <source>Edit role</source>
        <translation>Rolle bearbeiten</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>Neue Rolle</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Access rules</source>
        <translation>Zugriffsregeln</translation>
    </message>
    <message>
        <source>Field masks</source>
        <translation>Feldmasken</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>The services could not be loaded</source>
        <translation>Die Dienste konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>The role could not be loaded</source>
        <translation>Die Rolle konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>Enter the role&apos;s name.</source>
        <translation>Geben Sie den Namen der Rolle ein.</translation>
    </message>
    <message>
        <source>The role could not be saved</source>
        <translation>Die Rolle konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>The role was saved, but its field masks could not be</source>
        <translation>Die Rolle wurde gespeichert, ihre Feldmasken jedoch nicht</translation>
    </message>
</context>
<context>
    <name>gatehouse::RoleMapTable</name>
    <message>
        <source>Group to role map</source>
        <translation>Zuordnung von Gruppen zu Rollen</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>App id (empty: all apps)</source>
        <translation>App-ID (leer: alle Apps)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Add mapping</source>
        <translation>Zuordnung hinzufügen</translation>
    </message>
    <message>
        <source>Remove mapping</source>
        <translation>Zuordnung entfernen</translation>
    </message>
    <message>
        <source>(choose a role)</source>
        <translation>(Rolle auswählen)</translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <source>Group mapping %1 needs a group.</source>
        <translation>Gruppenzuordnung %1 benötigt eine Gruppe.</translation>
    </message>
    <message>
        <source>Group mapping %1: the app must be an app id or empty.</source>
        <translation>Gruppenzuordnung %1: Die App muss eine App-ID oder leer sein.</translation>
    </message>
    <message>
        <source>Group mapping %1 needs a role.</source>
        <translation>Gruppenzuordnung %1 benötigt eine Rolle.</translation>
    </message>
</context>
<context>
    <name>gatehouse::RolesPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>&amp;New role…</source>
        <translation>&amp;Neue Rolle…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>The roles could not be loaded</source>
        <translation>Die Rollen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation>Rolle löschen</translation>
    </message>
    <message>
        <source>Delete the role &quot;%1&quot;? Apps and users that use it lose that access; its rules, masks, lookups and limits are deleted.</source>
        <translation>Die Rolle „%1“ löschen? Apps und Benutzer, die sie verwenden, verlieren diesen Zugriff; ihre Regeln, Masken, Lookups und Limits werden gelöscht.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>The role could not be deleted</source>
        <translation>Die Rolle konnte nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>gatehouse::RowFilterTable</name>
    <message>
        <source>Row filters</source>
        <translation>Zeilenfilter</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Values may use lookups such as {user.id} or {app.name}.</source>
        <translation>Werte können Lookups wie {user.id} oder {app.name} verwenden.</translation>
    </message>
    <message>
        <source>Combine filters with</source>
        <translation>Filter verknüpfen mit</translation>
    </message>
    <message>
        <source>All must match (AND)</source>
        <translation>Alle müssen zutreffen (AND)</translation>
    </message>
    <message>
        <source>Any may match (OR)</source>
        <translation>Mindestens einer muss zutreffen (OR)</translation>
    </message>
    <message>
        <source>Add filte&amp;r</source>
        <translation>Filte&amp;r hinzufügen</translation>
    </message>
    <message>
        <source>Remove filt&amp;er</source>
        <translation>Filter &amp;entfernen</translation>
    </message>
    <message>
        <source>Com&amp;bine:</source>
        <translation>&amp;Verknüpfen:</translation>
    </message>
    <message>
        <source>Filter %1 needs a field.</source>
        <translation>Filter %1 benötigt ein Feld.</translation>
    </message>
    <message>
        <source>Filter %1 (%2 %3) needs a value.</source>
        <translation>Filter %1 (%2 %3) benötigt einen Wert.</translation>
    </message>
</context>
<context>
    <name>gatehouse::RwsRuleTable</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>Ausschließen</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Weitergeben</translation>
    </message>
    <message>
        <source>Cache key</source>
        <translation>Cache-Schlüssel</translation>
    </message>
    <message>
        <source>Pass from client</source>
        <translation>Vom Client übernehmen</translation>
    </message>
    <message>
        <source>Remove the client&apos;s parameter of this name from the outbound call.</source>
        <translation>Entfernt den Parameter dieses Namens des Clients aus dem ausgehenden Aufruf.</translation>
    </message>
    <message>
        <source>Send this parameter to the remote service (the value may use lookups such as {api_key}).</source>
        <translation>Sendet diesen Parameter an den entfernten Dienst (der Wert darf Lookups wie {api_key} enthalten).</translation>
    </message>
    <message>
        <source>Make this parameter part of the response cache key.</source>
        <translation>Nimmt diesen Parameter in den Schlüssel des Antwort-Caches auf.</translation>
    </message>
    <message>
        <source>Copy the client&apos;s header of this name instead of sending a fixed value.</source>
        <translation>Übernimmt den Header dieses Namens vom Client, statt einen festen Wert zu senden.</translation>
    </message>
    <message>
        <source>The rule applies to %1 requests.</source>
        <translation>Die Regel gilt für %1-Anfragen.</translation>
    </message>
    <message>
        <source>Add parameter</source>
        <translation>Parameter hinzufügen</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <source>Remove parameter</source>
        <translation>Parameter entfernen</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>Header entfernen</translation>
    </message>
    <message>
        <source>%1, row %2 needs a name.</source>
        <translation>%1, Zeile %2 braucht einen Namen.</translation>
    </message>
    <message>
        <source>%1, row %2 applies to no verb: tick at least one.</source>
        <translation>%1, Zeile %2 gilt für kein Verb: Wählen Sie mindestens eines.</translation>
    </message>
</context>
<context>
    <name>gatehouse::RwsServiceForm</name>
    <message>
        <source>Private (10.x, 192.168.x, …), loopback (127.0.0.1, localhost) and link-local (169.254.x) addresses are refused unless their host, or host:port, is listed here, also when a redirect leads there.</source>
        <translation>Private (10.x, 192.168.x, …), Loopback- (127.0.0.1, localhost) und Link-Local-Adressen (169.254.x) werden abgelehnt, sofern ihr Host oder host:port nicht hier eingetragen ist – auch wenn eine Weiterleitung dorthin führt.</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
</context>
<context>
    <name>gatehouse::SchemaBrowserDialog</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Database type</source>
        <translation>Datenbanktyp</translation>
    </message>
    <message>
        <source>Nullable</source>
        <translation>NULL zulässig</translation>
    </message>
    <message>
        <source>Primary key</source>
        <translation>Primärschlüssel</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standardwert</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Related table</source>
        <translation>Verknüpfte Tabelle</translation>
    </message>
    <message>
        <source>Related field</source>
        <translation>Verknüpftes Feld</translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation>Beziehungen</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;topp</translation>
    </message>
    <message>
        <source>Browse %1</source>
        <translation>%1 durchsuchen</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <source>T&amp;ables:</source>
        <translation>T&amp;abellen:</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Stop loading</source>
        <translation>Laden abbrechen</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Wird geladen</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Spalten</translation>
    </message>
    <message>
        <source>&amp;Relationships</source>
        <translation>&amp;Beziehungen</translation>
    </message>
    <message>
        <source>Rec&amp;ords</source>
        <translation>&amp;Datensätze</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>The tables could not be loaded</source>
        <translation>Die Tabellen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>The table %1 could not be described</source>
        <translation>Die Struktur der Tabelle %1 konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>The records of %1 could not be loaded</source>
        <translation>Die Datensätze von %1 konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation>Wählen Sie eine Tabelle aus.</translation>
    </message>
    <message>
        <source>No records.</source>
        <translation>Keine Datensätze.</translation>
    </message>
    <message>
        <source>Records %1–%2 of %3</source>
        <translation>Datensätze %1–%2 von %3</translation>
    </message>
    <message>
        <source>Records %1–%2</source>
        <translation>Datensätze %1–%2</translation>
    </message>
</context>
<context>
    <name>gatehouse::ScriptTestPanel</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>CPU time limit reached</source>
        <translation>CPU-Zeitlimit erreicht</translation>
    </message>
    <message>
        <source>Memory limit reached</source>
        <translation>Speicherlimit erreicht</translation>
    </message>
    <message>
        <source>Too deeply nested platform.api calls</source>
        <translation>Zu tief verschachtelte platform.api-Aufrufe</translation>
    </message>
    <message>
        <source>Stopped (the engine is shutting down)</source>
        <translation>Abgebrochen (die Engine wird beendet)</translation>
    </message>
    <message>
        <source>Run with sample</source>
        <translation>Mit Beispiel ausführen</translation>
    </message>
    <message>
        <source>Refresh errors</source>
        <translation>Fehler aktualisieren</translation>
    </message>
    <message>
        <source>Clear errors</source>
        <translation>Fehler löschen</translation>
    </message>
    <message>
        <source>Sample request method</source>
        <translation>Methode der Beispielanfrage</translation>
    </message>
    <message>
        <source>Sample request path</source>
        <translation>Pfad der Beispielanfrage</translation>
    </message>
    <message>
        <source>Path below the service, e.g. orders/5</source>
        <translation>Pfad unterhalb des Dienstes, z. B. orders/5</translation>
    </message>
    <message>
        <source>e.g. db/_table/orders</source>
        <translation>z. B. db/_table/orders</translation>
    </message>
    <message>
        <source>Sample query parameters (JSON object)</source>
        <translation>Abfrageparameter des Beispiels (JSON-Objekt)</translation>
    </message>
    <message>
        <source>Sample request body (JSON)</source>
        <translation>Body der Beispielanfrage (JSON)</translation>
    </message>
    <message>
        <source>Runs the script as it is in the editor, without saving it. Calls it makes through platform.api are real and run as you.</source>
        <translation>Führt das Skript so aus, wie es im Editor steht, ohne es zu speichern. Seine Aufrufe über platform.api sind echt und laufen unter Ihrem Konto.</translation>
    </message>
    <message>
        <source>Run result</source>
        <translation>Ergebnis des Laufs</translation>
    </message>
    <message>
        <source>Response content</source>
        <translation>Inhalt der Antwort</translation>
    </message>
    <message>
        <source>Event after the run</source>
        <translation>Ereignis nach dem Lauf</translation>
    </message>
    <message>
        <source>Script log</source>
        <translation>Skriptprotokoll</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Anfrage:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>Body:</translation>
    </message>
    <message>
        <source>Sample response (JSON, for post_process scripts)</source>
        <translation>Beispielantwort (JSON, für post_process-Skripte)</translation>
    </message>
    <message>
        <source>Response:</source>
        <translation>Antwort:</translation>
    </message>
    <message>
        <source>What the service answered; post_process scripts see and may change it.</source>
        <translation>Was der Dienst geantwortet hat; post_process-Skripte sehen es und dürfen es ändern.</translation>
    </message>
    <message>
        <source>Log:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <source>Run with sample request</source>
        <translation>Mit Beispielanfrage ausführen</translation>
    </message>
    <message>
        <source>Last errors of this script</source>
        <translation>Letzte Fehler dieses Skripts</translation>
    </message>
    <message>
        <source>Double-click or press Enter on an error to go to its line.</source>
        <translation>Doppelklick oder Eingabetaste auf einem Fehler springt zu seiner Zeile.</translation>
    </message>
    <message>
        <source>Forgets the errors recorded for this script.</source>
        <translation>Verwirft die für dieses Skript aufgezeichneten Fehler.</translation>
    </message>
    <message>
        <source>Last errors</source>
        <translation>Letzte Fehler</translation>
    </message>
    <message>
        <source>%1 is not valid JSON.</source>
        <translation>%1 ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Parameters must be a JSON object, e.g. {&quot;id&quot;: 5}.</source>
        <translation>Die Parameter müssen ein JSON-Objekt sein, z. B. {&quot;id&quot;: 5}.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>The script is empty.</source>
        <translation>Das Skript ist leer.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>The script could not run: %1</source>
        <translation>Das Skript konnte nicht ausgeführt werden: %1</translation>
    </message>
    <message>
        <source>Go to line %1</source>
        <translation>Zu Zeile %1 springen</translation>
    </message>
    <message>
        <source>Status %1 in %2 ms</source>
        <translation>Status %1 in %2 ms</translation>
    </message>
    <message>
        <source>Ran in %1 ms</source>
        <translation>In %1 ms ausgeführt</translation>
    </message>
    <message>
        <source>Failed after %1 ms</source>
        <translation>Nach %1 ms fehlgeschlagen</translation>
    </message>
    <message>
        <source>Errors are listed once the script has a name.</source>
        <translation>Fehler werden aufgelistet, sobald das Skript einen Namen hat.</translation>
    </message>
    <message>
        <source>The errors could not be loaded: %1</source>
        <translation>Die Fehler konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>(line %1)</source>
        <translation>(Zeile %1)</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Anfrage %1</translation>
    </message>
    <message>
        <source>No errors recorded.</source>
        <translation>Keine Fehler aufgezeichnet.</translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>The errors were not cleared: %1</source>
        <translation>Die Fehler wurden nicht gelöscht: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Failed after %1 ms: %2</source>
        <translation>Nach %1 ms fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>gatehouse::ServiceConfigForm</name>
    <message>
        <source>one value expected</source>
        <translation>genau ein Wert erwartet</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1 (erforderlich)</translation>
    </message>
    <message>
        <source>One per line; default: %1</source>
        <translation>Ein Eintrag pro Zeile; Standard: %1</translation>
    </message>
    <message>
        <source>One entry per line</source>
        <translation>Ein Eintrag pro Zeile</translation>
    </message>
    <message>
        <source>(default: %1)</source>
        <translation>(Standard: %1)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht festgelegt)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 ist kein gültiges JSON: %2</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 ist erforderlich.</translation>
    </message>
    <message>
        <source>%1 is required: %2</source>
        <translation>%1 ist erforderlich: %2</translation>
    </message>
    <message>
        <source>%1 must be an http:// or https:// address.</source>
        <translation>%1 muss eine http://- oder https://-Adresse sein.</translation>
    </message>
</context>
<context>
    <name>gatehouse::ServiceEditorDialog</name>
    <message>
        <source>&amp;Active (offered for sign-in)</source>
        <translation>&amp;Aktiv (zur Anmeldung angeboten)</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Edit %1 service %2</source>
        <translation>%1-Dienst %2 bearbeiten</translation>
    </message>
    <message>
        <source>New %1 service</source>
        <translation>Neuer %1-Dienst</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>Bezei&amp;chnung:</translation>
    </message>
    <message>
        <source>Service name</source>
        <translation>Dienstname</translation>
    </message>
    <message>
        <source>Used in URLs and sign-in requests: letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;.</source>
        <translation>Wird in URLs und Anmeldeanfragen verwendet: Buchstaben, Ziffern, &apos;_&apos;, &apos;-&apos; und &apos;.&apos;.</translation>
    </message>
    <message>
        <source>Service label</source>
        <translation>Dienstbezeichnung</translation>
    </message>
    <message>
        <source>Shown on the sign-in screen, e.g. &quot;Sign in with &lt;label&gt;&quot;.</source>
        <translation>Wird auf dem Anmeldebildschirm angezeigt, z. B. „Anmelden mit &lt;Bezeichnung&gt;“.</translation>
    </message>
    <message>
        <source>Tries this configuration against the server without saving it.</source>
        <translation>Testet diese Konfiguration mit dem Server, ohne sie zu speichern.</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
    <message>
        <source>Test steps</source>
        <translation>Testschritte</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>The roles could not be loaded: %1</source>
        <translation>Die Rollen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Enter a name for the service.</source>
        <translation>Geben Sie einen Namen für den Dienst ein.</translation>
    </message>
    <message>
        <source>The name may use letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos; only, and not start with &apos;_&apos;.</source>
        <translation>Der Name darf nur Buchstaben, Ziffern, &apos;_&apos;, &apos;-&apos; und &apos;.&apos; enthalten und nicht mit &apos;_&apos; beginnen.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>The test could not run.</source>
        <translation>Der Test konnte nicht ausgeführt werden.</translation>
    </message>
    <message>
        <source>✔ %1: %2</source>
        <translation>✔ %1: %2</translation>
    </message>
    <message>
        <source>✘ %1: %2</source>
        <translation>✘ %1: %2</translation>
    </message>
    <message>
        <source>Passed: %1. %2</source>
        <translation>Bestanden: %1. %2</translation>
    </message>
    <message>
        <source>Failed: %1. %2</source>
        <translation>Fehlgeschlagen: %1. %2</translation>
    </message>
    <message>
        <source>The test passed.</source>
        <translation>Der Test war erfolgreich.</translation>
    </message>
    <message>
        <source>The test failed.</source>
        <translation>Der Test ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The service was not saved: %1</source>
        <translation>Der Dienst wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>&amp;Active</source>
        <translation>&amp;Aktiv</translation>
    </message>
    <message>
        <source>A display name for the service.</source>
        <translation>Ein Anzeigename für den Dienst.</translation>
    </message>
    <message>
        <source>The form of this service type could not be loaded: %1</source>
        <translation>Das Formular für diesen Diensttyp konnte nicht geladen werden: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::ServicesPage</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>The services could not be loaded</source>
        <translation>Die Dienste konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>Deak&amp;tivieren</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Create a service of one of the engine&apos;s types.</source>
        <translation>Legt einen Dienst mit einem der Diensttypen der Engine an.</translation>
    </message>
    <message>
        <source>Tables, columns, relationships and records of a database service.</source>
        <translation>Tabellen, Spalten, Beziehungen und Datensätze eines Datenbankdienstes.</translation>
    </message>
    <message>
        <source>Delete service</source>
        <translation>Dienst löschen</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>Ak&amp;tivieren</translation>
    </message>
    <message>
        <source>Only database services have tables to browse.</source>
        <translation>Nur Datenbankdienste haben Tabellen, die sich durchsuchen lassen.</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>The service types could not be loaded</source>
        <translation>Die Diensttypen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Delete the service &quot;%1&quot;? Apps and roles that use it lose access to it.</source>
        <translation>Den Dienst „%1“ löschen? Apps und Rollen, die ihn verwenden, verlieren den Zugriff darauf.</translation>
    </message>
    <message>
        <source>The service %1 was not deleted</source>
        <translation>Der Dienst %1 wurde nicht gelöscht</translation>
    </message>
    <message>
        <source>The service %1 was deleted.</source>
        <translation>Der Dienst %1 wurde gelöscht.</translation>
    </message>
    <message>
        <source>The service %1 was not deactivated</source>
        <translation>Der Dienst %1 wurde nicht deaktiviert</translation>
    </message>
    <message>
        <source>The service %1 was not activated</source>
        <translation>Der Dienst %1 wurde nicht aktiviert</translation>
    </message>
    <message>
        <source>The service %1 is inactive now.</source>
        <translation>Der Dienst %1 ist jetzt inaktiv.</translation>
    </message>
    <message>
        <source>The service %1 is active now.</source>
        <translation>Der Dienst %1 ist jetzt aktiv.</translation>
    </message>
    <message>
        <source>Event scri&amp;pts…</source>
        <translation>Ereignisskri&amp;pte…</translation>
    </message>
    <message>
        <source>Scripts that run before or after calls to a service.</source>
        <translation>Skripte, die vor oder nach Aufrufen eines Dienstes laufen.</translation>
    </message>
</context>
<context>
    <name>gatehouse::SettingsPage</name>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Keep forever</source>
        <translation>Unbegrenzt aufbewahren</translation>
    </message>
    <message>
        <source>&amp;Save engine settings</source>
        <translation>Engine-Einstellungen &amp;speichern</translation>
    </message>
    <message>
        <source>A&amp;dd rule</source>
        <translation>Regel &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove rule</source>
        <translation>Regel &amp;entfernen</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>Listen-Adresse</translation>
    </message>
    <message>
        <source>127.0.0.1, 0.0.0.0 or ::1</source>
        <translation>127.0.0.1, 0.0.0.0 oder ::1</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>TLS-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Empty: plain HTTP</source>
        <translation>Leer: unverschlüsseltes HTTP</translation>
    </message>
    <message>
        <source>TLS private key file</source>
        <translation>Datei des privaten TLS-Schlüssels</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose the TLS certificate file</source>
        <translation>TLS-Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <source>Choose the TLS private key file</source>
        <translation>Datei des privaten TLS-Schlüssels auswählen</translation>
    </message>
    <message>
        <source>TLS certificate (PEM)</source>
        <translation>TLS-Zertifikat (PEM)</translation>
    </message>
    <message>
        <source>TLS private key (PEM, unencrypted)</source>
        <translation>Privater TLS-Schlüssel (PEM, unverschlüsselt)</translation>
    </message>
    <message>
        <source>Audit log retention in days</source>
        <translation>Aufbewahrung des Audit-Protokolls in Tagen</translation>
    </message>
    <message>
        <source>AI usage log retention in days</source>
        <translation>Aufbewahrung des KI-Nutzungsprotokolls in Tagen</translation>
    </message>
    <message>
        <source>AI prompt log retention in days</source>
        <translation>Aufbewahrung des KI-Prompt-Protokolls in Tagen</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>&amp;Listen address:</source>
        <translation>&amp;Listen-Adresse:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>TLS-&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>TLS private &amp;key:</source>
        <translation>P&amp;rivater TLS-Schlüssel:</translation>
    </message>
    <message>
        <source>Log retention</source>
        <translation>Aufbewahrung der Protokolle</translation>
    </message>
    <message>
        <source>&amp;Audit log:</source>
        <translation>&amp;Audit-Protokoll:</translation>
    </message>
    <message>
        <source>AI &amp;usage log:</source>
        <translation>KI-&amp;Nutzungsprotokoll:</translation>
    </message>
    <message>
        <source>AI &amp;prompt log:</source>
        <translation>KI-&amp;Prompt-Protokoll:</translation>
    </message>
    <message>
        <source>The engine reads these settings when it starts: saved changes take effect after a restart.</source>
        <translation>Die Engine liest diese Einstellungen beim Start: Gespeicherte Änderungen werden nach einem Neustart wirksam.</translation>
    </message>
    <message>
        <source>Engine status</source>
        <translation>Engine-Status</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Datenordner:</translation>
    </message>
    <message>
        <source>Config file:</source>
        <translation>Konfigurationsdatei:</translation>
    </message>
    <message>
        <source>Secret store:</source>
        <translation>Geheimnisspeicher:</translation>
    </message>
    <message>
        <source>CORS (browser access from other origins)</source>
        <translation>CORS (Browserzugriff von anderen Ursprüngen)</translation>
    </message>
    <message>
        <source>CORS rules</source>
        <translation>CORS-Regeln</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Origins</source>
        <translation>Ursprünge</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>CORS path pattern</source>
        <translation>CORS-Pfadmuster</translation>
    </message>
    <message>
        <source>* or a path such as db/*</source>
        <translation>* oder ein Pfad wie db/*</translation>
    </message>
    <message>
        <source>Allowed origins</source>
        <translation>Erlaubte Ursprünge</translation>
    </message>
    <message>
        <source>https://app.example.com, comma-separated</source>
        <translation>https://app.example.com, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Pat&amp;h:</source>
        <translation>Pfa&amp;d:</translation>
    </message>
    <message>
        <source>Allowed or&amp;igins:</source>
        <translation>Erlaubte &amp;Ursprünge:</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>Console language</source>
        <translation>Konsolensprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Console theme</source>
        <translation>Farbschema der Konsole</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>A new language takes effect when the console restarts.</source>
        <translation>Eine neue Sprache wird nach einem Neustart der Konsole wirksam.</translation>
    </message>
    <message>
        <source>La&amp;nguage:</source>
        <translation>Spra&amp;che:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>The engine settings could not be loaded</source>
        <translation>Die Engine-Einstellungen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>%1 (read-only: settings cannot be saved from here)</source>
        <translation>%1 (schreibgeschützt: Die Einstellungen können hier nicht gespeichert werden)</translation>
    </message>
    <message>
        <source>OS keychain (secrets are kept by the operating system)</source>
        <translation>Schlüsselbund des Betriebssystems (Geheimnisse werden vom Betriebssystem verwahrt)</translation>
    </message>
    <message>
        <source>Sealed (secrets are encrypted with the master key in the data folder)</source>
        <translation>Versiegelt (Geheimnisse werden mit dem Hauptschlüssel im Datenordner verschlüsselt)</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>listen address</source>
        <translation>Listen-Adresse</translation>
    </message>
    <message>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS-Zertifikat</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>privater TLS-Schlüssel</translation>
    </message>
    <message>
        <source>audit log retention</source>
        <translation>Aufbewahrung des Audit-Protokolls</translation>
    </message>
    <message>
        <source>AI usage log retention</source>
        <translation>Aufbewahrung des KI-Nutzungsprotokolls</translation>
    </message>
    <message>
        <source>AI prompt log retention</source>
        <translation>Aufbewahrung des KI-Prompt-Protokolls</translation>
    </message>
    <message>
        <source>log level</source>
        <translation>Log-Level</translation>
    </message>
    <message>
        <source>Saved, waiting for an engine restart: %1</source>
        <translation>Gespeichert, Neustart der Engine ausstehend: %1</translation>
    </message>
    <message>
        <source>The port must be a whole number from 1 to 65535.</source>
        <translation>Der Port muss eine ganze Zahl von 1 bis 65535 sein.</translation>
    </message>
    <message>
        <source>The listen address must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1.</source>
        <translation>Die Listen-Adresse muss eine IP-Adresse sein, z. B. 127.0.0.1, 0.0.0.0 oder ::1.</translation>
    </message>
    <message>
        <source>Set both the TLS certificate and its private key, or clear both to serve plain HTTP.</source>
        <translation>Legen Sie das TLS-Zertifikat und seinen privaten Schlüssel fest, oder leeren Sie beide Felder für unverschlüsseltes HTTP.</translation>
    </message>
    <message>
        <source>Nothing to save: the settings are unchanged.</source>
        <translation>Nichts zu speichern: Die Einstellungen sind unverändert.</translation>
    </message>
    <message>
        <source>The engine settings were not saved</source>
        <translation>Die Engine-Einstellungen wurden nicht gespeichert</translation>
    </message>
    <message>
        <source>Saved to %1. Restart the engine for the changes to take effect.</source>
        <translation>In %1 gespeichert. Starten Sie die Engine neu, damit die Änderungen wirksam werden.</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The CORS rules could not be loaded</source>
        <translation>Die CORS-Regeln konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Enter the path the rule applies to, such as * or db/*.</source>
        <translation>Geben Sie den Pfad ein, für den die Regel gilt, z. B. * oder db/*.</translation>
    </message>
    <message>
        <source>Enter at least one allowed origin, such as https://app.example.com or *.</source>
        <translation>Geben Sie mindestens einen erlaubten Ursprung ein, z. B. https://app.example.com oder *.</translation>
    </message>
    <message>
        <source>The CORS rule was not added</source>
        <translation>Die CORS-Regel wurde nicht hinzugefügt</translation>
    </message>
    <message>
        <source>The CORS rule was not removed</source>
        <translation>Die CORS-Regel wurde nicht entfernt</translation>
    </message>
    <message>
        <source>The console will use the new language the next time it starts.</source>
        <translation>Die Konsole verwendet die neue Sprache beim nächsten Start.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
</context>
<context>
    <name>gatehouse::SignInDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Directory account</source>
        <translation>Verzeichniskonto</translation>
    </message>
    <message>
        <source>Direc&amp;tory:</source>
        <translation>Ver&amp;zeichnis:</translation>
    </message>
    <message>
        <source>Sign in with &amp;directory account</source>
        <translation>Mit &amp;Verzeichniskonto anmelden</translation>
    </message>
    <message>
        <source>Single sign-on</source>
        <translation>Single Sign-On</translation>
    </message>
    <message>
        <source>&amp;Cancel browser sign-in</source>
        <translation>Browser-Anmeldung abbre&amp;chen</translation>
    </message>
    <message>
        <source>Sign in to Gatehouse</source>
        <translation>Bei Gatehouse anmelden</translation>
    </message>
    <message>
        <source>Gatehouse admin account</source>
        <translation>Gatehouse-Administratorkonto</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Directory service</source>
        <translation>Verzeichnisdienst</translation>
    </message>
    <message>
        <source>Directory username</source>
        <translation>Verzeichnis-Benutzername</translation>
    </message>
    <message>
        <source>Directory password</source>
        <translation>Verzeichnis-Passwort</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>Anmeldestatus</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Anmeldefehler</translation>
    </message>
    <message>
        <source>Asking the engine how to sign in…</source>
        <translation>Anmeldeoptionen werden von der Engine abgefragt…</translation>
    </message>
    <message>
        <source>The sign-in options could not be loaded: %1</source>
        <translation>Die Anmeldeoptionen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Directory account: %1</source>
        <translation>Verzeichniskonto: %1</translation>
    </message>
    <message>
        <source>Sign in with %1</source>
        <translation>Anmelden mit %1</translation>
    </message>
    <message>
        <source>Opens your web browser to sign in with %1.</source>
        <translation>Öffnet Ihren Webbrowser zur Anmeldung mit %1.</translation>
    </message>
    <message>
        <source>Enter your email address and password.</source>
        <translation>Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Enter your directory username and password.</source>
        <translation>Geben Sie Ihren Verzeichnis-Benutzernamen und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Signing in through %1…</source>
        <translation>Anmeldung über %1…</translation>
    </message>
    <message>
        <source>The console cannot receive the browser&apos;s answer: %1</source>
        <translation>Die Konsole kann die Antwort des Browsers nicht empfangen: %1</translation>
    </message>
    <message>
        <source>Continue in your web browser to sign in with %1…</source>
        <translation>Setzen Sie die Anmeldung mit %1 in Ihrem Webbrowser fort…</translation>
    </message>
    <message>
        <source>The web browser could not be opened. Open this address yourself: %1</source>
        <translation>Der Webbrowser konnte nicht geöffnet werden. Öffnen Sie diese Adresse selbst: %1</translation>
    </message>
    <message>
        <source>Completing the sign-in…</source>
        <translation>Anmeldung wird abgeschlossen…</translation>
    </message>
    <message>
        <source>The engine answered without a session.</source>
        <translation>Die Engine hat ohne Sitzung geantwortet.</translation>
    </message>
</context>
<context>
    <name>gatehouse::TryItPanel</name>
    <message>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Sen&amp;d</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Cance&amp;l</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path below /api/v2</source>
        <translation>Pfad unterhalb von /api/v2</translation>
    </message>
    <message>
        <source>Below /api/v2, e.g. demo/_table/customers. Replace {placeholders} before sending.</source>
        <translation>Unterhalb von /api/v2, z. B. demo/_table/customers. Ersetzen Sie {Platzhalter} vor dem Senden.</translation>
    </message>
    <message>
        <source>Query parameters</source>
        <translation>Query-Parameter</translation>
    </message>
    <message>
        <source>JSON body</source>
        <translation>JSON-Body</translation>
    </message>
    <message>
        <source>JSON body (optional)</source>
        <translation>JSON-Body (optional)</translation>
    </message>
    <message>
        <source>Request in progress</source>
        <translation>Anfrage läuft</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>Antwort-Body</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>Pat&amp;h:</source>
        <translation>&amp;Pfad:</translation>
    </message>
    <message>
        <source>&amp;Query parameters:</source>
        <translation>&amp;Query-Parameter:</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>&amp;Body:</translation>
    </message>
    <message>
        <source>&amp;Response:</source>
        <translation>Ant&amp;wort:</translation>
    </message>
    <message>
        <source>Enter a path, e.g. demo/_table/customers.</source>
        <translation>Geben Sie einen Pfad ein, z. B. demo/_table/customers.</translation>
    </message>
    <message>
        <source>Replace the {placeholders} in the path before sending.</source>
        <translation>Ersetzen Sie vor dem Senden die {Platzhalter} im Pfad.</translation>
    </message>
    <message>
        <source>The body is not valid JSON: %1 (at character %2).</source>
        <translation>Der Body ist kein gültiges JSON: %1 (bei Zeichen %2).</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Cancelled after %1 ms.</source>
        <translation>Nach %1 ms abgebrochen.</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>Keine Antwort: %1</translation>
    </message>
    <message>
        <source>Status %1 · %2 ms</source>
        <translation>Status %1 · %2 ms</translation>
    </message>
    <message>
        <source>Status %1 · %2 ms · %3</source>
        <translation>Status %1 · %2 ms · %3</translation>
    </message>
    <message>
        <source>Request id: %1</source>
        <translation>Anfrage-ID: %1</translation>
    </message>
    <message>
        <source>(The answer has no body.)</source>
        <translation>(Die Antwort hat keinen Inhalt.)</translation>
    </message>
    <message>
        <source>no content type</source>
        <translation>ohne Inhaltstyp</translation>
    </message>
    <message numerus="yes">
        <source>(A binary answer: %n byte(s) of %1.)</source>
        <translation>
            <numerusform>(Eine binäre Antwort: %n Byte, %1.)</numerusform>
            <numerusform>(Eine binäre Antwort: %n Bytes, %1.)</numerusform>
        </translation>
    </message>
    <message>
        <source>(The first %1 of %2 bytes of %3.)</source>
        <translation>(Die ersten %1 von %2 Bytes, %3.)</translation>
    </message>
</context>
<context>
    <name>gatehouse::UserEditorDialog</name>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>Passwort bestätigen</translation>
    </message>
    <message>
        <source>Acti&amp;ve (may sign in)</source>
        <translation>&amp;Aktiv (darf sich anmelden)</translation>
    </message>
    <message>
        <source>Directory account</source>
        <translation>Verzeichniskonto</translation>
    </message>
    <message>
        <source>Identity service</source>
        <translation>Identitätsdienst</translation>
    </message>
    <message>
        <source>Directory user name</source>
        <translation>Verzeichnis-Benutzername</translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation>Benutzer bearbeiten</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>Identity servi&amp;ce:</source>
        <translation>&amp;Identitätsdienst:</translation>
    </message>
    <message>
        <source>Directory &amp;user:</source>
        <translation>Verzeichnis&amp;benutzer:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>L&amp;ast name:</source>
        <translation>Nac&amp;hname:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Confir&amp;m password:</source>
        <translation>Passwort bes&amp;tätigen:</translation>
    </message>
    <message>
        <source>&amp;Role per app:</source>
        <translation>&amp;Rolle pro App:</translation>
    </message>
    <message>
        <source>The user could not be loaded</source>
        <translation>Der Benutzer konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>managed by the directory</source>
        <translation>vom Verzeichnis verwaltet</translation>
    </message>
    <message>
        <source>The apps could not be loaded</source>
        <translation>Die Apps konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>The roles could not be loaded</source>
        <translation>Die Rollen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>Geben Sie eine gültige E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>Enter a display name.</source>
        <translation>Geben Sie einen Anzeigenamen ein.</translation>
    </message>
    <message>
        <source>Enter a password for the new user.</source>
        <translation>Geben Sie ein Passwort für den neuen Benutzer ein.</translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation>Das Passwort muss mindestens 8 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The password and its confirmation differ.</source>
        <translation>Passwort und Bestätigung stimmen nicht überein.</translation>
    </message>
    <message>
        <source>The user could not be saved</source>
        <translation>Der Benutzer konnte nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>gatehouse::UsersPage</name>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Directory user</source>
        <translation>Verzeichnisbenutzer</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Letzte Anmeldung</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>&amp;New user…</source>
        <translation>&amp;Neuer Benutzer…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>The users could not be loaded</source>
        <translation>Die Benutzer konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>Benutzer löschen</translation>
    </message>
    <message>
        <source>Delete the user &quot;%1&quot;? Their sessions end, and their app roles, lookups and limits are deleted.</source>
        <translation>Den Benutzer „%1“ löschen? Seine Sitzungen werden beendet, und seine App-Rollen, Lookups und Limits werden gelöscht.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>The user could not be deleted</source>
        <translation>Der Benutzer konnte nicht gelöscht werden</translation>
    </message>
</context>
</TS>
