/**
 * The engine's part of a build: a complete site folder from the code bundle, the content and the
 * previous release. The code is compiled if it changed; a renderer loads the content and lists
 * every page with its key; pages whose key changed, and new ones, are rendered (by two renderers
 * when there are many), the others stay as the previous release has them (the release's tree
 * shares them: folder-store.ts); the pictures' variants the previous release lacks (from the picture cache), the bundle's
 * client files (styles, scripts, `public/`) and the sitemaps are written too. Every written file's
 * hash comes back with it, so nothing is read again to hash it.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContentProblemsError, formatProblem } from '../../content/problems.ts';
import { hashBytes } from '../../hash.ts';
import { listFilesBelow } from '../../paths.ts';
import type { FileRecord } from '../manifest.ts';
import { pauseAt } from '../pause-point.ts';
import { writePictures, type PictureReport } from '../picture-files.ts';
import { acquireLock, CACHE_LOCK_FILE } from '../release-store.ts';
import { ensureCodeBundle } from './code-bundle.ts';
import type { ContentChanges } from './content-changes.ts';
import { planPages, type PageGraph, type PagePlan } from './page-plan.ts';
import type { PlannedPage } from './page-list.ts';
import { renderAll, RenderSession, type LoadedSite, type Renderer, type RendererHooks } from './render-pool.ts';

/** The release a build starts from. */
export interface PreviousPages {
  siteDir: string;
  /** Absent for a release made before the page graph was recorded: every page is rendered. */
  graph: PageGraph | undefined;
}

export interface RenderSiteOptions {
  root: string;
  contentDir: string;
  /** An empty folder for the files this build writes. */
  siteDir: string;
  /** The build's cache: the picture cache lives in it. */
  cacheDir: string;
  now: Date;
  /** The code key (code-bundle.ts), when the build has worked it out already. */
  codeKey?: string | undefined;
  previous?: PreviousPages | undefined;
  /** Renderer processes are recorded here (in the build's locks). */
  hooks?: RendererHooks | undefined;
  /** The renderers to use; without it they are started here. */
  session?: RenderSession | undefined;
  /** Keep the session's renderers up for the next build (watch mode); else they are stopped. */
  keepRenderers?: boolean | undefined;
  /**
   * The content files that may have changed since the session's renderer last loaded (watch
   * mode, from the watcher): the load stats only those, and a sweep beside it catches the rest.
   */
  changes?: ContentChanges | undefined;
  log?: ((line: string) => void) | undefined;
  /** No progress line. */
  quiet?: boolean | undefined;
  /** Called at the end of each step, with its name, for the build's timings. */
  lap?: ((step: string) => void) | undefined;
}

export interface RenderedSite {
  loaded: LoadedSite;
  plan: PagePlan<PlannedPage>;
  /** Every file written into the site folder, with its hash. */
  records: Map<string, FileRecord>;
  codeKey: string;
  codeBuilt: boolean;
  pictures: PictureReport;
}

/** From how many pages a second renderer shares the work: below it, its own content load costs more than it saves. */
const SECOND_RENDERER_FROM = 400;

const NO_HOOKS: RendererHooks = { onStart: async () => {}, onEnd: async () => {} };

export async function renderSite(options: RenderSiteOptions): Promise<RenderedSite> {
  const { siteDir, previous } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const lap = options.lap ?? (() => {});
  const hooks = options.hooks ?? NO_HOOKS;

  const bundle = await ensureCodeBundle(
    options.root,
    () => log("Compiling the site's code (it changed)…"),
    options.codeKey,
  );
  await pauseAt('code-built');
  lap('code');

  const session = options.session ?? new RenderSession();
  try {
    const loadRequest = {
      root: options.root,
      contentDir: options.contentDir,
      cacheDir: options.cacheDir,
      now: options.now.toISOString(),
      // The package that writes them is code: with other code, every sitemap is written anew.
      sitemaps: previous?.graph?.codeKey === bundle.key ? previous.graph.sitemaps : undefined,
    };
    // One renderer loads first: it fills the newsroom store, so a second one (for many pages)
    // loads from the store in a fraction of the time, and no two processes write the store at once.
    let renderers = await session.take(bundle, 1, hooks);
    const loaded = await loadTold(renderers[0]!, loadRequest, options.changes, log);
    if (!loaded.ok) throw new ContentProblemsError(loaded.problems);
    for (const problem of loaded.problems) log(`[WARN] ${formatProblem(problem)}`);
    lap('content');
    if (!options.quiet && !process.stdout.isTTY)
      log(
        `[build] content, in the renderer: ${Object.entries(loaded.timings)
          .map(([part, seconds]) => `${part} ${seconds.toFixed(2)} s`)
          .join(', ')}`,
      );

    const plan = planPages(loaded.pages, bundle.key, previous?.graph);
    const pathnames = plan.render.map((page) => page.pathname);
    if (pathnames.length >= SECOND_RENDERER_FROM) {
      renderers = await session.take(bundle, 2, hooks);
      const again = await renderers[1]!.load(loadRequest);
      if (!again.ok) throw new ContentProblemsError(again.problems);
    }
    const progress = createProgress(options.quiet ?? false, pathnames.length);
    const records = await renderAll(renderers, siteDir, pathnames, progress.update);
    progress.done();
    if (options.keepRenderers) await session.release();
    else await session.close();
    await pauseAt('rendered');
    lap('render');

    // A variant's name is its content's: one the previous release has is shared, not written.
    const previousExtras = new Set(previous?.graph?.extras);
    const pictures = await writePictures(siteDir, loaded.pictures, options.cacheDir, (file) =>
      previousExtras.has(file),
    );
    await pauseAt('pictures-written');
    lap('pictures');

    for (const file of await listFilesBelow(bundle.clientDir))
      records.set(file, await copyRecorded(path.join(bundle.clientDir, file), path.join(siteDir, file)));
    // A sitemap without text is the previous release's, which the new release keeps.
    for (const sitemap of loaded.sitemaps) {
      if (sitemap.xml === undefined) continue;
      await writeFile(path.join(siteDir, sitemap.file), sitemap.xml);
      records.set(sitemap.file, { hash: hashBytes(sitemap.xml), size: Buffer.byteLength(sitemap.xml) });
    }
    await pauseAt('hashed');
    lap('static files');
    return { loaded, plan, records, codeKey: bundle.key, codeBuilt: bundle.built, pictures };
  } finally {
    if (options.keepRenderers) await session.release();
    else await session.close();
  }
}

