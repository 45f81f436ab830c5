/**
 * `npm run bench:search -- --site <built site> [--articles 10000] [--queries 50] [--no-ranking]`:
 * measures the search step alone on a site `npm run bench` has built (it is only read). A full
 * build per change costs a minute at 10,000 articles, so the search index in parts is updated
 * directly (updateSearchParts), the way a publish does, for each newsroom scenario: a cold build,
 * an edit of the newest and of the oldest article, 200 articles added one at a time (with the
 * fold-back the delta's limit triggers) and a fold on schedule; with seconds and the peak resident
 * memory of this process and Pagefind's together.
 *
 * Then it compares ranking: one Pagefind index of all article pages against the parts, in
 * Chromium, for fixed queries drawn from the synthetic paper's vocabulary: the top hit of the
 * search page's own script (compiled from src/scripts/search.ts) and of a plain merge by each
 * part's score, against the single index's; and a date-sorted search against the single index's.
 * Prints tables and writes bench/results/<date>-search-<articles>.json.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import { parseCommandLine } from './command-line.ts';
import { readTreeRss } from '../lib/bench/process-memory.ts';
import { compareRanking, drawQueries, launchRankingBrowser, writeSingleIndex } from '../lib/bench/search-ranking.ts';
import { hashBytes } from '../lib/hash.ts';
import { readSearchedPages, updateSearchParts, type SearchIndexResult } from '../lib/publish/search-index.ts';
import type { IndexedPage, PlanOptions } from '../lib/publish/search-parts.ts';

const { values } = parseCommandLine(
  {
    options: {
      site: { type: 'string' },
      articles: { type: 'string', default: '10000' },
      queries: { type: 'string', default: '50' },
      adds: { type: 'string', default: '200' },
      'no-ranking': { type: 'boolean', default: false },
      'ranking-only': { type: 'boolean', default: false },
    },
  },
  'npm run bench:search -- [--site <built site>] [--articles <n>] [--queries <n>] [--adds <n>] [--no-ranking | --ranking-only]',
);
const articles = Number(values.articles);
const root = process.cwd();
const source = await realpath(
  path.resolve(values.site ?? path.join(root, '.depesche/bench', String(articles), 'dist')),
);
const work = path.join(root, '.depesche/bench-search', String(articles));
const pagesDir = path.join(work, 'pages');

/** Adds a paragraph to a page's indexed body: an edit, or a new article made from an old one. */
function changeBody(html: string, text: string): string {
  const changed = html.replace(/(<[^>]*data-pagefind-body[^>]*>)/, `$1<p>${text}</p>`);
  if (changed === html) throw new Error('The article page has no data-pagefind-body element.');
  return changed;
}

interface Step {
  scenario: string;
  seconds: number;
  /** This process and Pagefind together, at the worst moment (sampled every 20 ms). */
  peakRssMb: number;
  /** This process alone just before the step: what the peak holds besides the search step. */
  beforeRssMb: number;
  rebuilt: string[];
  delta: number;
  folded: boolean;
}

let stepCount = 0;
let ranking: Record<string, unknown> | null = null;
let previousSite: string | undefined;
const current = new Map<string, string>();

/** A release's site folder: the shared article pages, and the parts it takes over linked in. */
async function makeSiteDir(): Promise<string> {
  const siteDir = path.join(work, 'steps', String(stepCount++));
  await mkdir(path.join(siteDir, 'pagefind'), { recursive: true });
  for (const entry of await readdir(pagesDir)) await symlink(path.join(pagesDir, entry), path.join(siteDir, entry));
  return siteDir;
}

