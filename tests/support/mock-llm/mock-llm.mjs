#!/usr/bin/env node
// A faithful, scriptable mock of the OpenAI (and xAI / OpenAI-compatible), Anthropic and Ollama
// HTTP APIs for Gatehouse's tests and benchmarks. No dependencies: node:http only.
// Usage: node mock-llm.mjs [--port N] [--host 127.0.0.1] [--key mock-key]
// Prints "MOCK_LLM_PORT=<port>" on stdout once listening. See README.md for the control API.

import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const args = process.argv.slice(2);
function argValue(name, fallback) {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

const DEFAULT_CONFIG = () => ({
    apiKey: argValue('--key', process.env.MOCK_LLM_KEY || 'mock-key'),
    auth: true,        // false: any key (or none) is accepted
    ollamaAuth: false, // Ollama runs without auth locally
    strictModels: false,
    record: true,
    maxRecorded: 10000,
    models: {
        openai: ['gpt-4o-mini', 'gpt-4o', 'o3-mini', 'text-embedding-3-small'],
        anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5'],
        ollama: ['llama3.2:latest', 'nomic-embed-text:latest'],
    },
    // Knobs applied to every generated response unless a step or header says otherwise.
    defaults: { latencyMs: 0, ttftMs: 0, streamMs: 0, chunks: 0, delayMs: 0 },
});

let config = DEFAULT_CONFIG();
let steps = [];
let requests = [];
let counter = 0;
const hanging = new Set();
const stats = { requests: 0, active: 0, maxActive: 0 };
// Event-loop delay, so a benchmark can tell when the mock itself is the bottleneck.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

// ---------------------------------------------------------------- helpers

const nowSec = () => Math.floor(Date.now() / 1000);
const nextId = () => (++counter).toString(36).padStart(6, '0');

// The documented deterministic estimate: a quarter token per character, rounded up.
function estimateTokens(text) {
    if (!text) return 0;
    return Math.ceil(String(text).length / 4);
}

function textOf(content) {
    if (content == null) return '';
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) {
        return content
            .map((p) => {
                if (typeof p === 'string') return p;
                if (p.type === 'text' || p.type === 'input_text') return p.text || '';
                if (p.type === 'tool_result') return textOf(p.content);
                return '';
            })
            .join('');
    }
    return '';
}

function promptTokens(messages, system) {
    let n = estimateTokens(textOf(system));
    for (const m of messages || []) n += estimateTokens(textOf(m.content));
    return n;
}

// Default answer: echo the last user message; after a tool result, report it.
function defaultAnswer(messages) {
    const list = messages || [];
    const last = list[list.length - 1];
    if (last && last.role === 'tool') return 'tool result: ' + textOf(last.content);
    if (last && last.role === 'user' && Array.isArray(last.content)) {
        const result = last.content.find((b) => b && b.type === 'tool_result');
        if (result) return 'tool result: ' + textOf(result.content);
    }
    for (let i = list.length - 1; i >= 0; --i) {
        if (list[i].role === 'user') return 'echo: ' + textOf(list[i].content);
    }
    return 'echo: ';
}

// Content pieces: explicit list, N equal pieces, or one piece per word (with its space).
function splitContent(text, step) {
    if (Array.isArray(step.contentChunks)) return step.contentChunks.map(String);
    const n = Number(step.chunks || 0);
    if (n > 0) {
        let t = text;
        while (t.length < n) t += '.';
        const pieces = [];
        const size = t.length / n;
        for (let i = 0; i < n; ++i) pieces.push(t.slice(Math.round(i * size), Math.round((i + 1) * size)));
        return pieces;
    }
    const words = text.match(/\S+\s*|\s+/g);
    return words && words.length ? words : [text];
}

function splitString(s, size) {
    const out = [];
    if (size <= 0) return [s];
    for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
    return out.length ? out : [''];
}

function normalizedToolCalls(step) {
    return (step.toolCalls || []).map((t, i) => ({
        id: t.id,
        index: i,
        name: t.name,
        argsObject: typeof t.arguments === 'string' ? safeParse(t.arguments, {}) : t.arguments || {},
        argsString: typeof t.arguments === 'string' ? t.arguments : JSON.stringify(t.arguments || {}),
    }));
}

function safeParse(text, fallback) {
    try {
        return JSON.parse(text);
    } catch {
        return fallback;
    }
}

function embeddingFor(text, dims) {
    // Deterministic: a hash of the text seeds a small sine series.
    let h = 2166136261;
    for (let i = 0; i < text.length; ++i) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    const v = [];
    for (let i = 0; i < dims; ++i) v.push(Math.fround(Math.sin(h + i * 0.7) * 0.5));
    return v;
}

function toBase64Float32(vec) {
    const buf = Buffer.alloc(vec.length * 4);
    vec.forEach((x, i) => buf.writeFloatLE(x, i * 4));
    return buf.toString('base64');
}

