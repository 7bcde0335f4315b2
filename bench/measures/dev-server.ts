/**
 * P3: requests per second of `tfa dev` on the TwiML function against twilio-run 5 (same project,
 * --fork-process=false --live=false) and a plain Hono node-server returning the same body.
 * For context only, two more servers on bare node:http: one doing only the function's TwiML work
 * per request (the ceiling of any Node server that runs the function), and one doing the least a
 * Functions runtime must do around it (route, event, context, callback: the closest any runtime can
 * get). All of them run as separate processes; the load generator (autocannon) runs in this one.
 * Rounds go over all servers in a rotating order.
 */
import path from 'node:path';
import { BODIES, CHILDREN, QUERY, REPO, SAY, WORK } from '../lib/fixtures';
import { answerProblem, loadRounds } from '../lib/load';
import { freePort, startServer, type Server } from '../lib/proc';
import { row, unavailable, type Row, type Spec } from '../lib/report';
import type { Settings } from '../lib/settings';

export const P3_TWILIO_RUN: Spec = { id: 'P3', measure: 'tfa dev req/s, TwiML function', unit: 'req/s', baseline: 'twilio-run 5.0.1', target: { on: 'ratio', op: '>=', limit: 5 } };
export const P3_HONO: Spec = { id: 'P3', measure: 'tfa dev req/s, TwiML function', unit: 'req/s', baseline: 'plain Hono node-server', target: { on: 'ratio', op: '>=', limit: 0.5 } };

type Name = 'tfa' | 'twilio-run' | 'hono' | 'node-twiml' | 'node-minimal-runtime';

async function start(name: Name, project: string, twilioRunDir: string): Promise<Server> {
  const port = await freePort();
  const log = path.join(WORK, 'logs', `${name}.log`);
  const node = process.execPath;
  switch (name) {
    case 'tfa':
      return startServer({ command: node, args: [path.join(REPO, 'bin', 'tfa.cjs'), 'dev', '--project', project, '--port', String(port)], cwd: REPO, log, ready: /Listening on (http:\/\/[^\s]+?)\/?\s/ });
    case 'twilio-run':
      return startServer({
        command: node,
        args: [path.join(REPO, 'node_modules', 'twilio-run', 'bin', 'twilio-run.js'), 'start', '--port', String(port), '--env', '.env', '--fork-process=false', '--live=false'],
        cwd: twilioRunDir, log, ready: /localhost:\d+\/twiml/, url: `http://127.0.0.1:${port}`, env: { ...process.env, CI: '1' },
      });
    case 'hono':
      return startServer({ command: node, args: [path.join(CHILDREN, 'hono-server.cjs'), String(port), BODIES.twiml], log, ready: /Listening on (http:\/\/[^\s]+)/ });
    case 'node-twiml':
      return startServer({ command: node, args: [path.join(CHILDREN, 'node-twiml-server.cjs'), String(port), SAY], log, ready: /Listening on (http:\/\/[^\s]+)/ });
    case 'node-minimal-runtime':
      return startServer({
        command: node, args: [path.join(CHILDREN, 'node-minimal-runtime-server.cjs'), String(port), path.join(project, 'functions', 'twiml.js')],
        log, ready: /Listening on (http:\/\/[^\s]+)/,
      });
  }
}

export async function devServer(s: Settings, project: string, twilioRun: { dir: string; note?: string }): Promise<Row[]> {
  const names: Name[] = ['tfa', 'twilio-run', 'hono', 'node-twiml', 'node-minimal-runtime'];
  const servers = new Map<Name, Server>();
  const problems = new Map<Name, string>();
  try {
    for (const name of names) {
      try {
        const server = await start(name, project, twilioRun.dir);
        servers.set(name, server);
        // A server that answers anything but 200 + the expected TwiML is not measured.
        const bad = await answerProblem(`${server.url}/twiml?${QUERY}`, BODIES.twiml);
        if (bad) { problems.set(name, bad); servers.delete(name); await server.stop(); }
      } catch (error) {
        problems.set(name, (error as Error).message.split('\n').slice(0, 6).join(' '));
      }
    }
    const live = names.filter((n) => servers.has(n));
    const { rps, describe } = await loadRounds(new Map(live.map((n) => [n, `${servers.get(n)!.url}/twiml?${QUERY}`])), s.devServerRounds, {
      connections: s.connections, seconds: s.loadSeconds, warmupSeconds: s.loadWarmupSeconds,
    });
    const common = [`autocannon c=${s.connections}, ${s.loadSeconds} s × ${s.devServerRounds} round(s) after ${s.loadWarmupSeconds} s warm-up`, ...live.map(describe)];
    if (servers.has('node-twiml')) {
      // No server that runs the function gets past node:http doing only its TwiML work.
      const ceiling = rps('node-twiml');
      const againstTwilioRun = servers.has('twilio-run') ? `, ${(ceiling / rps('twilio-run')).toFixed(2)}× twilio-run` : '';
      common.push(`ceiling (node:http + the same TwiML work): ${(ceiling / rps('hono')).toFixed(2)}× plain Hono${againstTwilioRun}; tfa reaches ${(rps('tfa') / ceiling).toFixed(2)}× of it`);
      if (servers.has('node-minimal-runtime')) {
        const minimal = rps('node-minimal-runtime');
        const minimalAgainstTwilioRun = servers.has('twilio-run') ? `${(minimal / rps('twilio-run')).toFixed(2)}× twilio-run, ` : '';
        common.push(`minimal runtime (node:http + route, event, context, callback, TwiML): ${minimalAgainstTwilioRun}${(minimal / ceiling).toFixed(2)}× the ceiling; tfa reaches ${(rps('tfa') / minimal).toFixed(2)}× of it`);
      }
    }
    if (twilioRun.note) common.push(twilioRun.note);
    if (problems.has('tfa')) return [unavailable(P3_TWILIO_RUN, `tfa dev: ${problems.get('tfa')}`), unavailable(P3_HONO, `tfa dev: ${problems.get('tfa')}`)];
    return [
      problems.has('twilio-run') ? unavailable(P3_TWILIO_RUN, `twilio-run: ${problems.get('twilio-run')}`) : row(P3_TWILIO_RUN, rps('tfa'), rps('twilio-run'), common),
      problems.has('hono') ? unavailable(P3_HONO, `hono: ${problems.get('hono')}`) : row(P3_HONO, rps('tfa'), rps('hono'), []),
    ];
  } finally {
    for (const server of servers.values()) await server.stop();
  }
}
