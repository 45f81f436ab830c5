/**
 * One build, start to published: Astro renders into a staging folder (skipping pages whose
 * `cacheKey` and code are unchanged, see docs/performance.md), the pictures' variants are put in
 * from the picture cache (made only when missing, picture-files.ts), the search index's parts are rebuilt
 * only where an indexed page changed (src/lib/search-parts.ts), the hosting files are written, unchanged files' compressed copies are
 * shared with the previous release and only changed files compressed, the manifest is written, and the published
 * path is switched to the new release in one rename. Used by `npm run build` and `npm run watch`.
 */
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildHeadersFile, buildNginxServer, buildRedirectsFile } from './hosting.ts';
import { digestIndexedPages, isIndexedPage, updateSearchParts, type SearchIndexResult } from './search-index.ts';
import { finishRelease, hashSite } from './finish-release.ts';
import { pauseAt, readPauseSteps } from './pause-point.ts';
import { writePictures, type PictureReport } from './picture-files.ts';
import { ContentProblemsFound, renderInChild, type HostingFacts, type RenderResult } from './render-step.ts';
import { diffFiles, MANIFEST_VERSION, type FileChanges, type ReleaseManifest } from './manifest.ts';
import {
  acquireLock,
  commitStaging,
  createReleaseId,
  createStaging,
  type Lock,
  listReleases,
  MANIFEST_FILE,
  pruneReleases,
  readPublishedId,
  removeLeftovers,
  resolveReleasesDir,
  SITE_FOLDER,
  switchPublished,
  type Release,
} from './release-store.ts';

