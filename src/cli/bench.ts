/**
 * `npm run bench -- [--articles 1000] [--shape plain|rich] [--cold-only | --continue]`: builds a
 * deterministic synthetic paper with the production build (`src/cli/build.ts`, with every output)
 * and times it cold and after each kind of change a newsroom makes, with peak memory measured by
 * /usr/bin/time, and pages rendered and kept and each step's seconds from the build's own report.
 *
 * The paper has one of two shapes (src/lib/bench/paper-shape.ts): `plain`, the bench's paper
 * since its first run, or `rich`, a newsroom's Markdown with a picture on every article. The cold
 * build runs twice: first with every cache empty, which includes the first fill of the picture
 * cache, then with only the picture cache kept, as a cold build of a paper whose pictures were
 * made before (left out from LARGE_PAPER articles on, where it would double an hour's run). Each
 * cold build also gives published pages per second. Then watch mode: five body edits and five
 * headline edits, each from the save to the watcher's "published" line. Last, the figures against
 * the targets. Writes bench/results/<date>-<articles>-<shape>.json, after every step.
 *
 * A run too long for one sitting goes in two: `--cold-only` builds the paper cold, `--continue`
 * later runs every other scenario on it and reports them with that cold build.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCommandLine } from './command-line.ts';
import { getPublishRate, parseBuildOutput, type BuildOutput } from '../lib/bench/build-output.ts';
import { appendToBody, editHeadline, replaceBio } from '../lib/bench/paper-edits.ts';
import { getPaperShape, SHAPES } from '../lib/bench/paper-shape.ts';
import { readTreeRss } from '../lib/bench/process-memory.ts';
import {
  BENCH_DELETED_ARTICLE,
  createRandom,
  getArticlePath,
  getBuildTimeAfter,
} from '../lib/bench/synthetic-paper.ts';
import { writeSyntheticPictures } from '../lib/bench/synthetic-pictures.ts';
import { describeTargetSize, judgeTargets, type JudgedBuild, type TargetRow } from '../lib/bench/targets.ts';
import { median, readWatchPublish, type WatchPublish } from '../lib/bench/watch-report.ts';
import { PICTURE_CACHE } from '../lib/publish/picture-files.ts';
import { resolveReleasesDir } from '../lib/publish/release-store.ts';

/** Each build and watch runs as `npm run build` and `npm run watch` run them (package.json). */
const COMPILE_CACHE_ARGS = ['--import', './src/cli/compile-cache.mjs'];

const USAGE = 'npm run bench -- [--articles <n>] [--shape plain|rich] [--cold-only | --continue]';
const { values } = parseCommandLine(
  {
    options: {
      articles: { type: 'string', default: '1000' },
      shape: { type: 'string', default: 'plain' },
      'cold-only': { type: 'boolean', default: false },
      continue: { type: 'boolean', default: false },
    },
  },
  USAGE,
);
const articles = Number(values.articles);
if (!Number.isInteger(articles) || articles < 10) {
  console.error('--articles must be a whole number of at least 10, e.g. npm run bench -- --articles 10000');
  process.exit(2);
}
const shape = getPaperShape(values.shape);
if (!shape) {
  console.error(`--shape must be one of ${SHAPES.join(', ')}, but it is "${values.shape}".\n\nUsage: ${USAGE}`);
  process.exit(2);
}
/** From this size on, the second cold build (picture cache warm) is left out: it repeats the first. */
const LARGE_PAPER = 50_000;
/** Edits per watch scenario; the target is on their median. */
const WATCH_EDITS = 5;

const root = process.cwd();
const buildTime = getBuildTimeAfter(articles).toISOString();
// The plain paper keeps the folder it always had (npm run bench:search reads its dist/).
const work = path.join(
  root,
  '.depesche/bench',
  shape.name === 'plain' ? String(articles) : `${articles}-${shape.name}`,
);
const content = path.join(work, 'content');
const cache = path.join(work, 'cache');
const out = path.join(work, 'dist');

/**
 * What the bench has done to the paper in its folder: the scenarios whose changes it made, and
 * their measurements. `--continue` goes on from a paper that a `--cold-only` run built.
 */
