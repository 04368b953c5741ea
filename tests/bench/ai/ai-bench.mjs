// The LLM gateway against the mock provider directly (see ../run-ai-bench.sh).
//   1. added latency at a fixed 500 requests/s, non-streaming: p50/p99 via the gateway minus direct
//   2. sustained throughput through the gateway (64 connections, no rate cap)
//   3. 1,000 concurrent streams (the mock spreads each over 2 s): all complete, time to first
//      token via the gateway minus direct (p99), peak RSS of gatehoused
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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
const STREAMS = Number(process.env.STREAMS || 1000); // STREAMS_ONLY=1 skips parts 1 and 2

const body = (stream) =>
    JSON.stringify({ model: ALIAS, stream, messages: [{ role: 'user', content: 'Summarise the quarter in one line.' }] });
const directBody = (stream) =>
    JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: 'Summarise the quarter in one line.' }] });
const targets = {
    direct: { url: `${MOCK}/v1/chat/completions`, auth: `Bearer ${MOCK_KEY}`, body: directBody },
    gateway: { url: `${GATEWAY}/api/v2/_ai/v1/chat/completions`, auth: `Bearer ${KEY}`, body },
};

// wrk (C, microsecond latencies) with a Lua script: POST the body; with `delayMs`, each of the
// connections waits that long before its next request, which paces the total rate.
function wrk(target, { connections, delayMs = 0, seconds = DURATION }) {
    const script = path.join(os.tmpdir(), `gatehouse-ai-bench-${process.pid}.lua`);
    fs.writeFileSync(script, `wrk.method = "POST"
wrk.body = ${JSON.stringify(target.body(false))}
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "${target.auth}"
${delayMs ? `function delay() return ${delayMs} end` : ''}
`);
    const out = execFileSync('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, target.url], { encoding: 'utf8' });
    fs.unlinkSync(script);
    const ms = (text) => {
        const m = /([\d.]+)(us|ms|s)\b/.exec(text);
        if (!m) return NaN;
        return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]];
    };
    const line = (label) => (out.split('\n').find((l) => l.trim().startsWith(label)) || '').trim().split(/\s+/)[1] || '';
    const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
    return {
        rps: Number((/Requests\/sec:\s+([\d.]+)/.exec(out) || [])[1]),
        p50: ms(line('50%')),
        p99: ms(line('99%')),
        non2xx: non2xx ? Number(non2xx[1]) : 0,
    };
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

// Starts are spread over RAMP_MS (1 s by default) and every stream lasts 2 s, so all of them are
// open at once by the end of the ramp; a start-line burst would measure accept-queue waiting,
// not the gateway's per-stream overhead.
const RAMP_MS = Number(process.env.RAMP_MS || 1000);
async function streams(target, count = STREAMS) {
    let peak = rssKb();
    let inFlight = 0;
    let maxInFlight = 0;
    const timer = setInterval(() => { peak = Math.max(peak, rssKb()); }, 100);
    const runs = [];
    for (let i = 0; i < count; ++i) {
        if (i > 0 && RAMP_MS > 0 && i % 10 === 0) await new Promise((r) => setTimeout(r, (RAMP_MS * 10) / count));
        ++inFlight;
        maxInFlight = Math.max(maxInFlight, inFlight);
        runs.push(streamOnce(target).then((r) => { --inFlight; return r; }));
    }
    const results = await Promise.all(runs);
    clearInterval(timer);
    const ttfts = results.filter((r) => r.ttft >= 0).map((r) => r.ttft);
    return { completed: results.filter((r) => r.ok).length, maxInFlight, p50: percentile(ttfts, 50), p99: percentile(ttfts, 99), peakRssKb: peak };
}

async function mockDefaults(defaults) {
    await fetch(`${MOCK}/__mock/config`, { method: 'POST', body: JSON.stringify({ defaults }), headers: { 'content-type': 'application/json' } });
}

const fmt = (ms) => `${ms.toFixed(2)} ms`;
await mockDefaults({ streamMs: 0, chunks: 0 });
if (!process.env.STREAMS_ONLY) {
// 5 connections, each waiting 9 ms between requests: about 500 requests/s in total.
console.log(`1. non-streaming, about 500 req/s for ${DURATION} s (5 connections, 9 ms apart)`);
wrk(targets.direct, { connections: 5, delayMs: 9, seconds: 3 }); // warm-up
wrk(targets.gateway, { connections: 5, delayMs: 9, seconds: 3 });
const direct = wrk(targets.direct, { connections: 5, delayMs: 9 });
const gated = wrk(targets.gateway, { connections: 5, delayMs: 9 });
for (const [name, r] of [['direct', direct], ['gateway', gated]])
    console.log(`   ${name.padEnd(8)} p50 ${fmt(r.p50)}  p99 ${fmt(r.p99)}  req/s ${r.rps}  non-2xx ${r.non2xx}`);
console.log(`   added latency: p50 ${fmt(gated.p50 - direct.p50)}  p99 ${fmt(gated.p99 - direct.p99)}`);

console.log(`2. sustained through the gateway, 64 connections, ${DURATION} s`);
const max = wrk(targets.gateway, { connections: 64 });
console.log(`   ${max.rps} req/s  p99 ${fmt(max.p99)}  non-2xx ${max.non2xx}`);

}

console.log(`3. ${STREAMS} concurrent streams, 20 chunks over 2 s each`);
await mockDefaults({ streamMs: 2000, chunks: 20 });
// Warm-up of both paths (the mock's and client's JIT, connection set-up), not measured: a cold
// first round made the direct baseline several times slower than it is.
await streams(targets.direct, Math.ceil(STREAMS / 4));
await streams(targets.gateway, Math.ceil(STREAMS / 4));
const sDirect = await streams(targets.direct);
const sGated = await streams(targets.gateway);
await mockDefaults({ streamMs: 0, chunks: 0 });
console.log(`   direct   completed ${sDirect.completed}/${STREAMS} (${sDirect.maxInFlight} open at once)  TTFT p50 ${fmt(sDirect.p50)} p99 ${fmt(sDirect.p99)}`);
console.log(`   gateway  completed ${sGated.completed}/${STREAMS} (${sGated.maxInFlight} open at once)  TTFT p50 ${fmt(sGated.p50)} p99 ${fmt(sGated.p99)}  peak RSS ${(sGated.peakRssKb / 1024).toFixed(0)} MB`);
console.log(`   TTFT overhead p99: ${fmt(sGated.p99 - sDirect.p99)}`);
