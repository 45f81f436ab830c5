/**
 * `npm run bench -- [--articles 1000]`: builds a deterministic synthetic paper with the production
 * build (`src/cli/build.ts`, with every output) and times it cold and after each kind of change a
 * newsroom makes, with peak memory measured by /usr/bin/time. Prints a table and writes
 * bench/results/<date>-<articles>.json.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { articleFile, createRandom, generatePaper } from '../lib/synthetic-paper.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' } } });
const articles = Number(values.articles);
if (!Number.isInteger(articles) || articles < 10) {
  console.error('--articles must be a whole number of at least 10, e.g. npm run bench -- --articles 10000');
  process.exit(2);
}

const root = process.cwd();
const work = path.join(root, '.depesche/bench', String(articles));
const content = path.join(work, 'content');
const cache = path.join(work, 'cache');
const out = path.join(work, 'dist');

rmSync(work, { recursive: true, force: true });
for (const file of generatePaper(articles)) {
  mkdirSync(path.dirname(path.join(content, file.path)), { recursive: true });
  writeFileSync(path.join(content, file.path), file.text);
}
mkdirSync(path.join(content, 'images'), { recursive: true });
writeFileSync(path.join(content, 'images/bild.jpg'), readFileSync(path.join(root, 'content/images/gleise.jpg')));

interface Measurement {
  scenario: string;
  seconds: number;
  pagesBuilt: number | null;
  peakRssMb: number;
  ok: boolean;
}

function measure(scenario: string): Measurement {
  const result = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, 'src/cli/build.ts', '--content', content, '--out', out, '--cache', cache],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', DEPESCHE_NOW: '2030-01-01T00:00:00Z' },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const output = `${result.stdout}\n${result.stderr}`;
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(output);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(output);
  const pages = /(\d+) page\(s\) built/.exec(output);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : Number.NaN;
  const measurement = {
    scenario,
    seconds,
    pagesBuilt: pages ? Number(pages[1]) : null,
    peakRssMb: rss ? Math.round(Number(rss[1]) / 1024) : Number.NaN,
    ok: result.status === 0,
  };
  if (!measurement.ok) console.error(output.slice(-3000));
  console.log(
    `${scenario.padEnd(34)} ${seconds.toFixed(1).padStart(7)} s  ${String(measurement.pagesBuilt ?? '?').padStart(7)} pages  ${String(measurement.peakRssMb).padStart(6)} MB${measurement.ok ? '' : '  FAILED'}`,
  );
  return measurement;
}

const random = createRandom(7);
const edit = (file: string, change: (text: string) => string): void =>
  writeFileSync(path.join(content, file), change(readFileSync(path.join(content, file), 'utf8')));
const articlePath = (index: number): string => articleFile(index, createRandom(1)).path;

console.log(`Depesche benchmark: ${articles} articles, ${path.relative(root, work)}\n`);
const results: Measurement[] = [
  measure('cold full build'),
  measure('second build, no change'),
  (edit(articlePath(0), (text) => `${text.trimEnd()} Ein Nachtrag.\n`), measure('one article body edited')),
  (edit(articlePath(1), (text) => text.replace(/^headline: (.*)$/m, 'headline: $1 (aktualisiert)')),
  measure('one headline edited')),
  (writeFileSync(path.join(content, articleFile(articles, random).path), articleFile(articles, random).text),
  measure('one article added')),
  (rmSync(path.join(content, articlePath(2))), measure('one article deleted')),
  (appendFileSync(path.join(content, 'authors/autor-0.yaml'), ''),
  edit('authors/autor-0.yaml', (text) => text.replace(/^bio: .*$/m, 'bio: Neue Biografie.')),
  measure('one author bio edited')),
];
console.log(`${'watch mode: save to published'.padEnd(34)}     n/a  (no watch mode yet)`);

const machine = {
  cpus: (await import('node:os')).cpus().length,
  memoryGb: Math.round((await import('node:os')).totalmem() / 1024 ** 3),
  node: process.version,
};
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, 'bench/results', `${new Date().toISOString().slice(0, 10)}-${articles}.json`);
writeFileSync(file, `${JSON.stringify({ articles, machine, results }, null, 2)}\n`);
console.log(`\nWritten to ${path.relative(root, file)}`);
if (results.some((result) => !result.ok)) process.exitCode = 1;
