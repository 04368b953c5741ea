<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AiProviderPreset</name>
    <message>
        <source>OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs an API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs no API key unless the server asks for one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionTokenStore</name>
    <message>
        <source>This build keeps no secrets in a keychain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::AccessRulesEditor</name>
    <message>
        <source>Selected rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verbs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requestors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove r&amp;ule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* for the whole service, _table/* for every table, _table/name for one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;PI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests from clients over HTTP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scrip&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests made by server-side scripts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;omponent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verbs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requestors:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row &amp;filters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no service)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Script</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Rule %1 needs a component (* for the whole service).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1 allows no verb.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1 needs a requestor (API or Script).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filter of rule %1 needs a field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter on %1 of rule %2 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::AiAliasDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit model alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New model alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What OpenAI-style clients send as &quot;model&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI &amp;connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alias needs 1 to 128 letters, digits or . _ : / -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an AI connection first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the provider&apos;s model name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alias could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::AiBudgetDialog</name>
    <message>
        <source>&amp;Hard stop: refuse calls that would go over the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acti&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit AI budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New AI budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything (global)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hourly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: receives alerts at 50, 80 and 100 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Applies to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Which:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ale&amp;rt webhook:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what the budget applies to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit must be greater than 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alert webhook must be an http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The budget could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::AiConnectionDialog</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acti&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit AI connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New AI connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used in URLs: /api/v2/&lt;name&gt;/chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per minute per user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hard stop per calendar month (UTC), in the currency of the prices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input price per 1,000 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output price per 1,000 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Requests per minute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly bud&amp;get:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Input price / 1k tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Output price / 1k tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name may contain only letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s base URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL must be an http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::AiPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model &amp;aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Budgets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Health check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks the provider for its model list through this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health check result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete AI connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the AI connection &quot;%1&quot;? Clients using it will fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection could not be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients of the OpenAI-compatible endpoint (/api/v2/_ai/v1) send an alias as &quot;model&quot;; it is routed to the connection and model below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New alias…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete model alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected model alias?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI budgets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projected month-end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend is what the usage log holds for the budget&apos;s current period (UTC). The projected month-end spend assumes the rest of the month continues at the average rate so far; it is shown for monthly budgets once an hour of the month has passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New budget…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete AI budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected budget?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;onnection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI connections could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model aliases could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI budgets could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hourly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 (%3 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period %1 to %2 (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projected for monthly budgets only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At this rate the budget runs out before the month ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At this rate the budget lasts the month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too early in the month to project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking &quot;%1&quot;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is healthy: %2 answered in %3 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the provider answered %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not healthy: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not healthy: %2 (request %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alias could not be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The budget could not be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no AI connection yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The usage could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests: %1 · Input tokens: %2 · Output tokens: %3 · Cost: %4 · Errors: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::ApiDocsPage</name>
    <message>
        <source>E&amp;xpand tables and procedures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paths and operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database services: one path per table and procedure instead of {table_name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deta&amp;ils:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try it (sent with your admin session)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The services could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the OpenAPI document of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API document of %1 could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n path(s). Choose an operation to see its parameters and try it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Operation id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API docs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::ApiKeyDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the only time the key is shown. Copy it now and keep it somewhere safe: Gatehouse stores only a fingerprint of it and cannot show it again. If it is lost, regenerate the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::AppEditorDialog</name>
    <message>
        <source>&amp;Active (requests with its key are served)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The roles could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the app&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app could not be saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::AppRoleTable</name>
    <message>
        <source>Role per app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add app ro&amp;le</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove app r&amp;ole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App role %1 needs an app and a role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user has one role per app: app role %1 repeats an app.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::AppsPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;generate key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New app…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apps could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not send the new API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate the API key of &quot;%1&quot;? The current key stops working at once; every client using it must be given the new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be regenerated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app could not be changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the app &quot;%1&quot;? Its API key stops working and its lookups are deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app could not be deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::ConnectPage</name>
    <message>
        <source>&amp;Embedded engine on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remote engine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep me signed in on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote engine address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this address from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session token is kept in the operating system&apos;s keychain, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed-in account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the engine&apos;s address, for example https://gatehouse.example.org:8443.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address is not encrypted (http): passwords and tokens cross the network in clear. Use https for a remote engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First admin created. Password (shown once): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running — version %1, up %2 s, %3 services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::CsvExporter</name>
    <message>
        <source>The file is not open for writing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::DashboardPage</name>
    <message>
        <source>&amp;Live updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens by model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI spend against budgets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate (4xx / 5xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency p50 / p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the metrics failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% / %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms / %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>per %n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No active AI budgets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3 of %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::FieldMaskTable</name>
    <message>
        <source>Field masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filterable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table and column may be * for all. Detectors (for mode detect): email, ssn, card, phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove mas&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask %1 needs a service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask %1 needs a table (or *).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask %1 needs a column (or *).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask %1 detects nothing: name detectors (email, ssn, card, phone).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask %1: unknown detector &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::GatehouseClient</name>
    <message>
        <source>%1 (request %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine could not be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine answered %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::JsonTableModel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::KeyValueTable</name>
    <message>
        <source>Add row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, row %2: the lookup name must use lower-case letters, digits and underscores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, row %2 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::LdapServiceForm</name>
    <message>
        <source>The host must be a host name or an IP address (no scheme or port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bind DN needs its password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bind password needs a bind DN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CA certificate needs StartTLS or LDAPS encryption.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an LDAP filter in parentheses.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::LimitEditorDialog</name>
    <message>
        <source>Acti&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One user on one service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each user on one service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One user on one endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each user on one endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(every verb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>_table/contact, or _table/cont* for a prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rate (requests):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Per:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ver&amp;b:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some choices could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the limit&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This type of limit needs a user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This type of limit needs a role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This type of limit needs a service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This type of limit needs an endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit could not be saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::LimitsPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resets at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;set counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New limit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limits could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit counters could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the limit &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit could not be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The counter could not be reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset all counters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset the counters of every limit? Callers that are locked out now can call again at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The counters could not be reset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::LiveTailTab</name>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow new lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the engine log failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[older lines were dropped by the engine]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::LogTableTab</name>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a record to see all its fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the log failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n record(s) loaded</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) loaded</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 could not be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) written…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) exported to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::LogsPage</name>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ver&amp;b:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Successful (below 400)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors (400 and above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server errors (500 and above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;quest id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prompt contains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live tail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::LookupEditorDialog</name>
    <message>
        <source>&amp;Private (sealed, never shown again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>letters, digits, _ and .</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged (private)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the lookup&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lookup name may hold letters, digits, _ and . only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names starting with &quot;%1&quot; belong to the built-in lookups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A private lookup becomes public only with a new value: enter one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lookup could not be saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::LookupsPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New lookup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lookups of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lookups &amp;of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Which:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System lookups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lookups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lookups could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list to choose from could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the lookup &quot;%1&quot;? Filters and statements that use it stop resolving it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lookup could not be deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::LoopbackRedirectReceiver</name>
    <message>
        <source>The sign-in was not completed in time. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sign-in needs a state to check the answer against.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the browser&apos;s redirect is expected here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This answer does not belong to the sign-in the console started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity provider sent no sign-in code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity provider refused the sign-in (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can close this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gatehouse received your sign-in. You can close this window and return to the console.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::MainWindow</name>
    <message>
        <source>Gatehouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session is not kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::OidcServiceForm</name>
    <message>
        <source>The issuer must be an https:// URL (http:// only on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http(s) address without a fragment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client id registered with the identity provider (or at least the audience).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::PagedRecordList</name>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %n record(s); scroll down for more.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gatehouse::RoleEditorDialog</name>
    <message>
        <source>Acti&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The services could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the role&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role could not be saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role was saved, but its field masks could not be</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::RoleMapTable</name>
    <message>
        <source>Group to role map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App id (empty: all apps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(choose a role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group mapping %1 needs a group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group mapping %1: the app must be an app id or empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group mapping %1 needs a role.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::RolesPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The roles could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the role &quot;%1&quot;? Apps and users that use it lose that access; its rules, masks, lookups and limits are deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role could not be deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::RowFilterTable</name>
    <message>
        <source>Row filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values may use lookups such as {user.id} or {app.name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Combine filters with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All must match (AND)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any may match (OR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add filte&amp;r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove filt&amp;er</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Com&amp;bine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter %1 needs a field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter %1 (%2 %3) needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::SchemaBrowserDialog</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nullable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ables:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Relationships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rec&amp;ords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tables could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The table %1 could not be described</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The records of %1 could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records %1–%2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::ServiceConfigForm</name>
    <message>
        <source>one value expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line; default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One entry per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is required: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::ServiceEditorDialog</name>
    <message>
        <source>&amp;Active (offered for sign-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1 service %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New %1 service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used in URLs and sign-in requests: letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown on the sign-in screen, e.g. &quot;Sign in with &lt;label&gt;&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tries this configuration against the server without saving it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The roles could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name may use letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos; only, and not start with &apos;_&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test could not run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A display name for the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form of this service type could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::ServicesPage</name>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The services could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a service of one of the engine&apos;s types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables, columns, relationships and records of a database service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only database services have tables to browse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service types could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the service &quot;%1&quot;? Apps and roles that use it lose access to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service %1 was not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service %1 was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service %1 was not deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service %1 was not activated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service %1 is inactive now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service %1 is active now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::SettingsPage</name>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save engine settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1, 0.0.0.0 or ::1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: plain HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS private key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the TLS certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the TLS private key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS private key (PEM, unencrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log retention in days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI usage log retention in days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI prompt log retention in days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS private &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit log:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI &amp;usage log:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI &amp;prompt log:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine reads these settings when it starts: saved changes take effect after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CORS (browser access from other origins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CORS rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CORS path pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* or a path such as db/*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed origins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://app.example.com, comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pat&amp;h:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed or&amp;igins:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language takes effect when the console restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La&amp;nguage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine settings could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (read-only: settings cannot be saved from here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OS keychain (secrets are kept by the operating system)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sealed (secrets are encrypted with the master key in the data folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listen address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit log retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI usage log retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI prompt log retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved, waiting for an engine restart: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port must be a whole number from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The listen address must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set both the TLS certificate and its private key, or clear both to serve plain HTTP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to save: the settings are unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine settings were not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1. Restart the engine for the changes to take effect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CORS rules could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the path the rule applies to, such as * or db/*.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one allowed origin, such as https://app.example.com or *.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CORS rule was not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CORS rule was not removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console will use the new language the next time it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::SignInDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direc&amp;tory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with &amp;directory account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single sign-on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel browser sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to Gatehouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gatehouse admin account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the engine how to sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in options could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory account: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens your web browser to sign in with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your email address and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your directory username and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in through %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console cannot receive the browser&apos;s answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue in your web browser to sign in with %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web browser could not be opened. Open this address yourself: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completing the sign-in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine answered without a session.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::TryItPanel</name>
    <message>
        <source>Parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sen&amp;d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cance&amp;l</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path below /api/v2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below /api/v2, e.g. demo/_table/customers. Replace {placeholders} before sending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON body (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pat&amp;h:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Query parameters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Response:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a path, e.g. demo/_table/customers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the {placeholders} in the path before sending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body is not valid JSON: %1 (at character %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status %1 · %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status %1 · %2 ms · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(The answer has no JSON body.)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::UserEditorDialog</name>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acti&amp;ve (may sign in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity servi&amp;ce:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory &amp;user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;ast name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confir&amp;m password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role per app:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>managed by the directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apps could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The roles could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a display name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a password for the new user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password and its confirmation differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user could not be saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gatehouse::UsersPage</name>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The users could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the user &quot;%1&quot;? Their sessions end, and their app roles, lookups and limits are deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user could not be deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
