// The LLM gateway against the mock provider directly (see ../run-ai-bench.sh).
//   1. added latency at a fixed 500 requests/s, non-streaming: p50/p99 via the gateway minus direct
//   2. sustained throughput through the gateway (64 connections, no rate cap)
//   3. 1,000 concurrent streams (the mock spreads each over 2 s): all complete, time to first
//      token via the gateway minus direct (p99), peak RSS of gatehoused
import autocannon from 'autocannon';
import http from 'node:http';
import fs from 'node:fs';

const env = (name) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
};
const GATEWAY = env('GATEHOUSE_URL');
const KEY = env('GATEHOUSE_API_KEY');
const MOCK = env('MOCK_LLM_URL');
const MOCK_KEY = process.env.MOCK_LLM_KEY || 'mock-key';
const ALIAS = process.env.ALIAS || 'bench';
const PID = Number(process.env.GATEHOUSED_PID || 0);
const DURATION = Number(process.env.DURATION || 15);
const STREAMS = Number(process.env.STREAMS || 1000);

const body = (stream) =>
    JSON.stringify({ model: ALIAS, stream, messages: [{ role: 'user', content: 'Summarise the quarter in one line.' }] });
const directBody = (stream) =>
    JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: 'Summarise the quarter in one line.' }] });
const targets = {
    direct: { url: `${MOCK}/v1/chat/completions`, auth: `Bearer ${MOCK_KEY}`, body: directBody },
    gateway: { url: `${GATEWAY}/api/v2/_ai/v1/chat/completions`, auth: `Bearer ${KEY}`, body },
};

function cannon(target, options) {
    return autocannon({
        url: target.url,
        method: 'POST',
        headers: { authorization: target.auth, 'content-type': 'application/json' },
        body: target.body(false),
        duration: DURATION,
        ...options,
    });
}

function rssKb() {
    if (!PID) return 0;
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${PID}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
}

function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function streamOnce(target) {
    return new Promise((resolve) => {
        const started = process.hrtime.bigint();
        const url = new URL(target.url);
        const payload = target.body(true);
        let first = -1;
        let text = '';
        const req = http.request(
            {
                host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: false,
                headers: { authorization: target.auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
            },
            (res) => {
                res.setEncoding('utf8');
                res.on('data', (chunk) => {
                    text += chunk;
                    if (first < 0 && text.includes('"content":"') && /"content":"[^"]/.test(text))
                        first = Number(process.hrtime.bigint() - started) / 1e6;
                });
                res.on('end', () => resolve({ ok: res.statusCode === 200 && text.includes('[DONE]'), ttft: first }));
            },
        );
        req.on('error', () => resolve({ ok: false, ttft: -1 }));
        req.end(payload);
    });
}

async function streams(target) {
    let peak = rssKb();
    const timer = setInterval(() => { peak = Math.max(peak, rssKb()); }, 100);
    const results = await Promise.all(Array.from({ length: STREAMS }, () => streamOnce(target)));
    clearInterval(timer);
    const ttfts = results.filter((r) => r.ttft >= 0).map((r) => r.ttft);
    return { completed: results.filter((r) => r.ok).length, p50: percentile(ttfts, 50), p99: percentile(ttfts, 99), peakRssKb: peak };
}

async function mockDefaults(defaults) {
    await fetch(`${MOCK}/__mock/config`, { method: 'POST', body: JSON.stringify({ defaults }), headers: { 'content-type': 'application/json' } });
}

const fmt = (ms) => `${ms.toFixed(2)} ms`;
await mockDefaults({ streamMs: 0, chunks: 0 });
console.log(`1. non-streaming at 500 req/s for ${DURATION} s (50 connections)`);
const direct = await cannon(targets.direct, { connections: 50, overallRate: 500 });
const gated = await cannon(targets.gateway, { connections: 50, overallRate: 500 });
for (const [name, r] of [['direct', direct], ['gateway', gated]])
    console.log(`   ${name.padEnd(8)} p50 ${fmt(r.latency.p50)}  p99 ${fmt(r.latency.p99)}  req/s ${r.requests.average}  non-2xx ${r.non2xx} errors ${r.errors}`);
console.log(`   added latency: p50 ${fmt(gated.latency.p50 - direct.latency.p50)}  p99 ${fmt(gated.latency.p99 - direct.latency.p99)}`);

console.log(`2. sustained through the gateway, 64 connections, ${DURATION} s`);
const max = await cannon(targets.gateway, { connections: 64 });
console.log(`   ${max.requests.average} req/s  p99 ${fmt(max.latency.p99)}  non-2xx ${max.non2xx} errors ${max.errors}`);

console.log(`3. ${STREAMS} concurrent streams, 20 chunks over 2 s each`);
await mockDefaults({ streamMs: 2000, chunks: 20 });
const sDirect = await streams(targets.direct);
const sGated = await streams(targets.gateway);
await mockDefaults({ streamMs: 0, chunks: 0 });
console.log(`   direct   completed ${sDirect.completed}/${STREAMS}  TTFT p50 ${fmt(sDirect.p50)} p99 ${fmt(sDirect.p99)}`);
console.log(`   gateway  completed ${sGated.completed}/${STREAMS}  TTFT p50 ${fmt(sGated.p50)} p99 ${fmt(sGated.p99)}  peak RSS ${(sGated.peakRssKb / 1024).toFixed(0)} MB`);
console.log(`   TTFT overhead p99: ${fmt(sGated.p99 - sDirect.p99)}`);
