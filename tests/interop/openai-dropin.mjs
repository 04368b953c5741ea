#!/usr/bin/env node
// Interop: the official `openai` npm client against Gatehouse's OpenAI-compatible drop-in
// (/api/v2/_ai/v1), with the mock LLM provider behind the gateway.
//
//   GATEHOUSE_URL=http://127.0.0.1:8080 GATEHOUSE_API_KEY=<app key> MOCK_LLM_URL=http://127.0.0.1:<port> \
//     node openai-dropin.mjs <chat alias> [embedding alias]
//
// The alias may also come from GATEHOUSE_MODEL (and GATEHOUSE_EMBEDDING_MODEL). MOCK_LLM_URL is
// the mock's base URL: the script scripts the tool-call turns there and reads embeddings from it
// directly to compare. Exits 0 when every check passed, 1 with a message on the first mismatch,
// 2 on a usage error.

import OpenAI from 'openai';

const gatehouseUrl = (process.env.GATEHOUSE_URL || '').replace(/\/+$/, '');
const apiKey = process.env.GATEHOUSE_API_KEY || '';
const mockUrl = (process.env.MOCK_LLM_URL || '').replace(/\/+$/, '');
const model = process.argv[2] || process.env.GATEHOUSE_MODEL || '';
const embeddingModel = process.argv[3] || process.env.GATEHOUSE_EMBEDDING_MODEL || model;

// INTEROP_BASE_URL replaces the drop-in URL, e.g. to point the client at the mock itself.
const baseURL = process.env.INTEROP_BASE_URL || `${gatehouseUrl}/api/v2/_ai/v1`;

if ((!gatehouseUrl && !process.env.INTEROP_BASE_URL) || !apiKey || !model || !mockUrl) {
    console.error('usage: GATEHOUSE_URL=... GATEHOUSE_API_KEY=... MOCK_LLM_URL=... node openai-dropin.mjs <alias> [embedding alias]');
    process.exit(2);
}

const client = new OpenAI({
    baseURL,
    apiKey,
    maxRetries: 0, // a retry would hide a gateway error
    timeout: 30000,
});

class Mismatch extends Error {}

function expect(condition, message, detail) {
    if (!condition) {
        throw new Mismatch(detail === undefined ? message : `${message}: ${JSON.stringify(detail)}`);
    }
}

