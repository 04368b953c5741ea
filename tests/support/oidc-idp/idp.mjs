// A real OpenID provider (the certified `oidc-provider` package) on loopback for Gatehouse's
// OIDC and MCP-OAuth tests. See README.md next to this file.
//
//   node idp.mjs [--port 0] [--host 127.0.0.1] [--clients clients.json] [--accounts accounts.json]
//   prints "OIDC_IDP_READY issuer=http://127.0.0.1:<port> port=<port>" once listening
//
// Test-only endpoints live under /__test/ (never part of a real provider):
//   POST /__test/token   {sub, aud, scope, exp, nbf, iat, alg, kid, iss, claims, account}
//                        → {"token": "<JWT signed with the provider's current key>"}
//   POST /__test/rotate  {retire?: bool} → new signing keys first in the JWKS (old ones kept
//                        unless retire), {"kids": [...]}
//   POST /__test/clients [client metadata...] → adds/replaces static clients (by client_id)
//   POST /__test/config  {accessTokenAlg?: "RS256"|"ES256", conformIdTokenClaims?: bool}
//   GET  /__test/requests → [{method, path}] every request seen (e.g. JWKS fetch counts)
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { URL } from 'node:url';

import Provider from 'oidc-provider';
import * as jose from 'jose';

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at >= 0 && at + 1 < process.argv.length) return process.argv[at + 1];
  return fallback;
}

const host = arg('host', process.env.OIDC_IDP_HOST || '127.0.0.1');
const port = Number(arg('port', process.env.OIDC_IDP_PORT || '0'));

function readJson(fileArg, envName, fallback) {
  const file = arg(fileArg, process.env[`${envName}_FILE`]);
  if (file) return JSON.parse(fs.readFileSync(file, 'utf8'));
  if (process.env[envName]) return JSON.parse(process.env[envName]);
  return fallback;
}

// Seeded people. `sub` differs from the user name on purpose: Gatehouse must key on `sub`.
const accounts = readJson('accounts', 'OIDC_IDP_ACCOUNTS', {
  alice: {
    sub: 'u-alice-0001', preferred_username: 'alice', email: 'alice@example.test', email_verified: true,
    name: 'Alice Analyst', given_name: 'Alice', family_name: 'Analyst', groups: ['analysts'],
    department: 'Sales',
  },
  bob: {
    sub: 'u-bob-0002', preferred_username: 'bob', email: 'bob@example.test', email_verified: true,
    name: 'Bob Builder', given_name: 'Bob', family_name: 'Builder', groups: ['engineers'],
    department: 'Engineering',
  },
  carol: {
    sub: 'u-carol-0003', preferred_username: 'carol', email: 'carol@example.test', email_verified: false,
    name: 'Carol Unverified', given_name: 'Carol', family_name: 'Unverified', groups: ['analysts'],
    department: 'Sales',
  },
  root: {
    sub: 'u-root-0004', preferred_username: 'root', email: 'root@example.test', email_verified: true,
    name: 'Root Admin', given_name: 'Root', family_name: 'Admin', groups: ['gatehouse-admins'],
    department: 'IT',
  },
});
const defaultAccount = process.env.OIDC_IDP_DEFAULT_ACCOUNT || 'alice';

function accountByName(name) {
  if (accounts[name]) return { key: name, ...accounts[name] };
  for (const [key, value] of Object.entries(accounts))
    if (value.sub === name || value.email === name) return { key, ...value };
  return null;
}

let clients = readJson('clients', 'OIDC_IDP_CLIENTS', [
  {
    client_id: 'gatehouse', client_secret: 'gatehouse-test-secret',
    redirect_uris: ['http://127.0.0.1/callback'], grant_types: ['authorization_code', 'client_credentials'],
    response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
  },
  {
    client_id: 'mcp-public', token_endpoint_auth_method: 'none', application_type: 'native',
    redirect_uris: ['http://127.0.0.1/callback'], grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  },
]);

const resourceScopes = process.env.OIDC_IDP_RESOURCE_SCOPES || 'read write mcp:tools';
let accessTokenAlg = process.env.OIDC_IDP_AT_ALG || 'RS256';
// true: ID tokens that come with an access token carry only `sub` (+ protocol claims); the rest
// is at userinfo, as the OIDC spec's strict reading (and Okta) has it.
let conformIdTokenClaims = process.env.OIDC_IDP_CONFORM === '1';

function newKeys() {
  const stamp = crypto.randomBytes(4).toString('hex');
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: `rsa-${stamp}`, alg: 'RS256', use: 'sig' },
    { ...ec, kid: `ec-${stamp}`, alg: 'ES256', use: 'sig' },
  ];
}
let keys = newKeys();

const requestLog = [];
let issuer = '';
let provider = null;

// Claims every token for this person may carry (ID tokens through scopes, access tokens whole).
function claimsOf(account) {
  const { key, ...claims } = account;
  return claims;
}

function build() {
  const next = new Provider(issuer, {
    clients,
    jwks: { keys },
    cookies: { keys: ['gatehouse-test-idp-cookie-key'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      groups: ['groups'],
      department: ['department'],
    },
    scopes: ['openid', 'offline_access', 'email', 'profile', 'groups', 'department'],
    async findAccount(ctx, id) {
      const account = accountByName(id);
      if (!account) return undefined;
      return { accountId: account.sub, async claims() { return claimsOf(account); } };
    },
    // Put the scope's claims into the ID token itself (as most IdPs do), not only userinfo.
    conformIdTokenClaims,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx, client, oneOf) => oneOf,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource) => ({
          scope: resourceScopes,
          audience: resource,
          accessTokenTTL: 600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: accessTokenAlg } },
        }),
      },
    },
    // Access tokens as JWTs carry the person's claims too, like Entra ID or Okta with groups.
    async extraTokenClaims(ctx, token) {
      if (!token.accountId) return undefined;
      const account = accountByName(token.accountId);
      if (!account) return undefined;
      const { sub, ...rest } = claimsOf(account);
      return rest;
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError(ctx, out) {
      ctx.type = 'application/json';
      ctx.body = out;
    },
  });
  next.on('server_error', (ctx, error) => process.stderr.write(`oidc-idp server_error: ${error.stack}\n`));
  provider = next;
}

