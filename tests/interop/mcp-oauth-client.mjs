#!/usr/bin/env node
// Interop: the official MCP TypeScript SDK's OAuth client (`@modelcontextprotocol/sdk`) against
// an mcp service with `oauth`, with a real OpenID provider (tests/support/oidc-idp) as the
// authorization server. Headless: redirectToAuthorization drives the provider's login over HTTP.
//
//   GATEHOUSE_URL=http://127.0.0.1:8080 MCP_SERVICE=<oauth mcp service> \
//   OTHER_MCP_SERVICE=<another oauth mcp service> IDP_ISSUER=http://127.0.0.1:<port> \
//   IDP_ACCOUNT=alice [IDP_CLIENT_ID=mcp-public] node mcp-oauth-client.mjs
//
// What it checks: the SDK finds the protected resource metadata (discoverOAuthProtectedResourceMetadata
// and the 401 challenge), the provider's metadata, uses IDP_CLIENT_ID or registers a client
// (RFC 7591), runs the code
// flow with PKCE and the `resource` parameter, exchanges the code, and then lists and calls tools
// as the signed-in person; the token is refused by another MCP server and by the REST API
// (audience binding: no passthrough), and a token minted for another resource is refused with
// 401 + WWW-Authenticate. Prints "ACCESS_TOKEN_SUB=<sub>" and "all checks passed"; exits 1 on
// the first mismatch.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
    UnauthorizedError,
    discoverOAuthProtectedResourceMetadata,
    extractWWWAuthenticateParams,
} from '@modelcontextprotocol/sdk/client/auth.js';

const gatehouseUrl = (process.env.GATEHOUSE_URL || '').replace(/\/+$/, '');
const service = process.env.MCP_SERVICE || '';
const otherService = process.env.OTHER_MCP_SERVICE || '';
const issuer = (process.env.IDP_ISSUER || '').replace(/\/+$/, '');
const account = process.env.IDP_ACCOUNT || 'alice';
// A client registered at the provider beforehand; empty: dynamic client registration (RFC 7591).
const clientId = process.env.IDP_CLIENT_ID || '';
if (!gatehouseUrl || !service || !otherService || !issuer) {
    console.error('usage: GATEHOUSE_URL=... MCP_SERVICE=... OTHER_MCP_SERVICE=... IDP_ISSUER=... node mcp-oauth-client.mjs');
    process.exit(2);
}
const serverUrl = new URL(`${gatehouseUrl}/mcp/${service}`);
const redirectUrl = 'http://127.0.0.1/callback';

class Mismatch extends Error {}

function expect(condition, message, detail) {
    if (!condition) {
        throw new Mismatch(detail === undefined ? message : `${message}: ${JSON.stringify(detail)}`);
    }
}

