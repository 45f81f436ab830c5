/**
 * One build, start to published, through Depesche's engine: the site's code is compiled once per
 * change of code (engine/code-bundle.ts); a renderer loads the content and lists every page with
 * its key (lib/site/page-graph.ts); only pages whose key changed since the published release, and
 * new ones, are rendered (engine/page-plan.ts), the rest taken over from that release; the
 * pictures' variants come from the picture cache, made only when missing (picture-files.ts). Then the
 * search index's parts are brought up to date (search-parts.ts), the hosting files written,
 * unchanged files' compressed copies shared and changed files compressed, the manifest written, and
 * the published path switched to the new release in one rename. Used by `npm run build` and
 * `npm run watch`.
 */
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveBuildTime } from '../content/build-time.ts';
import { buildHeadersFile, buildNginxServer, buildRedirectsFile, type HostingFacts } from './hosting.ts';
import { digestIndexedPages, updateSearchParts, type SearchIndexResult } from './search-index.ts';
import { finishRelease } from './finish-release.ts';
import type { PictureReport } from './picture-files.ts';
import { pauseAt, readPauseSteps } from './pause-point.ts';
import { assembleTree, FOLDER_STORE, FolderReader, resolveFolderStore } from './folder-store.ts';
import { isPrecompressedCopy, MANIFEST_VERSION, type FileChanges, type ReleaseManifest } from './manifest.ts';
import { PAGE_GRAPH_FILE, parsePageGraph, writePageGraph, type PageGraph } from './engine/page-plan.ts';
import { computeCodeKey, locateRenderer } from './engine/code-bundle.ts';
import type { ContentChanges } from './engine/content-changes.ts';
import { RenderSession, type RendererHooks } from './engine/render-pool.ts';
import { renderSite, type PreviousPages } from './engine/render-site.ts';
import {
  acquireLock,
  CACHE_LOCK_FILE,
  commitStaging,
  createReleaseId,
  createStaging,
  discardFolder,
  type Lock,
  listReleases,
  MANIFEST_FILE,
  pruneReleases,
  readFolderCounts,
  readPublishedId,
  removeLeftovers,
  resolveReleasesDir,
  SITE_FOLDER,
  switchPublished,
  writeFolderCounts,
  type Release,
} from './release-store.ts';

export interface PublishOptions {
  /** The project folder (astro.config.mjs). */
  root: string;
  /** The content folder, absolute or relative to root. */
  contentDir: string;
  /** The published path, a symbolic link to the current release. */
  outDir: string;
  /** The build's cache: what it keeps between runs besides the releases. */
  cacheDir: string;
  /** Releases kept for rollback, the published one included. */
  keep: number;
  /** One line per step, no progress line (watch mode, CI). */
  quiet?: boolean;
  /** Where step lines and content warnings go. */
  log?: (line: string) => void;
  /** Renderers kept from build to build (`npm run watch`). */
  session?: RenderSession | undefined;
  /** The content files the watcher saw change since the session's renderer last loaded. */
  changes?: ContentChanges | undefined;
  /** Fold the search index's delta part back into its calendar parts, whatever its size. */
  foldSearch?: boolean | undefined;
  /**
   * Told the moment the new release is published, before the old releases are pruned (which the
   * build still does, holding its locks, before it returns): `npm run watch` reports the publish
   * then. The report's timings have no `prune` yet.
   */
  onPublished?: ((report: PublishReport) => void) | undefined;
}

export interface PublishReport {
  release: Release;
  changes: FileChanges;
  /** Seconds spent in each step, for the benchmark and for anyone wondering where time goes. */
  timings: Record<string, number>;
  /** The search index's parts: which were rebuilt and which taken over. */
  searchIndex: SearchIndexResult;
  /** The pictures' variants: how many, and how many were made rather than taken from the cache. */
  pictures: PictureReport;
  /** Files byte-identical to the previous release's. */
  unchanged: number;
  compressed: number;
  /** Pages rendered, and pages taken over unchanged from the previous release. */
  pages: { rendered: number; kept: number; total: number };
  /** The site's code was compiled for this build (it changed, or there was no bundle yet). */
  codeBuilt: boolean;
  /** When the next embargoed article becomes public, if one waits. */
  nextEmbargo: Date | undefined;
}

