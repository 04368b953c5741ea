<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>SessionTokenStore</name>
    <message>
        <source>This build keeps no secrets in a keychain.</source>
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
    <name>gatehouse::IdentityServiceForm</name>
    <message>
        <source>(none: the app&apos;s default role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role of every signed-in person for whom no group mapping applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Group → role map:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group to role map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first row whose group matches one of the person&apos;s groups decides the role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ad&amp;min groups:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One group per line; their members are Gatehouse system admins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role %1</source>
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
        <source>Lookup name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LDAP attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StartTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LDAPS (TLS from the start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM text or a file path; empty: the system&apos;s CAs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dc1.corp.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ldap.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dc=example,dc=com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the base DN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(memberOf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The directory server&apos;s name or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate authority that signed the server&apos;s certificate (TLS only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bind DN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind DN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account Gatehouse searches the directory with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base &amp;DN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base DN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where users are searched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User &amp;filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An extra LDAP filter users must match, e.g. (objectClass=person).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username attribute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email attribute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grou&amp;p base DN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group base DN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group f&amp;ilter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{dn} and {username} stand for the signed-in person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name attribute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled-account filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled-account filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts matching this LDAP filter may not sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes as loo&amp;kups:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes as lookups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory attributes that become {user.&lt;lookup name&gt;} lookups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the directory server&apos;s host name or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host must be a host name or an IP address (no scheme or port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the base DN users are searched under.</source>
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
        <source>Lookup name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(bearer tokens need an API key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One address per line; loopback addresses are always allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity provider&apos;s issuer URL; its discovery document is read from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Client id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sc&amp;opes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separated by spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;udience:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience bearer tokens must name (default: the client id).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App i&amp;d:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app whose roles apply to bearer tokens sent without an API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username claim:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grou&amp;ps claim:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claims as loo&amp;kups:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claims as lookups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token claims that become {user.&lt;lookup name&gt;} lookups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allo&amp;wed redirect addresses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed redirect addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the identity provider&apos;s issuer URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuer must be an https:// URL (http:// only on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client id registered with the identity provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http(s) address without a fragment.</source>
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
    <name>gatehouse::ServiceEditorDialog</name>
    <message>
        <source>OpenID Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LDAP</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>New &amp;LDAP service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Active &amp;Directory service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;OpenID Connect service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This console edits identity services only so far.</source>
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
</TS>
