#!/usr/bin/env node
// Interop: the official MCP TypeScript SDK client (`@modelcontextprotocol/sdk`) against
// Gatehouse's MCP server (/mcp/{service}) over Streamable HTTP.
//
//   GATEHOUSE_URL=http://127.0.0.1:8080 GATEHOUSE_API_KEY=<app key> MCP_SERVICE=<mcp service> \
//     node mcp-client.mjs
//
// The app's role may read the demo database's customers (and call its named queries) but not
// its orders. Exits 0 when every check passed, 1 with a message on the first mismatch, 2 on a
// usage error.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const gatehouseUrl = (process.env.GATEHOUSE_URL || '').replace(/\/+$/, '');
const apiKey = process.env.GATEHOUSE_API_KEY || '';
const service = process.env.MCP_SERVICE || '';
if (!gatehouseUrl || !apiKey || !service) {
    console.error('usage: GATEHOUSE_URL=... GATEHOUSE_API_KEY=... MCP_SERVICE=... node mcp-client.mjs');
    process.exit(2);
}

class Mismatch extends Error {}

function expect(condition, message, detail) {
    if (!condition) {
        throw new Mismatch(detail === undefined ? message : `${message}: ${JSON.stringify(detail)}`);
    }
}

async function main() {
    const transport = new StreamableHTTPClientTransport(new URL(`${gatehouseUrl}/mcp/${service}`), {
        requestInit: { headers: { 'X-DreamFactory-API-Key': apiKey } },
    });
    const client = new Client({ name: 'gatehouse-interop', version: '1.0.0' });
    await client.connect(transport);

    const server = client.getServerVersion();
    expect(server && server.name === 'gatehouse', 'serverInfo.name', server);
    expect(typeof transport.sessionId === 'string' && transport.sessionId.length > 0, 'Mcp-Session-Id');
    const capabilities = client.getServerCapabilities();
    expect(capabilities.tools && capabilities.resources && capabilities.prompts, 'capabilities', capabilities);
    expect(typeof client.getInstructions() === 'string', 'instructions');
    await client.ping();

    // Tools: the read-only data tools, no write tools (allow_writes is off).
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of ['list_services', 'list_tables', 'describe_table', 'query_records', 'count_records',
                        'call_named_query']) {
        expect(names.includes(name), `tool ${name} listed`, names);
    }
    expect(!names.includes('delete_records') && !names.includes('create_records'), 'no write tools', names);
    const queryTool = tools.find((t) => t.name === 'query_records');
    expect(queryTool.annotations && queryTool.annotations.readOnlyHint === true, 'readOnlyHint', queryTool.annotations);
    expect(queryTool.outputSchema && queryTool.outputSchema.type === 'object', 'outputSchema', queryTool);

    // A query (the SDK validates structuredContent against the tool's outputSchema).
    const query = await client.callTool({
        name: 'query_records',
        arguments: { service: 'demo', table: 'customers', fields: ['id', 'name', 'email'], limit: 3 },
    });
    expect(!query.isError, 'query_records succeeded', query);
    expect(Array.isArray(query.structuredContent.records) && query.structuredContent.records.length === 3,
           'three customers', query.structuredContent);
    expect(query.content[0].type === 'text' && query.content[0].text.length > 0, 'text content', query.content);
    for (const record of query.structuredContent.records) {
        expect(!String(record.email).includes('@'), 'e-mail masked', record);
    }

    // A named query.
    const named = await client.callTool({
        name: 'call_named_query',
        arguments: { service: 'demo', name: 'GetCustomerSummaryData', parameters: { customer_id: 1 } },
    });
    expect(!named.isError, 'call_named_query succeeded', named);
    expect(JSON.stringify(named.structuredContent).includes('customer_id'), 'named query result', named);

    // A table outside the role: a tool error the model can read, not a protocol error.
    const refused = await client.callTool({
        name: 'query_records',
        arguments: { service: 'demo', table: 'orders', limit: 1 },
    });
    expect(refused.isError === true, 'permission error as isError', refused);
    expect(refused.content[0].type === 'text' && refused.content[0].text.length > 0, 'error text', refused);

    // An unknown tool is a protocol error.
    let unknownFailed = false;
    try {
        await client.callTool({ name: 'no_such_tool', arguments: {} });
    } catch (e) {
        unknownFailed = true;
    }
    expect(unknownFailed, 'unknown tool rejected');

    // Resources: table schemas.
    const { resources } = await client.listResources();
    const uri = `gatehouse://demo/customers/schema`;
    expect(resources.some((r) => r.uri === uri), 'customers schema resource', resources.map((r) => r.uri));
    expect(!resources.some((r) => r.uri === 'gatehouse://demo/orders/schema'), 'no orders resource');
    const read = await client.readResource({ uri });
    const schema = JSON.parse(read.contents[0].text);
    expect(JSON.stringify(schema).includes('email'), 'schema text', schema);
    const templates = await client.listResourceTemplates();
    expect(templates.resourceTemplates.length === 1, 'resource template', templates);

    // Prompts.
    const { prompts } = await client.listPrompts();
    expect(prompts.some((p) => p.name === 'explore_table'), 'explore_table prompt', prompts);
    const prompt = await client.getPrompt({ name: 'explore_table', arguments: { service: 'demo', table: 'customers' } });
    expect(prompt.messages.length > 0 && prompt.messages[0].content.text.includes('customers'), 'prompt text', prompt);

    // Ending the session: the server forgets it.
    const sessionId = transport.sessionId;
    await transport.terminateSession();
    const after = await fetch(`${gatehouseUrl}/mcp/${service}`, {
        method: 'POST',
        headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json, text/event-stream',
            'X-DreamFactory-API-Key': apiKey,
            'Mcp-Session-Id': sessionId,
            'MCP-Protocol-Version': '2025-11-25',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(after.status === 404, 'terminated session answers 404', after.status);
    await client.close();
    console.log('mcp interop: all checks passed');
}

main().then(
    () => process.exit(0),
    (error) => {
        console.error(error instanceof Mismatch ? `mismatch: ${error.message}` : error);
        process.exit(1);
    },
);
