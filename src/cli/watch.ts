/**
 * `npm run watch`: keeps the engine up — the compiled code imported in a renderer, the content
 * loaded, the page graph of the published release — and after each burst of saves publishes what
 * changed, in one step. It also publishes by itself when an embargoed article's time arrives. A
 * save with bad content prints its problems and leaves the published site as it was; the next
 * good save publishes. A change of code (src/, public/) is compiled before the next publish.
 *
 *   node src/cli/watch.ts [--content <dir>] [--out <dir>] [--cache <dir>] [--keep <n>] [--debounce <ms>]
 *
 * One line per publish: what changed, pages rendered, seconds from the first save to published.
 *
 * Started with an IPC channel (by a CMS that has just written files, or the tests' oracle), it
 * says `{ type: 'watching' }` once it listens and publishes when sent `{ type: 'publish', id }`.
 * After every publish it sends `{ type: 'published', ids, release, summary }` (summary: the lines
 * `npm run build` prints) or `{ type: 'not-published', ids, message }`, where `ids` are the
 * requests it answers: those that arrived before it started.
 */
import { watch } from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from './command-line.ts';
import { ContentProblemsError, formatProblemReport } from '../lib/content/problems.ts';
import { buildAndPublish, describeRelease } from '../lib/publish/build-and-publish.ts';
import { ContentChanges } from '../lib/publish/engine/content-changes.ts';
import { RenderSession } from '../lib/publish/engine/render-pool.ts';
import { warmUpRenderer } from '../lib/publish/engine/render-site.ts';
import { resolveBuildTime } from '../lib/content/build-time.ts';

const { values } = parseCommandLine(
  {
    options: {
      content: { type: 'string', default: process.env['DEPESCHE_CONTENT_DIR'] ?? 'content' },
      out: { type: 'string', default: 'dist' },
      cache: { type: 'string', default: '.depesche/cache' },
      keep: { type: 'string', default: '5' },
      debounce: { type: 'string', default: '50' },
    },
  },
  'npm run watch -- [--content <dir>] [--out <dir>] [--cache <dir>] [--keep <n>] [--debounce <ms>]',
);

const root = process.cwd();
const contentDir = path.resolve(root, values.content);
const watched = [contentDir, path.join(root, 'public'), path.join(root, 'src')];
const debounceMs = Number(values.debounce);
const keep = Number(values.keep);
if (!Number.isInteger(keep) || keep < 1) {
  console.error(`--keep must be a whole number of releases, at least 1, but it is "${values.keep}".`);
  process.exit(2);
}
const session = new RenderSession();
const cacheDir = path.resolve(root, values.cache);
/** What the watcher saw of the content: a publish stats only the files it named (and sweeps for the rest). */
const changes = new ContentChanges(contentDir);

let timer: NodeJS.Timeout | undefined;
let embargoTimer: NodeJS.Timeout | undefined;
let running = false;
let pending = false;
/** When the first save of the burst that the coming publish takes in happened. */
let firstSave: number | undefined;
/** The files saved since the last publish started, for its line. */
let saved = new Set<string>();
/** Whether the renderer has been readied for the first save, after the first publish. */
let warmedUp = false;
/** Publishes asked for over IPC since the last publish started: the next one answers them. */
let asked: unknown[] = [];

/** The longest delay setTimeout keeps; a later embargo is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function scheduleEmbargo(at: Date | undefined): void {
  clearTimeout(embargoTimer);
  // A fixed build time (DEPESCHE_NOW, in tests and benches) never reaches an embargo.
  if (!at || process.env['DEPESCHE_NOW']) return;
  const wait = Math.min(Math.max(at.getTime() - Date.now(), 0) + 50, MAX_TIMER_MS);
  embargoTimer = setTimeout(() => {
    saved.add(`embargo of ${at.toISOString()}`);
    void publish();
  }, wait);
}

function describeSaved(files: ReadonlySet<string>): string {
  const names = [...files];
  if (names.length === 0) return 'first publish';
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

async function publish(): Promise<void> {
  if (running) {
    pending = true;
    return;
  }
  running = true;
  const savedAt = firstSave ?? performance.now();
  const what = describeSaved(saved);
  firstSave = undefined;
  saved = new Set();
  const answering = asked;
  asked = [];
  let publishedLine = '';
  try {
    const report = await buildAndPublish({
      root,
      contentDir,
      outDir: path.resolve(root, values.out),
      cacheDir,
      keep,
      quiet: true,
      session,
      changes,
      log: (line) => {
        if (!line.startsWith('[build]')) console.log(line);
      },
      // Published is when the release is switched; pruning the oldest one comes after.
      onPublished: (published) => {
        const seconds = ((performance.now() - savedAt) / 1000).toFixed(2);
        const { added, changed, removed } = published.changes;
        publishedLine = `[watch] published ${seconds} s after the save (${what}): ${published.pages.rendered} pages rendered, ${added.length + changed.length + removed.length} files changed.`;
        if (warmedUp) console.log(`${publishedLine} Watching for changes…`);
      },
    });
    scheduleEmbargo(report.nextEmbargo);
    if (!warmedUp) {
      warmedUp = true;
      // After the first publish: publishes nothing, and a save meanwhile is published right
      // after, as during a publish. The line says the watcher is ready once it is.
      const started = performance.now();
      const warm = await warmUpRenderer({
        root,
        contentDir,
        cacheDir,
        now: resolveBuildTime(process.env),
        session,
        changes,
      }).then(
        () => `the renderer warmed up for the first save in ${((performance.now() - started) / 1000).toFixed(2)} s`,
        (error: unknown) => `the renderer could not be warmed up (${String(error)})`,
      );
      console.log(`${publishedLine} Then ${warm}. Watching for changes…`);
    }
    const summary = describeRelease(report, values.out);
    process.send?.({ type: 'published', ids: answering, release: report.release.id, summary });
  } catch (error) {
    const message =
      error instanceof ContentProblemsError
        ? formatProblemReport(error.problems)
        : `The build failed: ${error instanceof Error ? error.message : String(error)}`;
    console.error(`\n${message}`);
    console.log('[watch] nothing was published; the site stays as it was. Fix the problems above and save again.');
    process.send?.({ type: 'not-published', ids: answering, message });
  } finally {
    running = false;
  }
  if (pending) {
    pending = false;
    void publish();
  }
}

/** Waits until saves stop for a moment: an editor's save, or a sync of many files, is one publish. */
function onChange(dir: string, file: string | null): void {
  firstSave ??= performance.now();
  if (file) saved.add(path.relative(root, path.join(dir, file)));
  if (dir === contentDir) changes.note(file === null ? undefined : path.join(dir, file));
  clearTimeout(timer);
  timer = setTimeout(() => void publish(), debounceMs);
}

for (const dir of watched) {
  try {
    watch(dir, { recursive: true }, (_event, file) => onChange(dir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
if (process.send)
  process.on('message', (message: { type?: unknown; id?: unknown }) => {
    if (message.type !== 'publish') return;
    asked.push(message.id);
    saved.add('asked over IPC');
    clearTimeout(timer);
    void publish();
  });
process.send?.({ type: 'watching' });
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void session.close().then(() => process.exit(0));
  });
console.log(
  `[watch] watching ${watched.map((dir) => path.relative(root, dir) || '.').join(', ')}; publishing to ${values.out}/`,
);
void publish();