interface BenchState {
  shape: string;
  articles: number;
  applied: string[];
  results: Measurement[];
}
const stateFile = path.join(work, 'bench-state.json');
const COLD_ONLY_DONE = ['cold build, first picture fill'];
let state: BenchState = { shape: shape.name, articles, applied: [], results: [] };
if (values['cold-only'] && values.continue) {
  console.error(`--cold-only and --continue exclude each other.\n\nUsage: ${USAGE}`);
  process.exit(2);
}
if (values.continue) {
  const found = ((): BenchState | undefined => {
    try {
      return JSON.parse(readFileSync(stateFile, 'utf8')) as BenchState;
    } catch {
      return undefined;
    }
  })();
  if (found?.applied.join('\n') !== COLD_ONLY_DONE.join('\n') || !found.results[0]?.ok) {
    console.error(
      `--continue goes on from a paper that \`npm run bench -- --articles ${articles} --shape ${shape.name} --cold-only\` built, unchanged since; ${path.relative(root, work)} ${found ? `has had ${found.applied.join(', ')}` : 'has none'}.`,
    );
    process.exit(2);
  }
  state = found;
}
console.log(
  `Depesche benchmark: ${articles} articles, ${shape.name} paper (${shape.description}), ${path.relative(root, work)}\n`,
);
if (!values.continue) {
  rmSync(work, { recursive: true, force: true });
  for (const file of shape.generate(articles)) {
    mkdirSync(path.dirname(path.join(content, file.path)), { recursive: true });
    writeFileSync(path.join(content, file.path), file.text);
  }
  // The paper's pictures, each distinct and as large as a camera's picture scaled for the web, so
  // the first fill of the picture cache does the work a paper's does.
  await writeSyntheticPictures(content, root, undefined, shape.pictures);
}

interface Measurement extends BuildOutput, JudgedBuild {
  /** All the build's processes together, at the worst moment (sampled every 250 ms). */
  peakTotalRssMb: number;
  /** Cold builds: pages rendered per second of the render step, and per second of wall time. */
  pagesPerSecond?: { perRenderSecond: number; perWallSecond: number };
}

/** A build's row of the table: wall time, pages rendered and kept, memory, each step's seconds. */
function printRow(measurement: Measurement): void {
  console.log(
    `${measurement.scenario.padEnd(32)} ${measurement.seconds.toFixed(1).padStart(6)} s ${String(measurement.pagesRendered).padStart(7)} ${String(measurement.pagesKept).padStart(7)} ${String(measurement.peakRssMb).padStart(6)} MB ${String(measurement.peakTotalRssMb).padStart(6)} MB  ${Object.entries(
      measurement.steps,
    )
      .filter(([, value]) => value >= 0.05)
      .map(([step, value]) => `${step} ${value.toFixed(1)}`)
      .join(', ')}${measurement.ok ? '' : '  FAILED'}`,
  );
}

