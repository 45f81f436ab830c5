/**
 * `node src/cli/bench-content.ts [--articles 10000] [--repeat 5]`: times `loadContent` with the
 * newsroom store on the bench's synthetic paper (lib/bench/synthetic-paper.ts), written to a
 * temporary folder with its files dated an hour back (as a newsroom's files are between saves;
 * a file modified in the last two seconds is hashed again on the next run). Each scenario runs
 * in a process of its own, as a one-shot build does; "in memory" is a second run in the same
 * process, as in watch mode. Prints wall and CPU time (median and best of `--repeat` runs), what
 * the run read, parsed and rendered, and the process's peak resident memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePaper, getBuildTimeAfter } from '../lib/bench/synthetic-paper.ts';
import { writeSyntheticPictures } from '../lib/bench/synthetic-pictures.ts';
import type { StoreEvent } from '../lib/content/content-store.ts';
import { loadContent } from '../lib/content/load-content.ts';
import { parseCommandLine } from './command-line.ts';

const usage = 'node src/cli/bench-content.ts [--articles <n>] [--repeat <n>]';
const { values } = parseCommandLine(
  {
    options: {
      articles: { type: 'string', default: '10000' },
      repeat: { type: 'string', default: '5' },
      child: { type: 'string' },
      work: { type: 'string' },
    },
  },
  usage,
);
const articles = Number(values.articles);

interface Timing {
  wallMs: number;
  cpuMs: number;
  events: Record<string, number>;
  index: string;
  written: boolean;
  problems: number;
  peakRssMb: number;
  /** Reading every article's HTML body from the store, per body. */
  bodyMicros?: number;
}

async function timeLoad(work: string, readBodies = false): Promise<Omit<Timing, 'peakRssMb'>> {
  const events: Record<string, number> = {};
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await loadContent({
    root: work,
    contentDir: path.join(work, 'content'),
    cacheDir: path.join(work, 'cache'),
    now: getBuildTimeAfter(articles),
    observe: (event: StoreEvent) => (events[event.type] = (events[event.type] ?? 0) + 1),
  });
  const used = process.cpuUsage(cpu);
  const timing = {
    wallMs: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    events,
    index: result.store.index,
    written: result.store.written,
    problems: result.problems.filter((problem) => problem.severity === 'error').length,
  };
  if (!readBodies || !result.bodies) return timing;
  const ids = [...result.bodies.articles.keys()];
  const bodiesStarted = performance.now();
  for (const id of ids) result.bodies.articles.get(id);
  return { ...timing, bodyMicros: ((performance.now() - bodiesStarted) * 1000) / ids.length };
}

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

if (values.child) {
  const work = values.work!;
  const scenario = values.child;
  if (scenario === 'edit') {
    const file = path.join(work, 'content/articles', readdirSync(path.join(work, 'content/articles'))[0]!, 'a5.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\n\n', ` Korrektur ${Date.now()}.\n\n`));
    const then = Date.now() / 1000 - 60;
    utimesSync(file, then, then);
  }
  const first = await timeLoad(work, scenario === 'warm');
  const result = scenario === 'memory' ? await timeLoad(work) : first;
  console.log(JSON.stringify({ ...result, peakRssMb: peakRssMb() }));
  process.exit(0);
}

const work = mkdtempSync(path.join(os.tmpdir(), `depesche-content-bench-${articles}-`));
const content = path.join(work, 'content');
for (const file of generatePaper(articles)) {
  mkdirSync(path.dirname(path.join(content, file.path)), { recursive: true });
  writeFileSync(path.join(content, file.path), file.text);
}
await writeSyntheticPictures(content, fileURLToPath(new URL('../../', import.meta.url)));
const hourAgo = Date.now() / 1000 - 3600;
for (const entry of readdirSync(content, { recursive: true, withFileTypes: true })) {
  if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), hourAgo, hourAgo);
}

function run(scenario: string): Timing {
  const output = execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--child', scenario, '--work', work, '--articles', String(articles)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!) as Timing;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const repeat = Number(values.repeat);
const rows: Array<[string, Timing[]]> = [];
rows.push(['cold (empty store)', [run('cold')]]);
for (const [label, scenario] of [
  ['nothing changed (new process)', 'warm'],
  ['nothing changed (second run in one process)', 'memory'],
  ['one article edited (new process)', 'edit'],
] as const) {
  rows.push([label, Array.from({ length: repeat }, () => run(scenario))]);
}
console.log(
  `loadContent, ${articles} articles, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`,
);
console.log(
  'scenario | wall ms (median / best) | CPU ms (median) | files read / parsed / rendered, pictures read | peak RSS MB | body read',
);
for (const [label, timings] of rows) {
  const last = timings.at(-1)!;
  const events = `${last.events['read'] ?? 0} / ${last.events['parse'] ?? 0} / ${last.events['render'] ?? 0}, ${last.events['picture'] ?? 0}`;
  const body = last.bodyMicros === undefined ? '' : `${last.bodyMicros.toFixed(0)} µs per body`;
  console.log(
    `${label} | ${median(timings.map((t) => t.wallMs)).toFixed(0)} / ${Math.min(...timings.map((t) => t.wallMs)).toFixed(0)} | ${median(timings.map((t) => t.cpuMs)).toFixed(0)} | ${events} | ${Math.max(...timings.map((t) => t.peakRssMb)).toFixed(0)} | ${body}`,
  );
}
rmSync(work, { recursive: true, force: true });
