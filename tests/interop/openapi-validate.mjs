#!/usr/bin/env node
// Interop: Gatehouse's OpenAPI documents (api_docs and _spec) validated by
// @apidevtools/swagger-parser, the validator most OpenAPI tooling builds on.
//
//   GATEHOUSE_URL=http://127.0.0.1:8080 GATEHOUSE_ADMIN_TOKEN=<session token> \
//   GATEHOUSE_API_KEY=<restricted app key> node openapi-validate.mjs <database service>
//
// Fetches, as the admin and as the restricted role: /api/v2/api_docs (plain and with
// expand_schema), /api/v2/api_docs/{svc} for every service the document tags, and the
// database service's _spec (plain and resource_name). Every document must pass
// SwaggerParser.validate (OpenAPI 3.0 schema, $refs resolve, path parameters declared,
// unique operationIds). The restricted documents must not show the system service or tables
// the role cannot read. Exits 0 when all passed, 1 with a message on the first failure, 2 on a
// usage error.

import SwaggerParser from '@apidevtools/swagger-parser';

const base = (process.env.GATEHOUSE_URL || '').replace(/\/+$/, '');
const adminToken = process.env.GATEHOUSE_ADMIN_TOKEN || '';
const apiKey = process.env.GATEHOUSE_API_KEY || '';
const dbService = process.argv[2] || '';
const hiddenTable = process.argv[3] || '';

if (!base || !adminToken || !apiKey || !dbService) {
    console.error('usage: GATEHOUSE_URL=... GATEHOUSE_ADMIN_TOKEN=... GATEHOUSE_API_KEY=... node openapi-validate.mjs <db service> [hidden table]');
    process.exit(2);
}

class Mismatch extends Error {}

function expect(condition, message) {
    if (!condition)
        throw new Mismatch(message);
}

async function fetchDoc(path, headers) {
    const response = await fetch(`${base}${path}`, { headers });
    const text = await response.text();
    expect(response.status === 200, `${path}: status ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
}

async function validate(label, doc) {
    expect(typeof doc.openapi === 'string' && doc.openapi.startsWith('3.0.'), `${label}: openapi is ${doc.openapi}`);
    try {
        // validate() dereferences in place: give it a copy.
        await SwaggerParser.validate(structuredClone(doc));
    } catch (error) {
        throw new Mismatch(`${label}: not a valid OpenAPI document: ${error.message}`);
    }
    // swagger-parser checks path parameters only for Swagger 2.0: check them here, with
    // operationIds unique across the document.
    let operations = 0;
    const ids = new Set();
    for (const [path, item] of Object.entries(doc.paths)) {
        const templated = [...path.matchAll(/\{([^}]+)\}/g)].map(m => m[1]);
        for (const [method, op] of Object.entries(item)) {
            if (method === 'parameters')
                continue;
            operations++;
            const declared = [...(item.parameters || []), ...(op.parameters || [])]
                .filter(p => p.in === 'path').map(p => p.name);
            for (const name of templated)
                expect(declared.includes(name), `${label}: ${method} ${path} does not declare path parameter ${name}`);
            expect(!ids.has(op.operationId), `${label}: operationId ${op.operationId} is not unique`);
            ids.add(op.operationId);
            expect(op.responses && op.responses.default && op.responses.default.$ref === '#/components/responses/Error',
                `${label}: ${method} ${path} has no shared error response`);
        }
    }
    return operations;
}

const callers = [
    { name: 'admin', headers: { 'X-DreamFactory-Session-Token': adminToken }, restricted: false },
    { name: 'restricted', headers: { 'X-DreamFactory-API-Key': apiKey }, restricted: true },
];

let checked = 0;
try {
    for (const caller of callers) {
        for (const query of ['', '?expand_schema=true']) {
            const all = await fetchDoc(`/api/v2/api_docs${query}`, caller.headers);
            const count = await validate(`${caller.name} api_docs${query}`, all);
            expect(count > 0, `${caller.name} api_docs${query}: no operations`);
            checked++;
            const paths = Object.keys(all.paths);
            expect(paths.some(p => p.startsWith(`/${dbService}/`)), `${caller.name}: no ${dbService} paths`);
            if (caller.restricted) {
                expect(!paths.some(p => p.startsWith('/system/')), 'restricted: the system service is shown');
                if (hiddenTable)
                    expect(!JSON.stringify(all).includes(hiddenTable), `restricted: table ${hiddenTable} is shown`);
            } else {
                expect(paths.some(p => p.startsWith('/system/')), 'admin: the system service is missing');
            }
            if (query)
                continue;
            for (const tag of all.tags) {
                const one = await fetchDoc(`/api/v2/api_docs/${tag.name}`, caller.headers);
                await validate(`${caller.name} api_docs/${tag.name}`, one);
                expect(one.servers[0].url === `/api/v2/${tag.name}`, `api_docs/${tag.name}: server ${one.servers[0].url}`);
                checked++;
            }
        }
        for (const query of ['', '?expand_schema=true', '?resource_name=orders']) {
            const spec = await fetchDoc(`/api/v2/${dbService}/_spec${query}`, caller.headers);
            await validate(`${caller.name} ${dbService}/_spec${query}`, spec);
            checked++;
        }
    }
} catch (error) {
    console.error(error instanceof Mismatch ? error.message : error.stack || String(error));
    process.exit(1);
}
console.log(`${checked} OpenAPI documents valid`);