// Finishes login (the `login_hint` account, else the default one) and grants everything asked.
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session, grantId } = details;
  if (prompt.name === 'login') {
    const account = accountByName(String(params.login_hint || defaultAccount));
    if (!account) {
      await provider.interactionFinished(req, res, {
        error: 'access_denied', error_description: 'unknown test account',
      }, { mergeWithLastSubmission: false });
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name === 'consent') {
    if (params.login_hint === 'deny') {
      await provider.interactionFinished(req, res, {
        error: 'access_denied', error_description: 'The user <denied> the request',
      }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = grantId ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    if (missing.missingResourceScopes)
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes))
        grant.addResourceScope(indicator, scopes.join(' '));
    const id = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId: id } }, { mergeWithLastSubmission: true });
    return;
  }
  res.writeHead(400, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: `unexpected prompt ${prompt.name}` }));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try { resolve(text ? JSON.parse(text) : {}); } catch (e) { reject(e); }
    });
    req.on('error', reject);
  });
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// A JWT signed with the provider's own current key for `alg` (or a chosen kid), for the expiry,
// not-before and audience cases a real flow cannot produce on demand.
async function mint(body) {
  const now = Math.floor(Date.now() / 1000);
  const alg = body.alg || 'RS256';
  const account = body.account ? accountByName(body.account) : null;
  const payload = {
    ...(account ? claimsOf(account) : {}),
    iss: body.iss ?? issuer,
    sub: body.sub ?? (account ? account.sub : 'u-alice-0001'),
    aud: body.aud ?? 'gatehouse',
    iat: body.iat === null ? null : now + Number(body.iat ?? 0),
    exp: body.exp === null ? null : now + Number(body.exp ?? 300),
    jti: crypto.randomUUID(),
    ...(body.scope !== undefined ? { scope: body.scope } : {}),
    ...(body.nbf !== undefined ? { nbf: now + Number(body.nbf) } : {}),
    ...(body.claims || {}),
  };
  for (const [k, v] of Object.entries(payload)) if (v === null) delete payload[k];
  if (alg === 'none') {
    const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.`;
  }
  const jwk = body.kid ? keys.find((k) => k.kid === body.kid) : keys.find((k) => k.alg === alg);
  if (!jwk) throw new Error(`no key for ${body.kid || alg}`);
  const key = await jose.importJWK(jwk, alg);
  const header = { alg, kid: jwk.kid, typ: body.typ || 'at+jwt' };
  if (body.omitKid) delete header.kid;
  if (body.headerKid) header.kid = body.headerKid; // a kid the JWKS does not have (signed with a real key)
  return new jose.SignJWT(payload).setProtectedHeader(header).sign(key);
}

async function testRoute(req, res, url) {
  if (req.method === 'GET' && url.pathname === '/__test/requests') return sendJson(res, 200, requestLog);
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' });
  const body = await readBody(req);
  switch (url.pathname) {
    case '/__test/token':
      return sendJson(res, 200, { token: await mint(body) });
    case '/__test/rotate': {
      const fresh = newKeys();
      keys = body.retire ? fresh : [...fresh, ...keys];
      build();
      return sendJson(res, 200, { kids: fresh.map((k) => k.kid) });
    }
    case '/__test/clients': {
      const list = Array.isArray(body) ? body : [body];
      const ids = new Set(list.map((c) => c.client_id));
      clients = [...clients.filter((c) => !ids.has(c.client_id)), ...list];
      build();
      return sendJson(res, 200, { clients: clients.map((c) => c.client_id) });
    }
    case '/__test/config':
      if (body.accessTokenAlg) accessTokenAlg = body.accessTokenAlg;
      if (body.conformIdTokenClaims !== undefined) conformIdTokenClaims = !!body.conformIdTokenClaims;
      build();
      return sendJson(res, 200, { accessTokenAlg, conformIdTokenClaims });
    case '/__test/reset-log':
      requestLog.length = 0;
      return sendJson(res, 200, {});
    default:
      return sendJson(res, 404, { error: 'no such test endpoint' });
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (!url.pathname.startsWith('/__test/')) requestLog.push({ method: req.method, path: url.pathname });
  try {
    if (url.pathname.startsWith('/__test/')) return await testRoute(req, res, url);
    if (url.pathname.startsWith('/interaction/')) return await interaction(req, res);
    // RFC 8414 metadata (what OAuth clients such as the MCP SDK look for) = the OIDC discovery.
    if (url.pathname === '/.well-known/oauth-authorization-server') req.url = '/.well-known/openid-configuration';
    return provider.callback()(req, res);
  } catch (error) {
    process.stderr.write(`oidc-idp: ${error.stack || error}\n`);
    if (!res.headersSent) sendJson(res, 500, { error: String(error.message || error) });
    else res.end();
  }
});

server.listen(port, host, () => {
  const actual = server.address().port;
  const shown = host.includes(':') ? `[${host}]` : host;
  issuer = process.env.OIDC_IDP_ISSUER || `http://${shown}:${actual}`;
  build();
  process.stdout.write(`OIDC_IDP_READY issuer=${issuer} port=${actual}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