// Follows the provider's redirects (login and consent interactions finish themselves for the
// `login_hint` account) until it sends the browser back to redirectUrl; returns that URL.
async function browse(start) {
    const cookies = new Map();
    let url = new URL(start);
    for (let hop = 0; hop < 20; ++hop) {
        if (url.href.startsWith(redirectUrl)) return url;
        const response = await fetch(url, {
            redirect: 'manual',
            headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        for (const line of response.headers.getSetCookie()) {
            const [pair] = line.split(';');
            const at = pair.indexOf('=');
            cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
        }
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || !location) {
            throw new Mismatch(`authorization stopped at ${url.href}: ${response.status} ${await response.text()}`);
        }
        url = new URL(location, url);
    }
    throw new Mismatch('too many redirects during authorization');
}

class HeadlessProvider {
    constructor() {
        this.saved = clientId ? { client: { client_id: clientId } } : {};
        this.authorizationUrl = undefined;
        this.callback = undefined;
    }
    get redirectUrl() { return redirectUrl; }
    get clientMetadata() {
        return {
            client_name: 'gatehouse-interop',
            redirect_uris: [redirectUrl],
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            token_endpoint_auth_method: 'none',
            application_type: 'native',
        };
    }
    state() { return 'st-' + Math.random().toString(36).slice(2); }
    clientInformation() { return this.saved.client; }
    saveClientInformation(info) { this.saved.client = info; }
    tokens() { return this.saved.tokens; }
    saveTokens(tokens) { this.saved.tokens = tokens; }
    saveCodeVerifier(v) { this.saved.verifier = v; }
    codeVerifier() { return this.saved.verifier; }
    async redirectToAuthorization(authorizationUrl) {
        this.authorizationUrl = new URL(authorizationUrl);
        const withHint = new URL(authorizationUrl);
        withHint.searchParams.set('login_hint', account);
        this.callback = await browse(withHint);
    }
}

function claimsOf(jwt) {
    return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

async function rawInitialize(url, token) {
    return fetch(url, {
        method: 'POST',
        headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({
            jsonrpc: '2.0', id: 1, method: 'initialize',
            params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
        }),
    });
}

async function main() {
    // 1. The protected resource metadata, as the SDK discovers it.
    const prm = await discoverOAuthProtectedResourceMetadata(serverUrl);
    expect(prm.resource === serverUrl.href, 'PRM resource', prm);
    expect(Array.isArray(prm.authorization_servers) && prm.authorization_servers[0].replace(/\/+$/, '') === issuer,
           'PRM authorization_servers', prm);
    expect(JSON.stringify(prm.bearer_methods_supported) === '["header"]', 'PRM bearer_methods_supported', prm);
    expect(Array.isArray(prm.scopes_supported) && prm.scopes_supported.includes('mcp:tools'), 'PRM scopes', prm);

    // 2. The challenge on an unauthenticated request.
    const challenge = await rawInitialize(serverUrl);
    expect(challenge.status === 401, 'unauthenticated initialize is 401', challenge.status);
    const params = extractWWWAuthenticateParams(challenge);
    expect(params.resourceMetadataUrl &&
           params.resourceMetadataUrl.href === `${gatehouseUrl}/.well-known/oauth-protected-resource/mcp/${service}`,
           'resource_metadata in WWW-Authenticate', challenge.headers.get('www-authenticate'));
    expect(params.scope === 'mcp:tools', 'scope in WWW-Authenticate', challenge.headers.get('www-authenticate'));

    // 3. The SDK's OAuth flow: connect → 401 → discovery, registration, authorization (PKCE,
    //    resource) → finishAuth(code) → connect again with the token.
    const provider = new HeadlessProvider();
    const client = new Client({ name: 'gatehouse-oauth-interop', version: '1.0.0' });
    let transport = new StreamableHTTPClientTransport(serverUrl, { authProvider: provider });
    let redirected = false;
    try {
        await client.connect(transport);
    } catch (error) {
        if (!(error instanceof UnauthorizedError)) throw error;
        redirected = true;
    }
    expect(redirected, 'the first connect needed authorization');
    expect(provider.saved.client && provider.saved.client.client_id, 'client information', provider.saved);
    const auth = provider.authorizationUrl;
    expect(auth.href.startsWith(issuer), 'authorization at the identity provider', auth.href);
    expect(auth.searchParams.get('resource') === serverUrl.href, 'resource parameter', auth.href);
    expect(auth.searchParams.get('code_challenge_method') === 'S256' && auth.searchParams.get('code_challenge'),
           'PKCE', auth.href);
    expect(auth.searchParams.get('scope') === 'mcp:tools', 'scope requested', auth.href);
    const code = provider.callback.searchParams.get('code');
    expect(code, 'authorization code', provider.callback.href);
    expect(provider.callback.searchParams.get('state') === auth.searchParams.get('state'), 'state echoed');
    await transport.finishAuth(code);
    const accessToken = provider.saved.tokens && provider.saved.tokens.access_token;
    expect(accessToken, 'access token', provider.saved.tokens);
    const claims = claimsOf(accessToken);
    expect(claims.aud === serverUrl.href || (Array.isArray(claims.aud) && claims.aud.includes(serverUrl.href)),
           'token audience is the MCP resource', claims);
    console.log(`ACCESS_TOKEN_SUB=${claims.sub}`);

    transport = new StreamableHTTPClientTransport(serverUrl, { authProvider: provider });
    await client.connect(transport);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names.includes('query_records') && names.includes('count_records'), 'tools listed', names);
    const query = await client.callTool({
        name: 'query_records',
        arguments: { service: 'demo', table: 'customers', fields: ['id', 'name'], limit: 2 },
    });
    expect(!query.isError, 'query_records as the signed-in user', query);
    expect(query.structuredContent.records.length === 2, 'two customers', query.structuredContent);
    const whoami = await client.callTool({ name: 'count_records', arguments: { service: 'demo', table: 'customers' } });
    expect(!whoami.isError, 'count_records', whoami);
    await transport.terminateSession();
    await client.close();

    // 4. Audience binding: the same token is refused by another MCP server and by the REST API.
    const other = await rawInitialize(new URL(`${gatehouseUrl}/mcp/${otherService}`), accessToken);
    expect(other.status === 401, 'token refused by another MCP server', other.status);
    expect(/error="invalid_token"/.test(other.headers.get('www-authenticate') || ''), 'invalid_token',
           other.headers.get('www-authenticate'));
    const rest = await fetch(`${gatehouseUrl}/api/v2/demo/_table/customers?limit=1`, {
        headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(rest.status === 401, 'token refused by the REST API', rest.status);

    // 5. A real token for another resource (the provider issues one for the other MCP server)
    //    does not open this one.
    const wrongProvider = new HeadlessProvider();
    wrongProvider.saved.client = provider.saved.client;
    wrongProvider.validateResourceURL = async () => new URL(`${gatehouseUrl}/mcp/${otherService}`);
    const wrongTransport = new StreamableHTTPClientTransport(serverUrl, { authProvider: wrongProvider });
    const wrongClient = new Client({ name: 'gatehouse-oauth-interop', version: '1.0.0' });
    try {
        await wrongClient.connect(wrongTransport);
    } catch (error) {
        if (!(error instanceof UnauthorizedError)) throw error;
    }
    await wrongTransport.finishAuth(wrongProvider.callback.searchParams.get('code'));
    const wrongToken = wrongProvider.saved.tokens.access_token;
    expect(claimsOf(wrongToken).aud === `${gatehouseUrl}/mcp/${otherService}`, 'token for the other resource',
           claimsOf(wrongToken));
    const refused = await rawInitialize(serverUrl, wrongToken);
    expect(refused.status === 401, 'token for another resource refused', refused.status);
    const refusedParams = extractWWWAuthenticateParams(refused);
    expect(refusedParams.error === 'invalid_token' && refusedParams.resourceMetadataUrl,
           'challenge on a wrong-resource token', refused.headers.get('www-authenticate'));
    // ... while the other MCP server takes it.
    const accepted = await rawInitialize(new URL(`${gatehouseUrl}/mcp/${otherService}`), wrongToken);
    expect(accepted.status === 200, 'the other MCP server accepts its own token', accepted.status);

    console.log('all checks passed');
}

main().catch((error) => {
    console.error(error instanceof Mismatch ? `MISMATCH: ${error.message}` : error);
    process.exit(1);
});