async function runStep(scenario: string, options: Partial<PlanOptions> = {}): Promise<Step> {
  const siteDir = await makeSiteDir();
  const pages: IndexedPage[] = [...current]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([file, hash]) => ({ file, hash }));
  const before = readTreeRss(process.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, readTreeRss(process.pid))), 20);
  const started = performance.now();
  let result: SearchIndexResult;
  try {
    result = await updateSearchParts(siteDir, pages, previousSite, options);
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  // What the release's tree does in a real publish: the untouched parts come over from the previous release.
  const dropped = new Set(result.dropped);
  for (const dir of previousSite ? await readdir(path.join(previousSite, 'pagefind')) : []) {
    const folder = `pagefind/${dir}`;
    if (dropped.has(`${folder}/`) || dir.endsWith('.json') || existsSync(path.join(siteDir, folder))) continue;
    await symlink(await realpath(path.join(previousSite!, folder)), path.join(siteDir, folder));
  }
  previousSite = siteDir;
  return {
    scenario,
    seconds,
    peakRssMb: Math.round(peak / 1024 / 1024),
    beforeRssMb: Math.round(before / 1024 / 1024),
    rebuilt: result.rebuilt,
    delta: result.delta,
    folded: result.folded,
  };
}

function printStep(step: Step): void {
  console.log(
    `${step.scenario.padEnd(44)} ${step.seconds.toFixed(2).padStart(7)} s ${String(step.peakRssMb).padStart(6)} MB (${step.beforeRssMb} before)  rebuilt: ${step.rebuilt.join(', ') || '—'}; delta ${step.delta}${step.folded ? '; folded' : ''}`,
  );
}

async function writePage(file: string, html: string): Promise<void> {
  const target = path.join(pagesDir, file);
  await mkdir(path.dirname(target), { recursive: true });
  // A new file, never written through: the pages were copied, but stay careful with the source.
  await rm(target, { force: true });
  await writeFile(target, html);
  current.set(file, hashBytes(html));
}

