#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Run the offline Smile ID simulator from the command line.
 *
 *   node test/simulator/cli.js [--port 4010] [--host 127.0.0.1] [--partner-id 085] [--api-key KEY]
 *        [--latency-ms 0] [--callback-delay-ms 50] [--provisional-delay-ms 1500] [--slow-ms 30000]
 *        [--tls-key key.pem --tls-cert cert.pem] [--quiet]
 *
 * Environment: SMILE_SIM_PORT, SMILE_SIM_HOST, SMILE_SIM_PARTNER_ID, SMILE_SIM_API_KEY,
 * SMILE_SIM_PUBLIC_URL.
 */

const fs = require('fs');
const { startSimulator, SCENARIOS, PREFIX_FAULTS } = require('./index');

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string | boolean>} */
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq !== -1) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = true;
  }
  return out;
}

/** @param {string | boolean | undefined} v @param {number | undefined} d */
function num(v, d) {
  if (v === undefined || v === true || v === false) return d;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`invalid number: ${v}`);
  return n;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help || args.h) {
    console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(5, 13).join('\n').replace(/^ \*/gm, ''));
    return;
  }
  const env = process.env;
  const tlsKey = typeof args['tls-key'] === 'string' ? args['tls-key'] : undefined;
  const tlsCert = typeof args['tls-cert'] === 'string' ? args['tls-cert'] : undefined;
  const sim = await startSimulator({
    port: num(args.port, env.SMILE_SIM_PORT ? Number(env.SMILE_SIM_PORT) : 4010),
    host: String(args.host || env.SMILE_SIM_HOST || '127.0.0.1'),
    partnerId: String(args['partner-id'] || env.SMILE_SIM_PARTNER_ID || '085'),
    apiKey: String(args['api-key'] || env.SMILE_SIM_API_KEY || 'sim-key-local-development'),
    latencyMs: num(args['latency-ms'], 0),
    callbackDelayMs: num(args['callback-delay-ms'], 50),
    provisionalDelayMs: num(args['provisional-delay-ms'], 1500),
    slowMs: num(args['slow-ms'], 30000),
    publicUrl: typeof args['public-url'] === 'string' ? args['public-url'] : env.SMILE_SIM_PUBLIC_URL || undefined,
    tls: tlsKey && tlsCert ? { key: fs.readFileSync(tlsKey, 'utf8'), cert: fs.readFileSync(tlsCert, 'utf8') } : undefined,
    log: !args.quiet,
  });

  const c = sim.credentials;
  const lines = [
    '',
    '  Smile ID simulator is running (offline; nothing leaves this machine)',
    '',
    '  ┌ n8n "Smile ID API" credentials ─────────────────────────────',
    `  │ Partner ID : ${c.partnerId}`,
    `  │ API Key    : ${c.apiKey}`,
    `  │ Base URL   : ${c.baseUrl}`,
    '  └─────────────────────────────────────────────────────────────',
    '',
    '  Scenarios by user_id prefix (e.g. "rejected-alice"):',
    `    ${SCENARIOS.map((s) => s + '-').join('  ')}   (no prefix = approved)`,
    '  Fault modes by user_id prefix:',
    `    ${PREFIX_FAULTS.map((s) => s + '-').join('  ')}`,
    '',
    `  Control API: ${c.baseUrl}/__sim/stats  /__sim/requests  /__sim/jobs/<job_id>`,
    '               POST /__sim/reset  /__sim/enroll  /__sim/fault  /__sim/callback/<job_id>',
    '  Details: test/simulator/README.md.  Ctrl+C to stop.',
    '',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  /** @param {string} sig */
  const shutdown = async (sig) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n  ${sig} received, stopping the simulator...`);
    await sim.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  console.error('smile-id simulator failed to start:', e && e.message ? e.message : e);
  process.exit(1);
});