/**
 * Readies the session's renderer for the first save (`npm run watch`, after its first publish): a
 * load with nothing changed and an article page rendered into a scratch folder run the code paths
 * of a warm publish, so V8 has compiled them before an editor waits on them (the first edits took
 * 0.3–0.6 s longer than the later ones). Publishes nothing.
 */
export async function warmUpRenderer(
  options: Pick<RenderSiteOptions, 'root' | 'contentDir' | 'cacheDir' | 'now' | 'changes' | 'codeKey'> & {
    session: RenderSession;
  },
): Promise<void> {
  // It reads (and may write) the newsroom store, which is the cache's: it holds the cache's lock,
  // with the renderer recorded in it as a build records its renderers.
  const lock = await acquireLock(path.join(options.cacheDir, CACHE_LOCK_FILE));
  const hooks: RendererHooks = { onStart: (pid) => lock.addHolder(pid), onEnd: (pid) => lock.removeHolder(pid) };
  const { session } = options;
  const scratch = path.join(options.cacheDir, `warm-up-${process.pid}`);
  try {
    const bundle = await ensureCodeBundle(options.root, () => {}, options.codeKey);
    const [renderer] = await session.take(bundle, 1, hooks);
    const request = {
      root: options.root,
      contentDir: options.contentDir,
      cacheDir: options.cacheDir,
      now: options.now.toISOString(),
    };
    const loaded = await loadTold(renderer!, request, options.changes, () => {});
    const article = loaded.ok ? loaded.pages.find((page) => page.indexed) : undefined;
    if (article) await renderer!.render(scratch, [article.pathname]);
  } finally {
    await session.release();
    await rm(scratch, { recursive: true, force: true });
    await lock.release();
  }
}

/**
 * The first renderer's load, told which files may have changed when the watcher knows, while a
 * sweep of every file's stat runs here on the parent's core; a change the watcher did not name
 * is loaded again, so nothing older than a full look at the files is ever rendered.
 */
async function loadTold(
  renderer: Renderer,
  request: Parameters<Renderer['load']>[0],
  changes: ContentChanges | undefined,
  log: (line: string) => void,
): ReturnType<Renderer['load']> {
  if (!changes) return renderer.load(request);
  const told = changes.take();
  const swept = changes.sweep();
  swept.catch(() => {});
  let loaded: Awaited<ReturnType<Renderer['load']>>;
  let missed: string[] | undefined;
  try {
    loaded = await renderer.load({ ...request, changed: told });
    missed = await swept;
  } catch (error) {
    changes.putBack(told);
    throw error;
  }
  if (told === undefined) return loaded;
  const toldSet = new Set(told);
  const untold = missed?.filter((file) => !toldSet.has(file));
  if (untold?.length === 0) return loaded;
  log(
    `[watch] the watcher did not name ${untold ? `${untold.length} changed file(s), e.g. ${path.relative(changes.contentDir, untold[0]!)}` : 'every change'}; loading them before anything is rendered.`,
  );
  try {
    return await renderer.load({ ...request, changed: untold });
  } catch (error) {
    changes.putBack(untold);
    throw error;
  }
}

async function copyRecorded(from: string, to: string): Promise<FileRecord> {
  const data = await readFile(from);
  await mkdir(path.dirname(to), { recursive: true });
  await writeFile(to, data);
  return { hash: hashBytes(data), size: data.length };
}

/**
 * Where a long render is: on a terminal one line, rewritten (pages of total, rate, time left);
 * otherwise (CI, --quiet, a log file) nothing but the steps' own lines.
 */
function createProgress(quiet: boolean, total: number): { update(done: number): void; done(): void } {
  const live = !quiet && process.stdout.isTTY && total > 0;
  const start = performance.now();
  let shown = false;
  return {
    update(done) {
      if (!live) return;
      const seconds = (performance.now() - start) / 1000;
      const rate = done / Math.max(seconds, 0.001);
      const left = rate > 0 ? (total - done) / rate : 0;
      process.stdout.write(
        `\rRendering pages: ${done} of ${total}, ${rate.toFixed(0)} pages/s, about ${left.toFixed(0)} s left   `,
      );
      shown = true;
    },
    done() {
      if (shown) process.stdout.write('\n');
    },
  };
}