async function measure(scenario: string, kind: JudgedBuild['kind']): Promise<Measurement> {
  const child = spawn(
    '/usr/bin/time',
    [
      '-v',
      process.execPath,
      ...COMPILE_CACHE_ARGS,
      'src/cli/build.ts',
      '--content',
      content,
      '--out',
      out,
      '--cache',
      cache,
    ],
    { cwd: root, env: { ...process.env, NODE_ENV: 'production', DEPESCHE_NOW: buildTime } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // The build's processes together, sampled: the build, its renderers, Pagefind.
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
  const build = parseBuildOutput(output);
  const measurement: Measurement = {
    scenario,
    kind,
    ...build,
    peakTotalRssMb: Math.round(peakTotal / 1024 / 1024),
    ...(kind === 'cold' ? { pagesPerSecond: getPublishRate(build) } : {}),
    ok: status === 0,
  };
  if (!measurement.ok) console.error(output.slice(-3000));
  printRow(measurement);
  return measurement;
}

/** One edit in watch mode: the bench's clock from the save to the "published" line, and that line. */
interface WatchEdit extends Partial<WatchPublish> {
  seconds: number;
  ok: boolean;
}

interface WatchFigures {
  /** The watcher's first publish after it starts (nothing changed since the last build). */
  startup: WatchEdit;
  body: { file: string; edits: WatchEdit[]; medianSeconds: number };
  headline: { file: string; edits: WatchEdit[]; medianSeconds: number };
}

/**
 * Watch mode: starts `npm run watch` on the built paper, waits for its first publish, then saves
 * WATCH_EDITS body edits of one article and WATCH_EDITS headline edits of the newest article in
 * a row, each once the previous one is published.
 */
async function measureWatch(): Promise<WatchFigures> {
  const started = performance.now();
  const watcher = spawn(
    process.execPath,
    [...COMPILE_CACHE_ARGS, 'src/cli/watch.ts', '--content', content, '--out', out, '--cache', cache],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', DEPESCHE_NOW: buildTime },
    },
  );
  let log = '';
  watcher.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  watcher.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  /** The next publish reported after `mark`, timed from `since`. */
  const published = async (mark: number, since: number): Promise<WatchEdit> => {
    for (;;) {
      const report = readWatchPublish(log.slice(mark));
      if (report === 'failed') {
        console.error(log.slice(mark).slice(-3000));
        return { seconds: Number.NaN, ok: false };
      }
      if (report) return { seconds: Math.round(performance.now() - since) / 1000, ok: true, ...report };
      if (watcher.exitCode !== null) throw new Error(`watch stopped:\n${log.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const editInRow = async (
    label: string,
    file: string,
    change: (text: string, round: number) => string,
  ): Promise<WatchEdit[]> => {
    const edits: WatchEdit[] = [];
    for (let round = 0; round < WATCH_EDITS; round++) {
      const mark = log.length;
      const saved = performance.now();
      edit(file, (text) => change(text, round));
      edits.push(await published(mark, saved));
    }
    console.log(
      `${label.padEnd(32)} ${edits.map((one) => `${one.seconds.toFixed(2)} s (${one.pagesRendered ?? '?'} pages)`).join(', ')}; median ${median(edits.map((one) => one.seconds)).toFixed(2)} s`,
    );
    return edits;
  };
  try {
    const startup = await published(0, started);
    console.log(
      `${'watch: start to first publish'.padEnd(32)} ${startup.seconds.toFixed(1).padStart(6)} s ${String(startup.pagesRendered ?? '?').padStart(7)} pages rendered`,
    );
    const bodyFile = getArticlePath(3);
    const body = await editInRow(`watch: body edit, ${WATCH_EDITS} in a row`, bodyFile, (text, round) =>
      appendToBody(text, `Nachtrag ${round + 1}.`),
    );
    // The newest article: the front page's, whose headline an editor corrects most often.
    const headlineFile = getArticlePath(articles - 1);
    const headline = await editInRow(`watch: headline edit, ${WATCH_EDITS} in a row`, headlineFile, (text, round) =>
      editHeadline(text, round === 0 ? ' (aktualisiert)' : ` (${round + 1}. Fassung)`),
    );
    const middle = (edits: WatchEdit[]): number =>
      edits.every((one) => one.ok) ? median(edits.map((one) => one.seconds)) : Number.NaN;
    return {
      startup,
      body: { file: bodyFile, edits: body, medianSeconds: middle(body) },
      headline: { file: headlineFile, edits: headline, medianSeconds: middle(headline) },
    };
  } finally {
    watcher.kill();
  }
}

const random = createRandom(7);
const edit = (file: string, change: (text: string) => string): void =>
  writeFileSync(path.join(content, file), change(readFileSync(path.join(content, file), 'utf8')));

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
const scenarios: Array<[string, JudgedBuild['kind'], () => void]> = [
  ['cold build, first picture fill', 'cold', () => {}],
  ['cold build, picture cache warm', 'cold', removeAllButPictures],
  ['second build, no change', 'no change', () => {}],
  [
    'one article body edited',
    'article edit',
    () => edit(getArticlePath(0), (text) => appendToBody(text, 'Ein Nachtrag.')),
  ],
  [
    'one headline edited',
    'article edit',
    () => edit(getArticlePath(1), (text) => editHeadline(text, ' (aktualisiert)')),
  ],
  [
    'one article added',
    'article edit',
    () => {
      const added = shape.articleFile(articles, random);
      mkdirSync(path.dirname(path.join(content, added.path)), { recursive: true });
      writeFileSync(path.join(content, added.path), added.text);
    },
  ],
  ['one article deleted', 'article edit', () => rmSync(path.join(content, getArticlePath(BENCH_DELETED_ARTICLE)))],
  [
    'one author bio edited',
    'other edit',
    () => edit('authors/autor-0.yaml', (text) => replaceBio(text, 'Neue Biografie.')),
  ],
];
const step = (name: string) => scenarios.find(([scenario]) => scenario === name)!;
const WATCH = 'watch mode';
/**
 * The steps of this run. --cold-only: the first cold build alone, for a first look at a size or
 * the first half of a run in two sessions (--continue does the rest). From LARGE_PAPER on, the
 * second cold build is left out (the first prints its picture step apart, so the cold build
 * without it is known, and repeating an hour's build would tell little more), and the body edit
 * and watch mode come right after the cold build, so a run that is stopped has them first.
 */
const planned: Array<(typeof scenarios)[number] | typeof WATCH> = values['cold-only']
  ? [step('cold build, first picture fill')]
  : articles >= LARGE_PAPER
    ? [
        step('cold build, first picture fill'),
        step('one article body edited'),
        WATCH,
        ...[
          'second build, no change',
          'one headline edited',
          'one article added',
          'one article deleted',
          'one author bio edited',
        ].map(step),
      ]
    : [...scenarios, WATCH];
const steps = planned.filter((one) => one === WATCH || !state.applied.includes(one[0]));

const machine = { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version };
const date = new Date().toISOString().slice(0, 10);
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const resultsFile = path.join(root, 'bench/results', `${date}-${articles}-${shape.name}.json`);
const results: Measurement[] = state.results;
let watch: WatchFigures | undefined;
let watchFailed = false;
let targets: TargetRow[] = [];
/** Written after every step, so a long run that stops midway keeps what it measured. */
const save = (): void => {
  writeFileSync(stateFile, `${JSON.stringify(state, null, 1)}\n`);
  writeFileSync(
    resultsFile,
    `${JSON.stringify({ date, shape: shape.name, articles, machine, buildTime, continued: values.continue, results, watch, targets }, null, 2)}\n`,
  );
};

/** The cold builds' picture steps apart from the rest, and their published pages per second. */
function printColdSummary(): void {
  const cold = results.filter((result) => result.kind === 'cold');
  console.log('');
  for (const [index, result] of cold.entries()) {
    if (!result.pictures) continue;
    console.log(
      `${(index === 0 ? 'first fill of the picture cache' : 'pictures from a warm cache').padEnd(32)} ${(result.steps['pictures'] ?? Number.NaN).toFixed(1).padStart(6)} s  ${result.pictures.generated} variants made, ${result.pictures.reused} from the cache (the build without the picture step: ${(result.seconds - (result.steps['pictures'] ?? 0)).toFixed(1)} s)`,
    );
  }
  for (const result of cold) {
    if (!result.pagesPerSecond || !result.ok) continue;
    console.log(
      `${`published pages/s, ${result.scenario.replace('cold build, ', '')}`.padEnd(32)} ${result.pagesPerSecond.perRenderSecond.toFixed(1).padStart(6)} per second of the render step (${result.pagesRendered} pages in ${(result.steps['render'] ?? Number.NaN).toFixed(1)} s), ${result.pagesPerSecond.perWallSecond.toFixed(1)} per second of wall time`,
    );
  }
}

const header = `${'scenario'.padEnd(32)} ${'wall'.padStart(8)} ${'render'.padStart(7)} ${'kept'.padStart(7)} ${'largest'.padStart(9)} ${'all'.padStart(9)}  seconds per step`;
console.log(header);
if (values.continue) {
  // The cold build, as the --cold-only run measured it.
  for (const result of results) printRow(result);
  printColdSummary();
  console.log(`\n${header}`);
}
for (const [index, next] of steps.entries()) {
  if (next === WATCH) {
    console.log('');
    try {
      watch = await measureWatch();
    } catch (error) {
      // A watcher that stopped is a failed row of the targets, not the end of the run.
      console.error(error instanceof Error ? error.message : String(error));
      watchFailed = true;
    }
    state.applied.push(WATCH);
    save();
    if (index < steps.length - 1) console.log(`\n${header}`);
    continue;
  }
  const [scenario, kind, change] = next;
  change();
  results.push(await measure(scenario, kind));
  state.applied.push(scenario);
  save();
  const following = steps[index + 1];
  if (kind === 'cold' && following !== undefined && following !== WATCH && following[1] === 'cold') continue;
  if (kind === 'cold') {
    printColdSummary();
    if (following !== undefined && following !== WATCH) console.log(`\n${header}`);
  }
}

targets = judgeTargets({
  articles,
  builds: results,
  watchBodyMedian: watchFailed ? Number.NaN : watch?.body.medianSeconds,
  watchHeadlineMedian: watchFailed ? Number.NaN : watch?.headline.medianSeconds,
  watchOk:
    !watchFailed && (!watch || [watch.startup, ...watch.body.edits, ...watch.headline.edits].every((one) => one.ok)),
});
save();
console.log(`\nAgainst the targets, ${describeTargetSize(articles)}:`);
const width = Math.max(...targets.map((row) => row.target.length));
for (const row of targets) console.log(`  ${row.target.padEnd(width)}  ${row.figure.padEnd(48)} ${row.status}`);

console.log(`\nWritten to ${path.relative(root, resultsFile)}`);
if (results.some((result) => !result.ok) || targets.some((row) => row.status === 'failed')) process.exitCode = 1;