async function measureFigures(sourcePages: Map<string, string>): Promise<Record<string, unknown>> {
  for (const [file, hash] of sourcePages) {
    await mkdir(path.dirname(path.join(pagesDir, file)), { recursive: true });
    await copyFile(path.join(source, file), path.join(pagesDir, file));
    current.set(file, hash);
  }
  const dated = [...sourcePages.keys()].filter((file) => /^\d{4}\/\d{2}\/\d{2}\//.test(file)).sort();
  const newest = dated.at(-1)!;
  const oldest = dated[0]!;
  console.log(`Search step on ${sourcePages.size} article pages (${path.relative(root, work)})`);
  console.log(`newest article ${newest}, oldest ${oldest}\n`);
  console.log(`${'scenario'.padEnd(44)} ${'wall'.padStart(9)} ${'peak'.padStart(9)}`);
  const steps: Step[] = [];
  const record = (step: Step): void => {
    steps.push(step);
    printStep(step);
  };

  record(await runStep('cold build (every part)'));
  const newestHtml = await readFile(path.join(pagesDir, newest), 'utf8');
  await writePage(newest, changeBody(newestHtml, 'Nachtrag: Korrekturwortneu wurde ergänzt.'));
  record(await runStep('edit of the newest article'));
  await writePage(
    oldest,
    changeBody(await readFile(path.join(pagesDir, oldest), 'utf8'), 'Nachtrag: Korrekturwortalt.'),
  );
  record(await runStep(`edit of the oldest article (${oldest.slice(0, 10)})`));
  // Ranking is compared here: calendar parts and a delta of the two edited articles, no copies
  // of other articles yet (the added ones below are, and copies tie in score).
  if (!values['no-ranking']) ranking = await measureRanking();
  if (values['ranking-only']) return { steps };

  const adds = Number(values.adds);
  const addSteps: Step[] = [];
  const day = newest.slice(0, 11);
  for (let index = 0; index < adds; index++) {
    await writePage(`${day}zusatz-${index}/index.html`, changeBody(newestHtml, `Zusatzmeldung Nummer ${index}.`));
    const step = await runStep(`add ${index + 1} of ${adds}`);
    addSteps.push(step);
    if (step.folded) record({ ...step, scenario: `fold-back by the delta limit (add ${index + 1})` });
  }
  const addTimes = addSteps.filter((step) => !step.folded).map((step) => step.seconds);
  const sorted = [...addTimes].sort((a, b) => a - b);
  const addSummary = {
    scenario: `${adds} adds one at a time (delta only)`,
    count: addTimes.length,
    medianSeconds: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    maxSeconds: sorted.at(-1) ?? Number.NaN,
    totalSeconds: addSteps.reduce((sum, step) => sum + step.seconds, 0),
    peakRssMb: Math.max(...addSteps.filter((step) => !step.folded).map((step) => step.peakRssMb)),
  };
  console.log(
    `${addSummary.scenario.padEnd(44)} median ${addSummary.medianSeconds.toFixed(2)} s, max ${addSummary.maxSeconds.toFixed(2)} s, all ${addSummary.totalSeconds.toFixed(1)} s; peak ${addSummary.peakRssMb} MB`,
  );
  record(await runStep('fold-back on schedule', { fold: true }));
  await writePage(newest, changeBody(newestHtml, 'Zweiter Nachtrag: Korrekturwortneu.'));
  record(await runStep('edit of the newest article after the fold'));
  return { steps, adds: addSummary, addSeconds: addSteps.map((step) => Number(step.seconds.toFixed(3))) };
}

async function measureRanking(): Promise<Record<string, unknown>> {
  const singleDir = path.join(work, 'single');
  const singleSeconds = await writeSingleIndex(pagesDir, current.keys(), singleDir);
  const browser = await launchRankingBrowser();
  try {
    const report = await compareRanking(browser, {
      siteDir: source,
      // The parts of the last step, written by this checkout's search-index.ts.
      partsDir: previousSite!,
      singleDir,
      // The release's search page runs this checkout's script in place of the bundled one.
      searchScript: stripTypeScriptTypes(await readFile(path.join(root, 'src/scripts/search.ts'), 'utf8'), {
        mode: 'transform',
      }),
      queries: drawQueries(Number(values.queries)),
    });
    const { rows, agreePlain, agreeReranked, newestFirst } = report;
    console.log(
      `\nRanking: ${rows.length} fixed queries over ${report.parts} parts; single index written in ${singleSeconds.toFixed(1)} s`,
    );
    console.log(
      `top hit equals the single index's: plain merge by part score ${agreePlain}/${rows.length}, search page (re-ranked) ${agreeReranked}/${rows.length}`,
    );
    for (const row of rows.filter((row) => row.reranked !== row.single))
      console.log(
        `  differs: "${row.query}": single ${row.single}, search page ${row.reranked} (the single index's #${row.rankInSingle ?? '>30'}, ${row.scoreShortfall === null ? '' : `${(row.scoreShortfall * 100).toFixed(3)} % below its best score`}), plain ${row.plain}`,
      );
    const times = rows.map((row) => row.ms).sort((a, b) => a - b);
    console.log(
      `typing to results on the search page: median ${times[Math.floor(times.length / 2)]} ms, max ${times.at(-1)} ms`,
    );
    console.log(
      `newest first (section ${newestFirst.section}, first ${newestFirst.shown.length}): ${newestFirst.agrees ? 'same order as the single index' : 'DIFFERS from the single index'}`,
    );
    if (report.errors.length) console.log(`script errors: ${report.errors.join(' | ')}`);
    return { ...report, singleIndexSeconds: singleSeconds };
  } finally {
    await browser.close();
  }
}

await rm(work, { recursive: true, force: true });
await mkdir(pagesDir, { recursive: true });
// The article pages the built site's search index holds, with the hash of the copy it finds.
const sourcePages = await readSearchedPages(source);
const figures = await measureFigures(sourcePages);
const machine = {
  cpus: (await import('node:os')).cpus().length,
  memoryGb: Math.round((await import('node:os')).totalmem() / 1024 ** 3),
  node: process.version,
};
await mkdir(path.join(root, 'bench/results'), { recursive: true });
const output = path.join(
  root,
  'bench/results',
  `${new Date().toISOString().slice(0, 10)}-search-${sourcePages.size}.json`,
);
await writeFile(output, `${JSON.stringify({ articles: sourcePages.size, machine, figures, ranking }, null, 2)}\n`);
console.log(`\nWritten to ${path.relative(root, output)}`);