/** `_headers`, `_redirects` and an nginx server block for the published site, from its settings. */
async function writeHostingFiles(siteDir: string, outDir: string, hosting: HostingFacts): Promise<void> {
  await writeFile(path.join(siteDir, '_headers'), buildHeadersFile(hosting.cache));
  await writeFile(path.join(siteDir, '_redirects'), buildRedirectsFile(hosting.redirects));
  const nginx = buildNginxServer({
    root: outDir,
    listen: '80',
    serverName: new URL(hosting.siteUrl).hostname,
    cache: hosting.cache,
    redirects: hosting.redirects,
    brotli: hosting.brotliStatic,
  });
  await writeFile(path.join(siteDir, 'nginx.conf'), nginx);
}

export async function buildAndPublish(options: PublishOptions): Promise<PublishReport> {
  const timings: Record<string, number> = {};
  let started = performance.now();
  const lap = (step: string): void => {
    const now = performance.now();
    timings[step] = Math.round(now - started) / 1000;
    started = now;
    // A terminal has the progress line; a log (CI, a file) gets a line per step.
    if (!options.quiet && !process.stdout.isTTY) log(`[build] ${step}: ${timings[step]!.toFixed(2)} s`);
  };
  const log = options.log ?? ((line: string) => console.log(line));

  // A misspelt pause step fails here, before anything happens, not by never pausing.
  readPauseSteps();
  const releasesDir = resolveReleasesDir(options.outDir);
  // One build at a time per cache and published path: each is rewritten by a build. Builds of
  // other papers in the same project share only the compiled code, which has a lock of its own.
  const locks: Lock[] = [];
  try {
    for (const lockFile of [path.join(options.cacheDir, CACHE_LOCK_FILE), path.join(releasesDir, '.lock')])
      locks.push(await acquireLock(lockFile));
  } catch (error) {
    for (const lock of locks.reverse()) await lock.release();
    throw error;
  }
  // Hashing the code reads every file of src/: it goes on while the releases are read. It starts
  // once the locks are held, so the code it hashes is no older than this build.
  const codeKeyMade = computeCodeKey(options.root);
  codeKeyMade.catch(() => {});
  const hooks: RendererHooks = {
    onStart: async (pid) => {
      for (const lock of locks) await lock.addHolder(pid);
    },
    onEnd: async (pid) => {
      for (const lock of locks) await lock.removeHolder(pid);
    },
  };
  let staging: string | undefined;
  // A one-shot build starts its renderer now: the process boots and imports its code while this
  // one reads the releases and builds the code if it changed.
  const session = options.session ?? new RenderSession();
  try {
    if (!options.session) await session.prestart(hooks, locateRenderer(options.root, await codeKeyMade));
    await pauseAt('locked');
    await removeLeftovers(options.outDir, releasesDir);
    const releases = await listReleases(releasesDir);
    const publishedId = await readPublishedId(options.outDir, releasesDir);
    const published = readBase(
      releases.find(({ id }) => id === publishedId),
      log,
    );
    const previousPages = published && (await readPreviousPages(published));
    // Without the graph it was rendered from, a release cannot tell which of its files are gone.
    const previous = previousPages?.graph ? published : undefined;
    staging = await createStaging(releasesDir, options.root);
    const siteDir = path.join(staging, SITE_FOLDER);
    await pauseAt('staged');
    lap('prepare');
    // Assembling the tree and pruning read the kept releases' folder counts (remembered once
    // read): read them while this process waits for the renderer to load the content.
    const countsRead = Promise.all(
      releases.map((release) => readFolderCounts(path.dirname(release.siteDir)).catch(() => undefined)),
    );

    const site = await renderSite({
      root: options.root,
      contentDir: options.contentDir,
      siteDir,
      cacheDir: options.cacheDir,
      now: resolveBuildTime(process.env),
      codeKey: await codeKeyMade,
      previous: previous && previousPages,
      hooks,
      session,
      keepRenderers: options.session !== undefined,
      changes: options.changes,
      log,
      quiet: options.quiet ?? false,
      lap,
    });
    const { loaded, records, plan } = site;

    const searchIndex = await updateSearchParts(
      siteDir,
      loaded.pages
        .filter((page) => page.indexed)
        .map((page) => ({ file: page.file, hash: records.get(page.file)?.hash }))
        .sort((a, b) => (a.file < b.file ? -1 : 1)),
      previous?.siteDir,
      options.foldSearch ? { fold: true } : {},
      // A process that publishes again (watch) keeps Pagefind's service up for the next delta.
      { keepService: options.session !== undefined },
    );
    lap('search index');
    await pauseAt('search-indexed');

    await writeHostingFiles(siteDir, options.outDir, loaded.hosting);
    lap('hosting files');
    await pauseAt('hosting-written');

    const store = resolveFolderStore(releasesDir);
    const base = previous && {
      reader: new FolderReader(store),
      root: previous.manifest.root,
      siteDir: previous.siteDir,
    };
    const formerFolders = Object.entries(searchIndex.formerFolders);
    const finished = await finishRelease(siteDir, base, records, (file) => {
      const moved = formerFolders.find(([folder]) => file.startsWith(folder));
      return moved && moved[1] + file.slice(moved[0].length);
    });
    lap('compress');
    await pauseAt('compressed');

    // The new tree: the published one with what this build wrote put in, and taken out: the pages
    // the graph no longer lists, the other files the build no longer writes (a picture, a file of
    // public/), and the search parts no longer used.
    const pageFiles = new Map(loaded.pages.map((page) => [page.file, page.key]));
    const isPage = (file: string): boolean => pageFiles.has(file) || pageFiles.has(file.replace(/\.(gz|br)$/, ''));
    // Files of the published release the new one has as they are, not written again.
    const keptFiles = new Set([
      ...loaded.sitemaps.filter((sitemap) => sitemap.xml === undefined).map(({ file }) => file),
      ...site.pictures.kept,
    ]);
    const extras = [
      ...new Set([
        ...[...finished.records.keys()].filter(
          (file) => !isPage(file) && !isPrecompressedCopy(file) && !file.startsWith('pagefind/'),
        ),
        ...keptFiles,
      ]),
    ].sort();
    const written = new Set(extras);
    const previousGraph = previous && previousPages?.graph;
    const removed = [...plan.removed, ...(previousGraph?.extras ?? []).filter((file) => !written.has(file))].flatMap(
      (file) => [file, `${file}.gz`, `${file}.br`],
    );
    removed.push(...searchIndex.dropped);
    await countsRead;
    const tree = await assembleTree({
      store,
      siteDir,
      sameFileSystem: path.dirname(staging) === releasesDir,
      base: previous && {
        root: previous.manifest.root,
        counts: await readFolderCounts(path.dirname(previous.siteDir)),
      },
      keeps: (file) => isPage(file) || finished.keep.has(file) || keptFiles.has(file.replace(/\.(gz|br)$/, '')),
      removed,
      known: finished.records,
    });
    // The written files are in the store now; what is left of the folder was shared instead.
    await discardFolder(releasesDir, siteDir);
    await symlink(path.join('..', FOLDER_STORE, tree.root), siteDir, 'dir');
    lap('assemble');
    await pauseAt('assembled');

    const { changes } = tree;
    const createdAt = new Date();
    const id = createReleaseId(createdAt, new Set(releases.map(({ id }) => id)));
    const manifest: ReleaseManifest = {
      version: MANIFEST_VERSION,
      id,
      createdAt: createdAt.toISOString(),
      siteUrl: loaded.hosting.siteUrl,
      previous: previous?.id ?? null,
      searchDigest: digestIndexedPages(searchIndex.pages),
      root: tree.root,
      fileCount: (previous?.manifest.fileCount ?? 0) + changes.added.length - changes.removed.length,
      changes,
    };
    const graphFacts = {
      version: 1 as const,
      codeKey: site.codeKey,
      rendered: plan.render.map((page) => page.file).sort(),
      extras,
      sitemaps: Object.fromEntries(loaded.sitemaps.map(({ file, digest }) => [file, digest])),
    };
    const graph: PageGraph = { ...graphFacts, pages: pageFiles };
    await writeFile(path.join(staging, PAGE_GRAPH_FILE), `${writePageGraph(graphFacts, loaded.pages)}\n`);
    await writeFolderCounts(staging, releasesDir, id, tree.counts);
    await writeFile(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
    await pauseAt('manifest-written');
    const release = await commitStaging(staging, releasesDir, id);
    lastGraph = { file: path.join(releasesDir, id, PAGE_GRAPH_FILE), graph };
    await pauseAt('committed');
    await switchPublished(options.outDir, releasesDir, id);
    lap('publish');
    await pauseAt('switched');

    const report: PublishReport = {
      release,
      changes,
      timings,
      searchIndex,
      pictures: site.pictures,
      unchanged: manifest.fileCount - changes.added.length - changes.changed.length,
      compressed: finished.compressed,
      pages: { rendered: plan.render.length, kept: plan.kept, total: loaded.pages.length },
      codeBuilt: site.codeBuilt,
      nextEmbargo: loaded.nextEmbargo === undefined ? undefined : new Date(loaded.nextEmbargo),
    };
    options.onPublished?.({ ...report, timings: { ...timings } });

    await pruneReleases(releasesDir, options.keep, [id]);
    lap('prune');
    await pauseAt('pruned');
    return report;
  } catch (error) {
    // What went wrong is the error to report, not a failure to clean up after it.
    if (staging) await rm(staging, { recursive: true, force: true }).catch(() => {});
    throw error;
  } finally {
    if (!options.session) await session.close();
    for (const lock of locks.reverse()) await lock.release();
  }
}

/**
 * The published release, as the base of the next one; none (everything is built anew) when its
 * manifest is of an older Depesche, which kept no folder tree.
 */
function readBase(release: Release | undefined, log: (line: string) => void): Release | undefined {
  if (!release) return undefined;
  try {
    void release.manifest;
    return release;
  } catch {
    log(`The published release ${release.id} was made by an older Depesche; this build makes every file anew.`);
    return undefined;
  }
}

/**
 * The graph of the release this process published last: `npm run watch` starts each publish from
 * it, and a release's `page-graph.json` is never rewritten.
 */
let lastGraph: { file: string; graph: PageGraph } | undefined;

/** The pages of the release a build starts from, with the graph they were rendered from. */
async function readPreviousPages(release: Release): Promise<PreviousPages> {
  const file = path.join(path.dirname(release.siteDir), PAGE_GRAPH_FILE);
  if (lastGraph?.file === file) return { siteDir: release.siteDir, graph: lastGraph.graph };
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return {
    siteDir: release.siteDir,
    graph: text === undefined ? undefined : parsePageGraph(text),
  };
}

/** A short account of what a build published, for `npm run build` and `npm run watch`. */
export function describeRelease(report: PublishReport, outLabel: string): string {
  const { added, changed, removed } = report.changes;
  const steps = Object.entries(report.timings)
    .map(([step, seconds]) => `${step} ${seconds.toFixed(2)} s`)
    .join(', ');
  return [
    `Published release ${report.release.id} to ${outLabel}/: ${added.length} files added, ${changed.length} changed, ${removed.length} removed; ${report.unchanged} unchanged, ${report.compressed} compressed anew; ${
      report.searchIndex.rebuilt.length
        ? `search index: ${report.searchIndex.indexed} articles, parts rebuilt: ${report.searchIndex.rebuilt.join(', ')}${report.searchIndex.folded ? ' (delta folded back)' : ''}, ${report.searchIndex.kept} kept (${report.searchIndex.languages.join(', ') || 'no language'})`
        : `search index unchanged: ${report.searchIndex.indexed} articles in ${report.searchIndex.kept} parts`
    }; pictures: ${report.pictures.variants} variants of ${report.pictures.pictures} pictures, ${report.pictures.generated} made, ${report.pictures.reused} from the cache, ${report.pictures.kept.length} kept from the published release.`,
    `Time: ${steps}.`,
    `Pages: ${report.pages.rendered} rendered, ${report.pages.kept} kept of ${report.pages.total}${report.codeBuilt ? " (the site's code was compiled anew)" : ''}.`,
  ].join('\n');
}