export interface PublishOptions {
  /** The project folder (astro.config.mjs). */
  root: string;
  /** The content folder, absolute or relative to root. */
  contentDir: string;
  /** The published path, a symbolic link to the current release. */
  outDir: string;
  /** Astro's cache: the content store and the incremental build's copies of rendered pages. */
  cacheDir: string;
  /** Releases kept for rollback, the published one included. */
  keep: number;
  /** Show only Astro's warnings, not the list of every page it writes. */
  quiet?: boolean;
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
  /** The caches were left by a build that was killed or failed: this build rendered every page. */
  recoveredFromInterruption: boolean;
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
  };

  // A misspelt pause step fails here, before anything happens, not by never pausing.
  readPauseSteps();
  const releasesDir = resolveReleasesDir(options.outDir);
  // One build at a time per project, cache and published path: each is rewritten by a build. The
  // project's .astro/ folder holds files Astro writes from the content being built (the list of
  // images the content imports), so two builds in one project would overwrite each other's.
  const locks: Lock[] = [];
  try {
    for (const lockFile of [
      path.join(options.root, '.astro', 'depesche-build.lock'),
      path.join(options.cacheDir, 'depesche-build.lock'),
      path.join(releasesDir, '.lock'),
    ])
      locks.push(await acquireLock(lockFile));
  } catch (error) {
    for (const lock of locks.reverse()) await lock.release();
    throw error;
  }
  let staging: string | undefined;
  try {
    await pauseAt('locked');
    await removeLeftovers(options.outDir, releasesDir);
    const releases = await listReleases(releasesDir);
    const publishedId = await readPublishedId(options.outDir, releasesDir);
    const previous = releases.find(({ id }) => id === publishedId);
    staging = await createStaging(releasesDir, options.root);
    const siteDir = path.join(staging, SITE_FOLDER);
    await pauseAt('staged');
    lap('prepare');

    // Marked before Astro starts and cleared after it succeeds: a build that was killed or failed
    // while rendering may have left copies of pages newer than the cache's manifest says, so the
    // next build renders everything once rather than risk restoring a stale page.
    const dirtyMarker = path.join(options.cacheDir, 'depesche-render-incomplete');
    const recovering = existsSync(dirtyMarker);
    await writeFile(dirtyMarker, String(process.pid));
    // Astro keeps the list of images the content imports in the project's .astro/ folder, not in
    // the cache, and rewrites it only when its own store changed. After a build of other content
    // (another --content or --cache) the file would name that content's images: remove it so it
    // is always written from this cache's store.
    for (const file of ['content-assets.mjs', 'content-modules.mjs'])
      await rm(path.join(options.root, '.astro', file), { force: true });
    let rendered: RenderResult;
    try {
      rendered = await renderInChild(
        {
          root: options.root,
          contentDir: options.contentDir,
          outDir: siteDir,
          cacheDir: options.cacheDir,
          quiet: options.quiet ?? false,
          force: recovering,
        },
        async (pid) => {
          for (const lock of locks) await lock.addHolder(pid);
        },
        async (pid) => {
          for (const lock of locks) await lock.removeHolder(pid);
        },
      );
    } catch (error) {
      // The content was refused before anything was rendered: the caches are as they were.
      if (error instanceof ContentProblemsFound && !recovering) await rm(dirtyMarker, { force: true });
      throw error;
    }
    await rm(dirtyMarker, { force: true });
    const { hosting } = rendered;
    lap('astro');
    await pauseAt('rendered');

    // Astro no longer makes the pictures' variants; they come from the picture cache, which
    // outlives the page caches, and are made only when missing.
    const pictures = await writePictures(siteDir, rendered.pictures, options.cacheDir);
    lap('pictures');
    await pauseAt('pictures-written');

    const indexed: string[] = [];
    const hashes = await hashSite(siteDir, (file, data) => {
      if (isIndexedPage(file, data)) indexed.push(file);
    });
    lap('hash');
    await pauseAt('hashed');

    const indexedPages = indexed.sort().map((file) => ({ file, hash: hashes.get(file)?.hash ?? '' }));
    const search = { digest: digestIndexedPages(indexedPages) };
    const searchIndex = await updateSearchParts(siteDir, indexedPages, previous?.siteDir);
    lap('search index');
    await pauseAt('search-indexed');

    await writeHostingFiles(siteDir, options.outDir, hosting);
    lap('hosting files');
    await pauseAt('hosting-written');

    const finished = await finishRelease(
      siteDir,
      previous && { siteDir: previous.siteDir, files: previous.manifest.files },
      searchIndex.carryOver,
      hashes,
    );
    lap('share and compress');
    await pauseAt('compressed');

    const now = new Date();
    const id = createReleaseId(now, new Set(releases.map(({ id }) => id)));
    const manifest: ReleaseManifest = {
      version: MANIFEST_VERSION,
      id,
      createdAt: now.toISOString(),
      siteUrl: hosting.siteUrl,
      previous: previous?.id ?? null,
      searchDigest: search.digest,
      files: finished.files,
      changes: diffFiles(previous?.manifest.files, finished.files),
    };
    await writeFile(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
    await pauseAt('manifest-written');
    const release = await commitStaging(
      staging,
      releasesDir,
      id,
      previous && { siteDir: previous.siteDir, files: previous.manifest.files },
    );
    await pauseAt('committed');
    await switchPublished(options.outDir, releasesDir, id);
    lap('publish');
    await pauseAt('switched');

    await pruneReleases(releasesDir, options.keep, [id]);
    lap('prune');
    await pauseAt('pruned');
    return {
      release,
      changes: manifest.changes,
      timings,
      searchIndex,
      pictures,
      unchanged: finished.unchanged,
      compressed: finished.compressed,
      recoveredFromInterruption: recovering,
    };
  } catch (error) {
    if (staging) await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    for (const lock of locks.reverse()) await lock.release();
  }
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
    }; pictures: ${report.pictures.variants} variants of ${report.pictures.pictures} pictures, ${report.pictures.generated} made, ${report.pictures.reused} from the cache.`,
    `Time: ${steps}.`,
    ...(report.recoveredFromInterruption
      ? ['The previous build stopped while rendering, so every page was rendered again this time.']
      : []),
  ].join('\n');
}
