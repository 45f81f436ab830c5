/**
 * `npm run bench -- [--articles 1000]`: builds a deterministic synthetic paper with the production
 * build (`src/cli/build.ts`, with every output) and times it cold and after each kind of change a
 * newsroom makes, with peak memory measured by /usr/bin/time, pages rendered and copied from the
 * incremental cache counted from Astro's log, and each step's seconds from the build's own report.
 * The cold build runs twice: first with every cache empty, which includes the first fill of the
 * picture cache, then with only the picture cache kept, as a cold build of a paper whose pictures
 * were made before. Then times watch mode from a save to the published release. Prints a table
 * and writes bench/results/<date>-<articles>.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from './command-line.ts';
import { readTreeRss } from '../lib/bench/process-memory.ts';
import { countPages } from '../lib/publish/count-pages.ts';
import { PICTURE_CACHE } from '../lib/publish/picture-files.ts';
import { resolveReleasesDir } from '../lib/publish/release-store.ts';
import { articleFile, createRandom, generatePaper, getBuildTimeAfter } from '../lib/bench/synthetic-paper.ts';
import { writeSyntheticPictures } from '../lib/bench/synthetic-pictures.ts';

const { values } = parseCommandLine(
  {
    options: { articles: { type: 'string', default: '1000' }, 'cold-only': { type: 'boolean', default: false } },
  },
  'npm run bench -- [--articles <n>] [--cold-only]',
);
const articles = Number(values.articles);
if (!Number.isInteger(articles) || articles < 10) {
  console.error('--articles must be a whole number of at least 10, e.g. npm run bench -- --articles 10000');
  process.exit(2);
}

const root = process.cwd();
const buildTime = getBuildTimeAfter(articles).toISOString();
const work = path.join(root, '.depesche/bench', String(articles));
const content = path.join(work, 'content');
const cache = path.join(work, 'cache');
const out = path.join(work, 'dist');

rmSync(work, { recursive: true, force: true });
for (const file of generatePaper(articles)) {
  mkdirSync(path.dirname(path.join(content, file.path)), { recursive: true });
  writeFileSync(path.join(content, file.path), file.text);
}
// The paper's pictures, each distinct and as large as a camera's picture scaled for the web, so
// the first fill of the picture cache does the work a paper's does.
await writeSyntheticPictures(content, root);

interface Measurement {
  scenario: string;
  seconds: number;
  /** Pages Astro rendered, and pages it copied from the incremental cache instead. */
  pagesRendered: number;
  pagesSkipped: number;
  /** The largest single process of the build (as /usr/bin/time reports it). */
  peakRssMb: number;
  /** All the build's processes together, at the worst moment (sampled every 250 ms). */
  peakTotalRssMb: number;
  /** Seconds per step of the build, as the build reports them. */
  steps: Record<string, number>;
  /** The picture step's variants: made, because the picture cache lacked them, or taken from it. */
  pictures: { variants: number; generated: number; reused: number } | undefined;
  ok: boolean;
}

async function measure(scenario: string): Promise<Measurement> {
  const child = spawn(
    '/usr/bin/time',
    ['-v', process.execPath, 'src/cli/build.ts', '--content', content, '--out', out, '--cache', cache],
    { cwd: root, env: { ...process.env, NODE_ENV: 'production', DEPESCHE_NOW: buildTime } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // The build's processes together, sampled: the build, Astro's render step, Pagefind.
  let peakTotal = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) peakTotal = Math.max(peakTotal, readTreeRss(child.pid));
  }, 250);
  const status = await new Promise<number | null>((resolve) => {
    child.on('close', resolve);
    // No /usr/bin/time (Debian's package "time"): a failed row that says so, not a crash.
    child.on('error', (error) => {
      stderr += `\n${error.message}`;
      resolve(null);
    });
  });
  clearInterval(sampler);
  const output = `${stdout}\n${stderr}`;
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(output);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(output);
  const { rendered, skipped } = countPages(output);
  const steps = Object.fromEntries(
    [...(/^Time: (.*)\.$/m.exec(output)?.[1] ?? '').matchAll(/([a-z ]+) ([\d.]+) s/g)].map((match) => [
      (match[1] ?? '').trim(),
      Number(match[2]),
    ]),
  );
  const pictures = /pictures: (\d+) variants of \d+ pictures, (\d+) made, (\d+) from the cache/.exec(output);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : Number.NaN;
  const measurement: Measurement = {
    scenario,
    seconds,
    pagesRendered: rendered,
    pagesSkipped: skipped,
    peakRssMb: rss ? Math.round(Number(rss[1]) / 1024) : Number.NaN,
    peakTotalRssMb: Math.round(peakTotal / 1024 / 1024),
    steps,
    pictures: pictures
      ? { variants: Number(pictures[1]), generated: Number(pictures[2]), reused: Number(pictures[3]) }
      : undefined,
    ok: status === 0,
  };
  if (!measurement.ok) console.error(output.slice(-3000));
  console.log(
    `${scenario.padEnd(32)} ${seconds.toFixed(1).padStart(6)} s ${String(measurement.pagesRendered).padStart(7)} ${String(skipped).padStart(7)} ${String(measurement.peakRssMb).padStart(6)} MB ${String(measurement.peakTotalRssMb).padStart(6)} MB  ${Object.entries(
      steps,
    )
      .filter(([, value]) => value >= 0.05)
      .map(([step, value]) => `${step} ${value.toFixed(1)}`)
      .join(', ')}${measurement.ok ? '' : '  FAILED'}`,
  );
  return measurement;
}