function lowerHeaders(h) {
    const out = {};
    for (const [k, v] of Object.entries(h || {})) out[k.toLowerCase()] = String(v);
    return out;
}

// ---------------------------------------------------------------- error shapes

function openaiError(status, model, step = {}) {
    const e = step.error || {};
    let body;
    switch (status) {
    case 400:
        body = { message: 'Invalid request.', type: 'invalid_request_error', param: null, code: null };
        break;
    case 401:
        body = {
            message: 'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.',
            type: 'invalid_request_error', param: null, code: 'invalid_api_key',
        };
        break;
    case 403:
        body = { message: 'You are not allowed to sample from this model.', type: 'invalid_request_error', param: null, code: null };
        break;
    case 404:
        body = {
            message: `The model \`${model || 'unknown'}\` does not exist or you do not have access to it.`,
            type: 'invalid_request_error', param: null, code: 'model_not_found',
        };
        break;
    case 429:
        body = step.quota
            ? { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' }
            : {
                message: `Rate limit reached for ${model || 'gpt-4o-mini'} in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
                type: 'requests', param: null, code: 'rate_limit_exceeded',
            };
        break;
    default:
        body = status >= 500
            ? { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null }
            : { message: `Request failed with status ${status}.`, type: 'invalid_request_error', param: null, code: null };
    }
    return { error: { ...body, ...e } };
}

const ANTHROPIC_TYPES = {
    400: 'invalid_request_error', 401: 'authentication_error', 402: 'billing_error', 403: 'permission_error',
    404: 'not_found_error', 413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error',
    504: 'timeout_error', 529: 'overloaded_error',
};

function anthropicError(status, message, step = {}) {
    const type = ANTHROPIC_TYPES[status] || (status >= 500 ? 'api_error' : 'invalid_request_error');
    const defaults = {
        authentication_error: 'invalid x-api-key', overloaded_error: 'Overloaded', rate_limit_error:
            'This request would exceed the rate limit for your organization of 50 requests per minute.',
        api_error: 'Internal server error', not_found_error: 'model: not found',
    };
    const error = { type, message: message || defaults[type] || 'Invalid request', ...(step.error || {}) };
    if (type === 'overloaded_error') error.details = null;
    return { type: 'error', error, request_id: 'req_mock_' + nextId() };
}

function ollamaError(status, message, step = {}) {
    if (step.error && typeof step.error.message === 'string') return { error: step.error.message };
    const defaults = { 404: 'model not found', 429: 'too many requests', 400: 'invalid request' };
    return { error: message || defaults[status] || 'internal server error' };
}

function xaiError(status, step = {}) {
    if (status === 400 || status === 401) {
        return { code: 'Client specified an invalid argument', error: 'Incorrect API key provided: xa***ey. You can obtain an API key from https://console.x.ai.', ...(step.error || {}) };
    }
    return { code: 'Some error', error: `Request failed with status ${status}`, ...(step.error || {}) };
}

function errorBody(ctx, status, step = {}, message) {
    switch (ctx.provider) {
    case 'anthropic':
        return anthropicError(status, message, step);
    case 'ollama':
        return ollamaError(status, message, step);
    case 'xai':
        return xaiError(status, step);
    default: {
        const body = openaiError(status, ctx.body && ctx.body.model, step);
        if (message && !(step.error && step.error.message)) body.error.message = message;
        return body;
    }
    }
}

function errorHeaders(ctx, status) {
    if (status === 429 && (ctx.provider === 'openai' || ctx.provider === 'xai')) {
        return {
            'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0',
            'x-ratelimit-reset-requests': '20s', 'x-ratelimit-limit-tokens': '40000',
            'x-ratelimit-remaining-tokens': '39000', 'x-ratelimit-reset-tokens': '1.5s',
        };
    }
    if (status === 429 && ctx.provider === 'anthropic') {
        return { 'anthropic-ratelimit-requests-limit': '50', 'anthropic-ratelimit-requests-remaining': '0' };
    }
    return {};
}

// ---------------------------------------------------------------- writing

function providerHeaders(ctx) {
    const id = 'req_mock_' + nextId();
    if (ctx.provider === 'anthropic') return { 'request-id': id };
    if (ctx.provider === 'ollama') return {};
    return { 'x-request-id': id, 'openai-processing-ms': '1' };
}

function sendJson(ctx, status, body, step = {}) {
    const res = ctx.res;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = {
        'content-type': 'application/json',
        ...providerHeaders(ctx),
        ...(status >= 400 ? errorHeaders(ctx, status) : {}),
        ...lowerHeaders(step.headers),
        'content-length': Buffer.byteLength(text),
    };
    res.writeHead(status, headers);
    res.end(text);
}

function serializeEvent(ctx, ev) {
    if (typeof ev === 'string') return ev;
    if (ctx.format === 'anthropic') return `event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`;
    if (ctx.format === 'ndjson') return JSON.stringify(ev) + '\n';
    return `data: ${JSON.stringify(ev)}\n\n`;
}

// Writes a list of events as a streamed body: optional byte splitting, pacing, and an abrupt
// socket close part-way for cut-stream tests. Pacing uses one timer chain per response.
async function sendStream(ctx, events, step = {}) {
    const res = ctx.res;
    const status = step.status || 200;
    const contentType = ctx.format === 'ndjson' ? 'application/x-ndjson' : 'text/event-stream; charset=utf-8';
    res.writeHead(status, {
        'content-type': contentType,
        'cache-control': 'no-cache',
        ...providerHeaders(ctx),
        ...lowerHeaders(step.headers),
    });
    res.flushHeaders();
    // Time to first token: the head is out, the first event waits.
    if (Number(step.ttftMs) > 0) {
        await sleep(Number(step.ttftMs));
        if (ctx.closed) return;
    }

    const buffers = events.map((e) => Buffer.from(serializeEvent(ctx, e), 'utf8'));
    let cutAt = Infinity;
    if (step.cutAfter != null) cutAt = buffers.slice(0, Number(step.cutAfter)).reduce((n, b) => n + b.length, 0);
    if (step.cutAfterBytes != null) cutAt = Math.min(cutAt, Number(step.cutAfterBytes));

    let pieces = buffers;
    const split = Number(step.splitBytes || 0);
    if (split > 0) {
        const all = Buffer.concat(buffers);
        pieces = [];
        for (let i = 0; i < all.length; i += split) pieces.push(all.subarray(i, i + split));
    }
    let interval = Number(step.delayMs || 0);
    const streamMs = Number(step.streamMs || 0);
    if (!interval && streamMs > 0 && pieces.length > 1) interval = streamMs / (pieces.length - 1);

    let written = 0;
    for (let i = 0; i < pieces.length; ++i) {
        if (ctx.closed) return;
        if (i > 0 && interval > 0) {
            await sleep(interval);
            if (ctx.closed) return;
        }
        let piece = pieces[i];
        if (written + piece.length >= cutAt) {
            piece = piece.subarray(0, cutAt - written);
            if (piece.length) res.write(piece);
            // Close after the written bytes have left (no terminating chunk, no [DONE]); a
            // destroy right away could drop bytes still buffered in the socket.
            const socket = res.socket;
            if (socket) {
                socket.end();
                setTimeout(() => socket.destroy(), 200).unref();
            }
            return;
        }
        res.write(piece);
        written += piece.length;
    }
    res.end();
}

// ---------------------------------------------------------------- OpenAI

function openaiChat(ctx, step) {
    const body = ctx.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
        return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'We could not parse the JSON body of your request.'));
    }
    if (!body.model) return sendJson(ctx, 400, errorBody(ctx, 400, { error: { param: 'model' } }, 'you must provide a model parameter'));
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
        return sendJson(ctx, 400, errorBody(ctx, 400, { error: { param: 'messages' } }, "Missing required parameter: 'messages'."));
    }
    if (/^(o\d|gpt-5)/.test(body.model) && body.max_tokens != null) {
        return sendJson(ctx, 400, errorBody(ctx, 400, { error: { param: 'max_tokens', code: 'unsupported_parameter' } },
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."));
    }
    if (!modelKnown(ctx, body.model)) return sendJson(ctx, 404, errorBody(ctx, 404));

    const tools = normalizedToolCalls(step);
    const content = step.content !== undefined ? step.content : tools.length ? null : defaultAnswer(body.messages);
    const finish = step.finishReason || (tools.length ? 'tool_calls' : 'stop');
    const prompt = promptTokens(body.messages);
    const reasoning = estimateTokens(step.thinking || '');
    const completion = estimateTokens(content || '') + reasoning + tools.reduce((n, t) => n + estimateTokens(t.argsString), 0);
    const usage = {
        prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
        ...(step.usage || {}),
    };
    const id = 'chatcmpl-mock' + nextId();
    const created = nowSec();
    const fingerprint = ctx.provider === 'ollama-openai' ? 'fp_ollama' : 'fp_mock';

    if (!body.stream) {
        const message = { role: 'assistant', content, refusal: null, annotations: [] };
        if (step.thinking) message.reasoning_content = String(step.thinking);
        if (tools.length) {
            message.tool_calls = tools.map((t) => ({
                id: t.id || `call_mock${t.index}_${id.slice(-6)}`, type: 'function', function: { name: t.name, arguments: t.argsString },
            }));
        }
        const out = {
            id, object: 'chat.completion', created, model: body.model, service_tier: 'default', system_fingerprint: fingerprint,
            choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
        };
        if (!step.omitUsage) out.usage = usage;
        return sendJson(ctx, step.status || 200, out, step);
    }

    const includeUsage = !!(body.stream_options && body.stream_options.include_usage);
    const chunk = (delta, finishReason = null) => {
        const c = {
            id, object: 'chat.completion.chunk', created, model: body.model, service_tier: 'default', system_fingerprint: fingerprint,
            choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        };
        if (includeUsage) c.usage = null;
        return c;
    };
    const events = [chunk({ role: 'assistant', content: tools.length && !content ? null : '', refusal: null })];
    if (step.thinking) {
        for (const piece of splitContent(String(step.thinking), {})) events.push(chunk({ reasoning_content: piece }));
    }
    if (content) for (const piece of splitContent(content, step)) events.push(chunk({ content: piece }));
    const fragmentSize = Number(step.argsChunkSize || 7);
    for (const t of tools) {
        events.push(chunk({
            tool_calls: [{ index: t.index, id: t.id || `call_mock${t.index}_${id.slice(-6)}`, type: 'function', function: { name: t.name, arguments: '' } }],
        }));
        for (const frag of splitString(t.argsString, fragmentSize)) {
            events.push(chunk({ tool_calls: [{ index: t.index, function: { arguments: frag } }] }));
        }
    }
    if (step.streamError) {
        const at = Math.min(Number(step.streamError.afterEvents ?? 2), events.length);
        events.length = at;
        events.push({ error: { message: step.streamError.message || 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } });
        return sendStream(ctx, events, step);
    }
    events.push(chunk({}, finish));
    if (includeUsage && !step.omitUsage) {
        const u = { id, object: 'chat.completion.chunk', created, model: body.model, service_tier: 'default', system_fingerprint: fingerprint, choices: [], usage };
        events.push(u);
    }
    events.push('data: [DONE]\n\n');
    return sendStream(ctx, events, step);
}

function openaiEmbeddings(ctx, step) {
    const body = ctx.body;
    if (!body || typeof body !== 'object') return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'We could not parse the JSON body of your request.'));
    if (!body.model) return sendJson(ctx, 400, errorBody(ctx, 400, { error: { param: 'model' } }, 'you must provide a model parameter'));
    if (body.input == null) return sendJson(ctx, 400, errorBody(ctx, 400, { error: { param: 'input' } }, "Missing required parameter: 'input'."));
    if (!modelKnown(ctx, body.model)) return sendJson(ctx, 404, errorBody(ctx, 404));
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const dims = Number(body.dimensions || step.dimensions || 8);
    const base64 = body.encoding_format === 'base64';
    let tokens = 0;
    const data = inputs.map((input, index) => {
        const text = Array.isArray(input) || typeof input === 'number' ? JSON.stringify(input) : String(input);
        tokens += Array.isArray(input) ? input.length : typeof input === 'number' ? 1 : estimateTokens(text);
        const vec = embeddingFor(text, dims);
        return { object: 'embedding', index, embedding: base64 ? toBase64Float32(vec) : vec };
    });
    const out = { object: 'list', data, model: body.model };
    if (!step.omitUsage) out.usage = { prompt_tokens: tokens, total_tokens: tokens };
    return sendJson(ctx, step.status || 200, out, step);
}

function openaiModels(ctx, step) {
    const created = 1700000000;
    const owner = ctx.provider === 'xai' ? 'xai' : 'openai';
    const data = config.models.openai.map((id) => ({ id, object: 'model', created, owned_by: owner }));
    const one = ctx.path.match(/^\/v1\/models\/(.+)$/);
    if (one) {
        const m = data.find((d) => d.id === decodeURIComponent(one[1]));
        if (!m) return sendJson(ctx, 404, errorBody(ctx, 404, {}, `The model '${one[1]}' does not exist`));
        return sendJson(ctx, 200, m, step);
    }
    return sendJson(ctx, step.status || 200, { object: 'list', data }, step);
}

// ---------------------------------------------------------------- Anthropic

function anthropicBlocksIn(messages) {
    return (messages || []).filter((m) => m.role !== 'user' && m.role !== 'assistant');
}

function anthropicMessages(ctx, step) {
    const body = ctx.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'Invalid JSON body'));
    if (!body.model) return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'model: Field required'));
    if (body.max_tokens == null) return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'max_tokens: Field required'));
    if (!Array.isArray(body.messages) || body.messages.length === 0) return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'messages: Field required'));
    if (anthropicBlocksIn(body.messages).length) {
        return sendJson(ctx, 400, errorBody(ctx, 400, {}, "messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter, not \"system\" as an input message role."));
    }
    if (body.temperature != null && (body.temperature < 0 || body.temperature > 1)) {
        return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'temperature: Input should be less than or equal to 1'));
    }
    if (!modelKnown(ctx, body.model)) return sendJson(ctx, 404, errorBody(ctx, 404, {}, `model: ${body.model}`));

    const tools = normalizedToolCalls(step);
    const text = step.content !== undefined ? step.content : tools.length ? '' : defaultAnswer(body.messages);
    const stop = step.stopReason || ({ stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use' }[step.finishReason])
        || (tools.length ? 'tool_use' : 'end_turn');
    const input = promptTokens(body.messages, body.system);
    const output = estimateTokens(text || '') + estimateTokens(step.thinking || '') + tools.reduce((n, t) => n + estimateTokens(t.argsString), 0);
    const usage = {
        input_tokens: input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: output,
        service_tier: 'standard', ...(step.usage || {}),
    };
    const id = 'msg_mock' + nextId();
    const toolId = (t) => t.id || `toolu_mock${t.index}_${id.slice(-6)}`;

    if (!body.stream) {
        const content = [];
        if (step.thinking) content.push({ type: 'thinking', thinking: String(step.thinking), signature: 'sig_mock' });
        if (text) content.push({ type: 'text', text });
        for (const t of tools) content.push({ type: 'tool_use', id: toolId(t), name: t.name, input: t.argsObject });
        const out = { id, type: 'message', role: 'assistant', model: body.model, content, stop_reason: stop, stop_sequence: null };
        if (!step.omitUsage) out.usage = usage;
        return sendJson(ctx, step.status || 200, out, step);
    }

    const events = [{
        type: 'message_start',
        message: {
            id, type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null,
            usage: { ...usage, output_tokens: 1 },
        },
    }];
    let index = 0;
    if (step.thinking) {
        // Extended thinking comes first: content[0] is not always text.
        events.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '' } });
        events.push({ type: 'ping' });
        for (const piece of splitContent(String(step.thinking), {})) {
            events.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: piece } });
        }
        events.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'sig_mock' } });
        events.push({ type: 'content_block_stop', index });
        ++index;
    }
    if (text || !tools.length) {
        events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
        if (index === 0) events.push({ type: 'ping' });
        for (const piece of text ? splitContent(text, step) : []) {
            events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
        }
        events.push({ type: 'content_block_stop', index });
        ++index;
    }
    const fragmentSize = Number(step.argsChunkSize || 7);
    for (const t of tools) {
        events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: toolId(t), name: t.name, input: {} } });
        if (index === 0) events.push({ type: 'ping' });
        events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '' } });
        for (const frag of splitString(t.argsString, fragmentSize)) {
            events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: frag } });
        }
        events.push({ type: 'content_block_stop', index });
        ++index;
    }
    if (step.streamError) {
        const at = Math.min(Number(step.streamError.afterEvents ?? 2), events.length);
        events.length = at;
        events.push({ type: 'error', error: { type: step.streamError.type || 'overloaded_error', message: step.streamError.message || 'Overloaded' } });
        return sendStream(ctx, events, step);
    }
    const delta = { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null } };
    if (!step.omitUsage) delta.usage = { output_tokens: usage.output_tokens };
    events.push(delta);
    events.push({ type: 'message_stop' });
    return sendStream(ctx, events, step);
}

function anthropicCountTokens(ctx, step) {
    const body = ctx.body;
    if (!body || !body.model || !Array.isArray(body.messages)) return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'model and messages are required'));
    return sendJson(ctx, 200, { input_tokens: promptTokens(body.messages, body.system) }, step);
}

function anthropicModels(ctx, step) {
    const data = config.models.anthropic.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
    return sendJson(ctx, step.status || 200, {
        data, has_more: false, first_id: data.length ? data[0].id : null, last_id: data.length ? data[data.length - 1].id : null,
    }, step);
}

// ---------------------------------------------------------------- Ollama native

function ollamaChat(ctx, step, generate = false) {
    const body = ctx.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'invalid character in JSON body'));
    if (!body.model) return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'model is required'));
    if (!modelKnown(ctx, body.model)) return sendJson(ctx, 404, errorBody(ctx, 404, {}, `model '${body.model}' not found`));
    const messages = generate ? [{ role: 'user', content: body.prompt || '' }] : body.messages || [];
    const tools = generate ? [] : normalizedToolCalls(step);
    const text = step.content !== undefined ? step.content : tools.length ? '' : defaultAnswer(messages);
    const doneReason = step.doneReason || (step.finishReason === 'length' ? 'length' : 'stop');
    const prompt = promptTokens(messages, body.system);
    const evalCount = estimateTokens(text || '') + estimateTokens(step.thinking || '') + tools.reduce((n, t) => n + estimateTokens(t.argsString), 0);
    const createdAt = new Date().toISOString();
    const metrics = () => {
        const m = { total_duration: 5000000, load_duration: 1000000, prompt_eval_count: prompt, prompt_eval_duration: 1000000, eval_count: evalCount, eval_duration: 3000000 };
        if (step.omitUsage) { delete m.prompt_eval_count; delete m.eval_count; }
        if (step.omitPromptEvalCount) delete m.prompt_eval_count;
        return { ...m, ...(step.usage || {}) };
    };
    const toolCalls = tools.map((t) => ({ ...(t.id ? { id: t.id } : {}), function: { index: t.index, name: t.name, arguments: t.argsObject } }));
    const piece = (content, extra = {}) => generate
        ? { model: body.model, created_at: createdAt, response: content, done: false, ...extra }
        : { model: body.model, created_at: createdAt, message: { role: 'assistant', content, ...extra.message }, done: false };

    if (body.stream === false) {
        const out = generate
            ? { model: body.model, created_at: createdAt, response: text, done: true, done_reason: doneReason, context: [1, 2, 3], ...metrics() }
            : {
                model: body.model, created_at: createdAt,
                message: { role: 'assistant', content: text, ...(step.thinking ? { thinking: String(step.thinking) } : {}), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
                done: true, done_reason: doneReason, ...metrics(),
            };
        return sendJson(ctx, step.status || 200, out, step);
    }
    ctx.format = 'ndjson';
    const events = [];
    if (step.thinking && !generate) {
        for (const p of splitContent(String(step.thinking), {})) events.push(piece('', { message: { thinking: p } }));
    }
    if (text) for (const p of splitContent(text, step)) events.push(piece(p));
    if (toolCalls.length) events.push(piece('', { message: { tool_calls: toolCalls } }));
    if (step.streamError) {
        events.length = Math.min(Number(step.streamError.afterEvents ?? 1), events.length);
        events.push({ error: step.streamError.message || 'an error was encountered while running the model' });
        return sendStream(ctx, events, step);
    }
    const final = generate
        ? { model: body.model, created_at: createdAt, response: '', done: true, done_reason: doneReason, context: [1, 2, 3], ...metrics() }
        : { model: body.model, created_at: createdAt, message: { role: 'assistant', content: '' }, done: true, done_reason: doneReason, ...metrics() };
    events.push(final);
    return sendStream(ctx, events, step);
}

function ollamaEmbed(ctx, step) {
    const body = ctx.body;
    if (!body || !body.model) return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'model is required'));
    if (!modelKnown(ctx, body.model)) return sendJson(ctx, 404, errorBody(ctx, 404, {}, `model '${body.model}' not found`));
    if (ctx.path === '/api/embeddings') {
        return sendJson(ctx, 200, { embedding: embeddingFor(String(body.prompt || ''), Number(step.dimensions || 8)) }, step);
    }
    const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ''];
    const dims = Number(body.dimensions || step.dimensions || 8);
    const out = {
        model: body.model, embeddings: inputs.map((t) => embeddingFor(String(t), dims)),
        total_duration: 2000000, load_duration: 500000,
        prompt_eval_count: inputs.reduce((n, t) => n + estimateTokens(String(t)), 0),
    };
    if (step.omitUsage) delete out.prompt_eval_count;
    return sendJson(ctx, step.status || 200, out, step);
}

function ollamaTags(ctx, step) {
    const models = config.models.ollama.map((name) => ({
        name, model: name, modified_at: '2025-01-01T00:00:00Z', size: 2019393189,
        digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
        details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
    }));
    return sendJson(ctx, step.status || 200, { models }, step);
}

// ---------------------------------------------------------------- routing

function modelKnown(ctx, model) {
    if (!config.strictModels) return true;
    const list = ctx.provider === 'anthropic' ? config.models.anthropic : ctx.provider === 'ollama' ? config.models.ollama : config.models.openai;
    return list.includes(model);
}

const FLAVORS = new Set(['openai', 'xai', 'compat', 'anthropic', 'ollama']);

// Which provider answers: an optional first path segment names it (/xai/v1/..., /anthropic/v1/...);
// otherwise the path and the Anthropic headers decide.
function classify(ctx) {
    const m = ctx.fullPath.match(/^\/([a-z]+)(\/.*)$/);
    let flavor = null;
    ctx.path = ctx.fullPath;
    if (m && FLAVORS.has(m[1])) {
        flavor = m[1];
        ctx.path = m[2];
    }
    if (flavor === 'compat') flavor = 'openai';
    if (!flavor) {
        if (ctx.path.startsWith('/api/')) flavor = 'ollama';
        else if (ctx.path.startsWith('/v1/messages')) flavor = 'anthropic';
        else if (ctx.path === '/v1/models' && (ctx.headers['x-api-key'] || ctx.headers['anthropic-version'])) flavor = 'anthropic';
        else flavor = 'openai';
    }
    ctx.provider = flavor;
    ctx.format = flavor === 'anthropic' ? 'anthropic' : flavor === 'ollama' ? 'ndjson' : 'sse';
}

function route(ctx) {
    const { method, path } = ctx;
    if (ctx.provider === 'ollama' && path.startsWith('/v1/')) {
        // Ollama's OpenAI-compatible surface: OpenAI shapes, the key is ignored.
        ctx.provider = 'ollama-openai';
        ctx.format = 'sse';
    }
    if (ctx.provider === 'ollama') {
        if (method === 'POST' && path === '/api/chat') return ollamaChat;
        if (method === 'POST' && path === '/api/generate') return (c, s) => ollamaChat(c, s, true);
        if (method === 'POST' && (path === '/api/embed' || path === '/api/embeddings')) return ollamaEmbed;
        if (method === 'GET' && path === '/api/tags') return ollamaTags;
        return null;
    }
    if (ctx.provider === 'anthropic') {
        if (method === 'POST' && path === '/v1/messages') return anthropicMessages;
        if (method === 'POST' && path === '/v1/messages/count_tokens') return anthropicCountTokens;
        if (method === 'GET' && path === '/v1/models') return anthropicModels;
        return null;
    }
    if (method === 'POST' && path === '/v1/chat/completions') return openaiChat;
    if (method === 'POST' && path === '/v1/embeddings') return openaiEmbeddings;
    if (method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'))) return openaiModels;
    return null;
}

// Returns an error status when the credentials are wrong, else 0.
function checkAuth(ctx) {
    if (!config.auth) return 0;
    const h = ctx.headers;
    const bearer = (h.authorization || '').replace(/^Bearer\s+/i, '');
    if (ctx.provider === 'ollama-openai') return 0;
    if (ctx.provider === 'ollama') return config.ollamaAuth && bearer !== config.apiKey ? 401 : 0;
    if (ctx.provider === 'anthropic') {
        const key = h['x-api-key'] || bearer;
        if (key !== config.apiKey) return 401;
        return 0;
    }
    if (bearer !== config.apiKey) return ctx.provider === 'xai' && bearer ? 400 : 401;
    return 0;
}

function takeStep(ctx) {
    for (let i = 0; i < steps.length; ++i) {
        const s = steps[i];
        if (s.path) {
            const p = String(s.path);
            const matches = p.endsWith('*')
                ? ctx.fullPath.startsWith(p.slice(0, -1)) || ctx.path.startsWith(p.slice(0, -1))
                : ctx.fullPath === p || ctx.path === p;
            if (!matches) continue;
        }
        if (s.method && String(s.method).toUpperCase() !== ctx.method) continue;
        if (s.model && !(ctx.body && ctx.body.model === s.model)) continue;
        if (s.sticky) return s;
        const times = s.times == null ? 1 : Number(s.times);
        if (times <= 1) steps.splice(i, 1);
        else s.times = times - 1;
        return s;
    }
    return null;
}

// Knobs given per request as headers, for load tests that cannot script each request.
function headerKnobs(ctx) {
    const out = {};
    const h = ctx.headers;
    if (h['x-mock-stream-ms']) out.streamMs = Number(h['x-mock-stream-ms']);
    if (h['x-mock-chunks']) out.chunks = Number(h['x-mock-chunks']);
    if (h['x-mock-latency-ms']) out.latencyMs = Number(h['x-mock-latency-ms']);
    if (h['x-mock-delay-ms']) out.delayMs = Number(h['x-mock-delay-ms']);
    if (h['x-mock-ttft-ms']) out.ttftMs = Number(h['x-mock-ttft-ms']);
    return out;
}

async function handleProvider(ctx) {
    classify(ctx);
    const handler = route(ctx);
    if (ctx.entry) ctx.entry.providerPath = ctx.path;
    const scripted = takeStep(ctx);
    const defaults = {};
    for (const [k, v] of Object.entries(config.defaults)) if (v) defaults[k] = v;
    const step = { ...defaults, ...headerKnobs(ctx), ...(scripted || {}) };

    if (step.latencyMs > 0) await sleep(Number(step.latencyMs));
    if (ctx.closed) return;
    if (step.hang) {
        hanging.add(ctx.res);
        ctx.res.on('close', () => hanging.delete(ctx.res));
        return;
    }
    if (step.destroy) {
        ctx.req.socket.destroy();
        return;
    }
    if (step.stream) return sendStream(ctx, step.stream, step);
    if (step.body !== undefined) return sendJson(ctx, step.status || 200, step.body, step);
    if (step.status >= 400) return sendJson(ctx, step.status, errorBody(ctx, step.status, step), step);

    if (!handler) {
        if (ctx.provider === 'ollama') return sendJson(ctx, 404, { error: '404 page not found' });
        return sendJson(ctx, 404, errorBody(ctx, 404, ctx.format === 'sse' && ctx.provider !== 'xai' ? { error: { code: null } } : {}, `Invalid URL (${ctx.method} ${ctx.fullPath})`));
    }
    const authStatus = checkAuth(ctx);
    if (authStatus) {
        if (ctx.provider === 'anthropic') {
            const message = ctx.headers['x-api-key'] || ctx.headers.authorization ? 'invalid x-api-key' : 'x-api-key header is required';
            return sendJson(ctx, 401, anthropicError(401, message));
        }
        return sendJson(ctx, authStatus, errorBody(ctx, authStatus));
    }
    if (ctx.provider === 'anthropic' && !ctx.headers['anthropic-version'] && ctx.path.startsWith('/v1/messages')) {
        return sendJson(ctx, 400, anthropicError(400, 'anthropic-version: header is required'));
    }
    if (ctx.rawBody.length && ctx.method === 'POST' && ctx.body === undefined) {
        return sendJson(ctx, 400, errorBody(ctx, 400, {}, 'We could not parse the JSON body of your request.'));
    }
    return handler(ctx, step);
}

// ---------------------------------------------------------------- control API

function controlJson(res, status, body) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
}

function handleControl(ctx) {
    const { method, path, res } = ctx;
    const url = new URL(ctx.req.url, 'http://mock');
    if (method === 'POST' && path === '/__mock/script') {
        const b = ctx.body;
        let list = Array.isArray(b) ? b : b && Array.isArray(b.steps) ? b.steps : null;
        if (!list) return controlJson(res, 400, { error: 'expected a JSON list of steps or {steps:[...]}' });
        if (b && !Array.isArray(b) && b.path) list = list.map((s) => ({ path: b.path, ...s }));
        if (b && b.replace) steps = [];
        steps.push(...list.map((s) => ({ ...s })));
        return controlJson(res, 200, { queued: list.length, pending: steps.length });
    }
    if (method === 'GET' && path === '/__mock/script') return controlJson(res, 200, steps);
    if (method === 'GET' && path === '/__mock/requests') {
        const filter = url.searchParams.get('path');
        return controlJson(res, 200, filter ? requests.filter((r) => r.path === filter || r.providerPath === filter) : requests);
    }
    if (method === 'POST' && path === '/__mock/reset') {
        steps = [];
        requests = [];
        // Configuration survives unless asked: a harness may reset between checks of one setup.
        if (ctx.body && ctx.body.config) config = DEFAULT_CONFIG();
        for (const r of hanging) r.socket && r.socket.destroy();
        hanging.clear();
        return controlJson(res, 200, { ok: true });
    }
    if (method === 'POST' && path === '/__mock/config') {
        const b = ctx.body || {};
        config = { ...config, ...b, models: { ...config.models, ...(b.models || {}) }, defaults: { ...config.defaults, ...(b.defaults || {}) } };
        return controlJson(res, 200, config);
    }
    if (method === 'GET' && path === '/__mock/config') return controlJson(res, 200, config);
    if (method === 'GET' && path === '/__mock/stats') {
        const ms = (ns) => Math.round(ns / 1e4) / 100;
        const out = {
            ...stats, pendingSteps: steps.length, hanging: hanging.size, recorded: requests.length,
            loopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
            rssMb: Math.round(process.memoryUsage().rss / 1048576),
        };
        if (url.searchParams.get('clear')) loopDelay.reset();
        return controlJson(res, 200, out);
    }
    if (method === 'GET' && path === '/__mock/health') return controlJson(res, 200, { ok: true, port: server.address().port });
    return controlJson(res, 404, { error: 'unknown control endpoint' });
}

// ---------------------------------------------------------------- server

const server = http.createServer({ keepAlive: true, noDelay: true }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
        const rawBody = Buffer.concat(chunks);
        const fullPath = req.url.split('?')[0];
        const ctx = { req, res, method: req.method, fullPath, path: fullPath, headers: req.headers, rawBody, closed: false };
        if (rawBody.length) {
            try {
                ctx.body = JSON.parse(rawBody.toString('utf8'));
            } catch {
                ctx.body = undefined;
            }
        }
        res.on('close', () => {
            ctx.closed = true;
            if (!fullPath.startsWith('/__mock/')) --stats.active;
        });
        if (fullPath.startsWith('/__mock/')) {
            if (rawBody.length && ctx.body === undefined) return controlJson(res, 400, { error: 'invalid JSON' });
            return handleControl(ctx);
        }
        ++stats.requests;
        stats.maxActive = Math.max(stats.maxActive, ++stats.active);
        if (config.record) {
            const entry = {
                method: req.method, path: fullPath, query: req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '',
                headers: req.headers, body: ctx.body !== undefined ? ctx.body : rawBody.length ? rawBody.toString('utf8') : null,
                time: Date.now(),
            };
            requests.push(entry);
            if (requests.length > config.maxRecorded) requests.splice(0, requests.length - config.maxRecorded);
            ctx.entry = entry;
        }
        handleProvider(ctx).catch((err) => {
                process.stderr.write(`mock-llm: ${err && err.stack ? err.stack : err}\n`);
                if (!res.headersSent) controlJson(res, 500, { error: String(err) });
                else res.destroy();
            });
    });
});

server.keepAliveTimeout = 65000;
server.headersTimeout = 66000;
server.requestTimeout = 0; // hanging requests must stay open as long as the client waits
server.maxRequestsPerSocket = 0;
server.on('clientError', (err, socket) => socket.destroy());

const host = argValue('--host', '127.0.0.1');
const port = Number(argValue('--port', process.env.MOCK_LLM_PORT || 0));
server.listen({ host, port, backlog: 4096 }, () => {
    process.stdout.write(`MOCK_LLM_PORT=${server.address().port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
        server.close();
        for (const r of hanging) r.socket && r.socket.destroy();
        process.exit(0);
    });
}