function expectEqual(actual, expected, what) {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Mismatch(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
}

async function mock(method, path, body) {
    const res = await fetch(`${mockUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Mismatch(`mock control ${method} ${path} answered ${res.status}`);
    return res.json();
}

const weatherTool = {
    type: 'function',
    function: {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
};

const checks = {
    async chat() {
        const r = await client.chat.completions.create({
            model,
            messages: [{ role: 'user', content: 'hello interop' }],
        });
        expectEqual(r.object, 'chat.completion', 'chat object');
        expect(r.choices.length === 1, 'chat: one choice expected', r.choices);
        expectEqual(r.choices[0].message.role, 'assistant', 'chat role');
        expectEqual(r.choices[0].message.content, 'echo: hello interop', 'chat content');
        expectEqual(r.choices[0].finish_reason, 'stop', 'chat finish_reason');
        expect(r.usage && r.usage.prompt_tokens > 0 && r.usage.completion_tokens > 0, 'chat: usage missing', r.usage);
    },

    async stream() {
        const stream = await client.chat.completions.create({
            model,
            messages: [{ role: 'user', content: 'stream this please' }],
            stream: true,
            stream_options: { include_usage: true },
        });
        let text = '';
        let role = null;
        let finish = null;
        let usage = null;
        let chunks = 0;
        let id = null;
        for await (const chunk of stream) {
            ++chunks;
            expectEqual(chunk.object, 'chat.completion.chunk', 'stream chunk object');
            if (id === null) id = chunk.id;
            expectEqual(chunk.id, id, 'stream: every chunk carries the same id');
            if (chunk.usage) usage = chunk.usage;
            const choice = chunk.choices[0];
            if (!choice) continue;
            if (choice.delta.role) role = choice.delta.role;
            if (choice.delta.content) text += choice.delta.content;
            if (choice.finish_reason) finish = choice.finish_reason;
        }
        expectEqual(role, 'assistant', 'stream first delta role');
        expectEqual(text, 'echo: stream this please', 'stream text');
        expectEqual(finish, 'stop', 'stream finish_reason');
        expect(chunks >= 4, 'stream: expected role, content, finish and usage chunks', chunks);
        expect(usage && usage.completion_tokens > 0, 'stream: include_usage asked but no usage chunk', usage);

        // The helper API of the SDK assembles the same answer.
        const runner = client.chat.completions.stream({ model, messages: [{ role: 'user', content: 'again' }] });
        const final = await runner.finalChatCompletion();
        expectEqual(final.choices[0].message.content, 'echo: again', 'stream helper final content');
    },

    async toolRoundTrip() {
        await mock('POST', '/__mock/script', [
            { method: 'POST', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
        ]);
        const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
        const first = await client.chat.completions.create({ model, messages, tools: [weatherTool], tool_choice: 'auto' });
        const msg = first.choices[0].message;
        expectEqual(first.choices[0].finish_reason, 'tool_calls', 'tool call finish_reason');
        expect(Array.isArray(msg.tool_calls) && msg.tool_calls.length === 1, 'expected one tool call', msg);
        const call = msg.tool_calls[0];
        expectEqual(call.type, 'function', 'tool call type');
        expectEqual(call.function.name, 'get_weather', 'tool call name');
        expectEqual(JSON.parse(call.function.arguments), { city: 'Paris' }, 'tool call arguments');
        expect(typeof call.id === 'string' && call.id.length > 0, 'tool call id missing', call);

        messages.push(msg);
        messages.push({ role: 'tool', tool_call_id: call.id, content: 'sunny, 21 C' });
        const second = await client.chat.completions.create({ model, messages, tools: [weatherTool] });
        expectEqual(second.choices[0].message.content, 'tool result: sunny, 21 C', 'final answer after the tool result');
        expectEqual(second.choices[0].finish_reason, 'stop', 'final finish_reason');

        // The upstream saw the tool definition and the tool result (whatever the provider's format).
        const seen = await mock('GET', '/__mock/requests');
        const last = seen.filter((r) => r.method === 'POST').pop();
        expect(last, 'the mock saw no upstream request');
        const upstream = JSON.stringify(last.body);
        expect(upstream.includes('get_weather'), 'upstream request lost the tools', last.body);
        expect(upstream.includes('sunny, 21 C'), 'upstream request lost the tool result', last.body);
    },

    async toolCallStream() {
        // Two parallel calls whose arguments arrive in small fragments must come out whole.
        await mock('POST', '/__mock/script', [
            {
                method: 'POST',
                argsChunkSize: 3,
                toolCalls: [
                    { name: 'get_weather', arguments: { city: 'Paris' } },
                    { name: 'get_weather', arguments: { city: 'Tokyo' } },
                ],
            },
        ]);
        const stream = await client.chat.completions.create({
            model,
            messages: [{ role: 'user', content: 'Weather in Paris and Tokyo?' }],
            tools: [weatherTool],
            stream: true,
        });
        const calls = [];
        let finish = null;
        for await (const chunk of stream) {
            const choice = chunk.choices[0];
            if (!choice) continue;
            if (choice.finish_reason) finish = choice.finish_reason;
            for (const d of choice.delta.tool_calls || []) {
                if (!calls[d.index]) calls[d.index] = { id: '', name: '', arguments: '' };
                if (d.id) calls[d.index].id = d.id;
                if (d.function && d.function.name) calls[d.index].name += d.function.name;
                if (d.function && d.function.arguments) calls[d.index].arguments += d.function.arguments;
            }
        }
        expectEqual(finish, 'tool_calls', 'streamed tool call finish_reason');
        expectEqual(calls.length, 2, 'streamed parallel tool calls');
        expectEqual(calls.map((c) => c.name), ['get_weather', 'get_weather'], 'streamed tool names');
        expectEqual(calls.map((c) => JSON.parse(c.arguments)), [{ city: 'Paris' }, { city: 'Tokyo' }], 'streamed tool arguments');
        expect(calls.every((c) => c.id) && calls[0].id !== calls[1].id, 'streamed tool ids', calls);
    },

    async embeddings() {
        const input = ['first text', 'second text'];
        // The SDK asks for base64 and decodes float32 itself; the gateway must pass that through.
        const r = await client.embeddings.create({ model: embeddingModel, input });
        expectEqual(r.object, 'list', 'embeddings object');
        expectEqual(r.data.length, 2, 'embeddings count');
        const direct = await fetch(`${mockUrl}/v1/embeddings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer mock-key' },
            body: JSON.stringify({ model: 'text-embedding-3-small', input, encoding_format: 'float' }),
        }).then((res) => res.json());
        r.data.forEach((d, i) => {
            expectEqual(d.index, i, 'embedding index');
            expect(Array.isArray(d.embedding) && d.embedding.length > 0, 'embedding vector', d);
            const want = direct.data[i].embedding;
            expectEqual(d.embedding.length, want.length, 'embedding dimensions');
            d.embedding.forEach((v, k) => expect(Math.abs(v - want[k]) < 1e-6, `embedding ${i}[${k}] differs`, [v, want[k]]));
        });
        const f = await client.embeddings.create({ model: embeddingModel, input: 'one', encoding_format: 'float' });
        expect(Array.isArray(f.data[0].embedding) && typeof f.data[0].embedding[0] === 'number', 'float embeddings', f.data[0]);
    },

    async models() {
        const ids = [];
        for await (const m of client.models.list()) {
            expectEqual(m.object, 'model', 'model object');
            ids.push(m.id);
        }
        expect(ids.includes(model), `models list lacks the alias ${model}`, ids);
    },

    async unknownModel() {
        try {
            await client.chat.completions.create({ model: 'no-such-alias-for-interop', messages: [{ role: 'user', content: 'x' }] });
        } catch (err) {
            expect(err instanceof OpenAI.NotFoundError, 'unknown alias: expected a 404 NotFoundError', String(err));
            expectEqual(err.code, 'model_not_found', 'unknown alias error code');
            return;
        }
        throw new Mismatch('unknown alias: the call succeeded');
    },
};

let failed = 0;
for (const [name, check] of Object.entries(checks)) {
    try {
        await mock('POST', '/__mock/reset', {});
        await check();
        console.log(`ok   ${name}`);
    } catch (err) {
        ++failed;
        const detail = err instanceof Mismatch ? err.message : err && err.stack ? err.stack : String(err);
        console.error(`FAIL ${name}: ${detail}`);
    }
}
if (failed) {
    console.error(`${failed} of ${Object.keys(checks).length} interop checks failed`);
    process.exit(1);
}
console.log(`all ${Object.keys(checks).length} interop checks passed`);