/**
 * Watch mode: seconds from writing a file to the watcher reporting the new release published,
 * for a few body edits in a row.
 */
async function measureWatch(edits: number): Promise<number[]> {
  const watcher = spawn(process.execPath, ['src/cli/watch.ts', '--content', content, '--out', out, '--cache', cache], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', DEPESCHE_NOW: buildTime },
  });
  let log = '';
  watcher.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  watcher.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const published = async (after: number): Promise<void> => {
    while (!/\[watch\] (published|nothing was published)/.test(log.slice(after))) {
      if (watcher.exitCode !== null) throw new Error(`watch stopped:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const times: number[] = [];
  try {
    await published(0);
    for (let round = 0; round < edits; round++) {
      const mark = log.length;
      const saved = performance.now();
      edit(articlePath(3), (text) => `${text.trimEnd()} Nachtrag ${round}.\n`);
      await published(mark);
      times.push((performance.now() - saved) / 1000);
    }
  } finally {
    watcher.kill();
  }
  return times;
}

const random = createRandom(7);
const edit = (file: string, change: (text: string) => string): void =>
  writeFileSync(path.join(content, file), change(readFileSync(path.join(content, file), 'utf8')));
const articlePath = (index: number): string => articleFile(index, createRandom(1)).path;

console.log(`Depesche benchmark: ${articles} articles, ${path.relative(root, work)}\n`);
console.log(
  `${'scenario'.padEnd(32)} ${'wall'.padStart(8)} ${'render'.padStart(7)} ${'copied'.padStart(7)} ${'largest'.padStart(9)} ${'all'.padStart(9)}  seconds per step`,
);
/**
 * A cold build as after a new checkout with the picture cache carried over: no published site, no
 * releases, no page caches; only `<cache>/pictures/` stays.
 */
const removeAllButPictures = (): void => {
  for (const dir of [out, resolveReleasesDir(out)]) rmSync(dir, { recursive: true, force: true });
  for (const entry of readdirSync(cache)) {
    if (entry !== PICTURE_CACHE) rmSync(path.join(cache, entry), { recursive: true, force: true });
  }
};

/** Each scenario's change to the paper, made just before its build is measured. */
const scenarios: Array<[string, () => void]> = [
  ['cold build, first picture fill', () => {}],
  ['cold build, picture cache warm', removeAllButPictures],
  ['second build, no change', () => {}],
  ['one article body edited', () => edit(articlePath(0), (text) => `${text.trimEnd()} Ein Nachtrag.\n`)],
  [
    'one headline edited',
    () => edit(articlePath(1), (text) => text.replace(/^headline: (.*)$/m, 'headline: $1 (aktualisiert)')),
  ],
  [
    'one article added',
    () => writeFileSync(path.join(content, articleFile(articles, random).path), articleFile(articles, random).text),
  ],
  ['one article deleted', () => rmSync(path.join(content, articlePath(2)))],
  [
    'one author bio edited',
    () => edit('authors/autor-0.yaml', (text) => text.replace(/^bio: .*$/m, 'bio: Neue Biografie.')),
  ],
];
const results: Measurement[] = [];
// --cold-only: for sizes where the cold build alone takes most of an hour (100,000 articles); the
// second cold build is then left out too.
for (const [scenario, change] of values['cold-only'] ? scenarios.slice(0, 1) : scenarios) {
  change();
  results.push(await measure(scenario));
}
const [firstFill, warmPictures] = results;
for (const [label, result] of [
  ['first fill of the picture cache', firstFill],
  ['pictures from a warm cache', warmPictures],
] as const) {
  if (!result?.pictures) continue;
  console.log(
    `${label.padEnd(32)} ${(result.steps['pictures'] ?? Number.NaN).toFixed(1).padStart(6)} s  ${result.pictures.generated} variants made, ${result.pictures.reused} from the cache (the build without the picture step: ${(result.seconds - (result.steps['pictures'] ?? 0)).toFixed(1)} s)`,
  );
}
const watchTimes = values['cold-only'] ? [] : await measureWatch(3);
console.log(
  `${'watch: save to published'.padEnd(32)} ${watchTimes.map((time) => `${time.toFixed(1)} s`).join(', ')} (three body edits in a row)`,
);

const machine = {
  cpus: (await import('node:os')).cpus().length,
  memoryGb: Math.round((await import('node:os')).totalmem() / 1024 ** 3),
  node: process.version,
};
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, 'bench/results', `${new Date().toISOString().slice(0, 10)}-${articles}.json`);
writeFileSync(file, `${JSON.stringify({ articles, machine, results, watchSeconds: watchTimes }, null, 2)}\n`);
console.log(`\nWritten to ${path.relative(root, file)}`);
if (results.some((result) => !result.ok)) process.exitCode = 1;
