/**
 * `npm run bench [-- --quick] [-- --only P1,P3] [-- --strict]`: the performance measures of the issue, each
 * against a baseline measured in the same run. Prints a table and writes bench/results/*.json
 * (latest.json for a full run; quick.json / partial.json otherwise). See docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  BODIES, WORK, build, lambdaHandlerFile, twilioRunProject, writeBaselines, writeEvent, writeProject,
  type Build, type FunctionName,
} from './lib/fixtures';
import { describeMachine, formatNotes, formatTable, unavailable, type Row, type Spec } from './lib/report';
import { settings } from './lib/settings';
import { COLD_SPECS, coldStart } from './measures/cold-start';
import { P5, buildTime } from './measures/build';
import { P3_HONO, P3_TWILIO_RUN, devServer } from './measures/dev-server';
import { P2, P6, memory, warmInvokes } from './measures/warm-invoke';
import { P4, P4_GZIP, P4_PER_FUNCTION, sizeRows, workerThroughput } from './measures/worker';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, strict: { type: 'boolean', default: false } } });
  const s = settings(values.quick!);
  const only = values.only?.split(',').map((x) => x.trim().toUpperCase());
  const wanted = (id: string) => !only || only.some((o) => id.toUpperCase().startsWith(o));
  const machine = describeMachine();
  const started = Date.now();
  const rows: Row[] = [];
  const timings: Record<string, number> = {};
  const log = (m: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}\n`);

  /** Runs one measure; a crash becomes an "n/a" row with the reason instead of ending the run. */
  async function measure(name: string, specs: Spec[], run: () => Promise<Row[]>): Promise<void> {
    if (!specs.some((spec) => wanted(spec.id))) return;
    log(`${name}…`);
    const t0 = Date.now();
    try {
      rows.push(...(await run()));
    } catch (error) {
      rows.push(...specs.map((spec) => unavailable(spec, `${name} failed: ${(error as Error).message.slice(0, 600)}`)));
    }
    timings[name] = (Date.now() - t0) / 1000;
    log(`${name} done in ${timings[name]!.toFixed(0)} s`);
  }

  log(`${s.quick ? 'quick' : 'full'} run on ${machine.cores} cores, Node ${machine.node}`);
  const project = writeProject(path.join(WORK, 'project'));
  const baselines = writeBaselines(path.join(WORK, 'baselines'));
  const events = { hello: writeEvent(WORK, '/hello'), twiml: writeEvent(WORK, '/twiml'), client: writeEvent(WORK, '/client') };

  await measure('P3 tfa dev vs twilio-run and Hono', [P3_TWILIO_RUN], async () => devServer(s, project, twilioRunProject()));

  // Everything below needs the build of the bench project.
  let base: Build | null = null;
  let noBuild = '';
  if (['P1', 'P2', 'P4', 'P5', 'P6'].some(wanted)) {
    log('tfa build of the bench project…');
    try { base = await build(project, path.join(WORK, 'out')); } catch (error) { noBuild = `tfa build failed: ${(error as Error).message.slice(0, 600)}`; }
  }
  const requireBuild = (): Build => { if (!base) throw new Error(noBuild); return base; };

  for (const fn of ['hello', 'twiml', 'client'] as FunctionName[]) {
    await measure(`${COLD_SPECS[fn].id} cold start (${fn})`, [COLD_SPECS[fn]], async () => [
      await coldStart(s, fn, lambdaHandlerFile(requireBuild(), `/${fn}`), baselines[fn], events[fn],
        fn === 'hello' ? [
          { label: 'hono/aws-lambda on a one-route Hono app', file: baselines.honoHello },
          { label: 'a minimal Functions runtime (route, event, context, callback)', file: baselines.minimalRuntime },
        ] : []),
    ]);
  }
  await measure('P2 warm invokes vs hono/aws-lambda', [P2], async () => [
    await warmInvokes(s, lambdaHandlerFile(requireBuild(), '/twiml'), baselines.hono, events.twiml, BODIES.twiml),
  ]);
  await measure('P6 memory over warm invokes', [P6], async () => [
    await memory(s, { twiml: lambdaHandlerFile(requireBuild(), '/twiml'), client: lambdaHandlerFile(requireBuild(), '/client'), hono: baselines.hono, handWritten: baselines.twiml }, events, BODIES),
  ]);
  let big: Build | null = null;
  await measure('P5 tfa build of 100 functions', [P5], async () => {
    requireBuild();
    const result = await buildTime(s, writeProject(path.join(WORK, 'project-100'), 97), path.join(WORK, 'out-100'));
    big = result.build;
    return [result.row];
  });
  await measure('P4 Worker in workerd', [P4, P4_GZIP, P4_PER_FUNCTION], async () => [
    await workerThroughput(s, requireBuild()),
    ...sizeRows(requireBuild(), big),
  ]);

  const total = (Date.now() - started) / 1000;
  machine.loadAverageEnd = describeMachine().loadAverage;
  const report = [
    `Benchmarks — ${machine.date} — ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${machine.os}, ` +
      `load average ${machine.loadAverage.join(' ')} at start, ${machine.loadAverageEnd.join(' ')} at the end${machine.commit ? `, commit ${machine.commit}` : ''}, ${s.quick ? 'quick' : 'full'} mode, ${total.toFixed(0)} s`,
    '',
    formatTable(rows),
    '',
    'Notes:',
    formatNotes(rows),
  ].join('\n');
  console.log(`\n${report}`);

  const file = only ? 'partial.json' : s.quick ? 'quick.json' : 'latest.json';
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify({ machine, mode: s.quick ? 'quick' : 'full', only: only ?? null, settings: s, totalSeconds: total, measureSeconds: timings, results: rows }, null, 2);
  writeFileSync(path.join(dir, file), `${json}\n`);
  if (file === 'latest.json') writeFileSync(path.join(dir, `${machine.date.replace(/[:.]/g, '-')}.json`), `${json}\n`);
  log(`wrote bench/results/${file}`);
  // A missed target is a finding, not a crash; --strict turns it into a failing exit code (CI).
  if (values.strict && rows.some((r) => r.pass === false)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
