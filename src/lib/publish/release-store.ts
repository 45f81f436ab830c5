/**
 * Releases: every build writes a complete site into a folder of its own beside the published path,
 * and the published path (`dist/`) is a symbolic link that is switched to the new folder with one
 * rename. A reader, a web server or a `kill -9` therefore only ever meets a complete old or a
 * complete new site; older releases stay for `npm run rollback`.
 *
 *   dist -> .dist-releases/20261121T081530.123Z/site
 *   .dist-releases/20261121T081530.123Z/site -> ../.folders/<root folder>
 *   .dist-releases/20261121T081530.123Z/release.json   (the manifest)
 *   .dist-releases/20261121T081530.123Z/folders.json   (the folders its tree holds)
 *   .dist-releases/.folders/                            (every release's folders, shared: folder-store.ts)
 *   .dist-releases/.staging/                            (the build in progress)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  appendFile,
  copyFile,
  link,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { hashBytes } from '../hash.ts';
import { collectGarbage, FolderReader, resolveFolderStore } from './folder-store.ts';
import type { FolderCounts } from './folder-tree.ts';
import { parseManifest, type FileRecord, type ReleaseManifest } from './manifest.ts';

export const MANIFEST_FILE = 'release.json';
export const SITE_FOLDER = 'site';
/** How often each folder of the store occurs in the release's tree: what pruning keeps. */
export const FOLDER_COUNTS_FILE = 'folders.json';

/** Where the releases of a published path live: `.dist-releases` beside `dist`. */
export function resolveReleasesDir(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}-releases`);
}

/** Release names sort by time: "20261121T081530.123Z", with a suffix if two fall in one millisecond. */
export function createReleaseId(now: Date, taken: ReadonlySet<string>): string {
  const stamp = now.toISOString().replace(/[-:]/g, '');
  if (!taken.has(stamp)) return stamp;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${stamp}-${suffix}`)) return `${stamp}-${suffix}`;
}

export interface Release {
  id: string;
  /** The release's site folder, what the published path points to. */
  siteDir: string;
  manifest: ReleaseManifest;
}

/**
 * Complete releases, oldest first. A folder without its manifest is unfinished and not a release.
 * A manifest is read when first asked for: a large paper's runs to megabytes, and a build needs
 * only the published one's.
 */
export async function listReleases(releasesDir: string): Promise<Release[]> {
  const names = await readdir(releasesDir).catch(() => [] as string[]);
  const releases: Release[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const file = path.join(releasesDir, name, MANIFEST_FILE);
    if (!existsSync(file)) continue;
    let manifest: ReleaseManifest | undefined;
    releases.push({
      id: name,
      siteDir: path.join(releasesDir, name, SITE_FOLDER),
      get manifest() {
        return (manifest ??= parseManifest(readFileSync(file, 'utf8'), file));
      },
    });
  }
  return releases;
}

/** The id of the release the published path points to, if it is one. */
export async function readPublishedId(outDir: string, releasesDir: string): Promise<string | undefined> {
  const target = await readlink(outDir).catch(() => undefined);
  if (target === undefined) return undefined;
  const siteDir = path.resolve(path.dirname(outDir), target);
  if (path.basename(siteDir) !== SITE_FOLDER || path.dirname(path.dirname(siteDir)) !== path.resolve(releasesDir))
    return undefined;
  return path.basename(path.dirname(siteDir));
}

/**
 * Points the published path at a release in one step: a new link is made under a temporary name and
 * renamed over the old one, which POSIX performs atomically. A published path that is still a plain
 * folder (a site built before releases existed) is first moved into the releases folder; that one
 * migration is the only moment the path is briefly absent.
 */
export async function switchPublished(outDir: string, releasesDir: string, id: string): Promise<void> {
  const target = path.relative(path.dirname(outDir), path.join(releasesDir, id, SITE_FOLDER));
  const temporary = path.join(path.dirname(outDir), `.${path.basename(outDir)}.${process.pid}.link`);
  await rm(temporary, { force: true });
  await symlink(target, temporary, 'dir');
  const existing = await lstat(outDir).catch(() => undefined);
  if (existing?.isDirectory()) {
    await rename(outDir, path.join(releasesDir, `.unmanaged-${Date.now()}`));
  }
  await rename(temporary, outDir);
}

/**
 * Deletes releases beyond the newest `keep`, never one in `protect`, then the store's folders that
 * no kept release holds. Each release is first renamed to a hidden name, so a deletion cut short
 * leaves no half release that rollback could pick. Call it holding the lock: a build shares
 * stored folders by their names, and a folder must not go while one is being shared.
 */
export async function pruneReleases(releasesDir: string, keep: number, protect: readonly string[]): Promise<string[]> {
  const releases = await listReleases(releasesDir);
  const doomed = releases.slice(0, Math.max(0, releases.length - keep)).filter(({ id }) => !protect.includes(id));
  const gone = new Set(doomed.map(({ id }) => id));
  const countsOf = (release: Release): Promise<FolderCounts> => readFolderCounts(path.dirname(release.siteDir));
  const doomedCounts = await Promise.all(doomed.map(countsOf));
  for (const { id } of doomed) await rename(path.join(releasesDir, id), path.join(releasesDir, `.trash-${id}`));
  const keptCounts = await Promise.all(releases.filter(({ id }) => !gone.has(id)).map(countsOf));
  const isLive = (folder: string): boolean => keptCounts.some((counts) => Object.hasOwn(counts, folder));
  // Only the pruned releases' folders can have become garbage; what a failed build left in the
  // store is found by reading its whole folder, which this process does now and then.
  const scan = prunesSinceScan === undefined || prunesSinceScan >= SCAN_EVERY;
  prunesSinceScan = scan ? 0 : prunesSinceScan! + 1;
  const garbage =
    !scan && doomed.length === 0
      ? []
      : await collectGarbage(
          resolveFolderStore(releasesDir),
          isLive,
          scan ? undefined : doomedCounts.flatMap((counts) => Object.keys(counts)),
        );
  // Deleting tens of thousands of files takes seconds; a process of its own does it after this one
  // has published and returned. Whatever it leaves, the next build's removeLeftovers removes.
  deleteInBackground([
    ...doomed.map(({ id }) => path.join(releasesDir, `.trash-${id}`)),
    ...garbage,
    ...discarded.splice(0),
  ]);
  return doomed.map(({ id }) => id);
}

/**
 * Prunes since this process last read the store's whole folder for garbage (none yet: undefined).
 * `npm run watch` prunes after every publish; reading 24,000 names each time cost 0.1 s.
 */
let prunesSinceScan: number | undefined;
const SCAN_EVERY = 16;

/**
 * Folder counts read or written by this process, by file: a release's `folders.json` is never
 * rewritten, and `npm run watch` would otherwise parse the kept releases' on every publish.
 */
const knownCounts = new Map<string, FolderCounts>();
const KNOWN_COUNTS_LIMIT = 16;

function rememberCounts(file: string, counts: FolderCounts): void {
  knownCounts.delete(file);
  knownCounts.set(file, counts);
  for (const oldest of knownCounts.keys()) {
    if (knownCounts.size <= KNOWN_COUNTS_LIMIT) break;
    knownCounts.delete(oldest);
  }
}

/** The folders a release's tree holds, as it recorded them; none for a release without a tree. */
export async function readFolderCounts(releaseDir: string): Promise<FolderCounts> {
  const file = path.join(releaseDir, FOLDER_COUNTS_FILE);
  const known = knownCounts.get(file);
  if (known) return known;
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  const counts = JSON.parse(text) as FolderCounts;
  rememberCounts(file, counts);
  return counts;
}

/** Writes a release's folder counts (into its staging folder, before it is committed as `id`). */
export async function writeFolderCounts(
  staging: string,
  releasesDir: string,
  id: string,
  counts: FolderCounts,
): Promise<void> {
  await writeFile(path.join(staging, FOLDER_COUNTS_FILE), `${JSON.stringify(counts)}\n`);
  rememberCounts(path.join(releasesDir, id, FOLDER_COUNTS_FILE), counts);
}

/** Every file of a release with its record, read from its folders' listings. */
export async function readReleaseFiles(releasesDir: string, release: Release): Promise<Record<string, FileRecord>> {
  return new FolderReader(resolveFolderStore(releasesDir)).listFiles(release.manifest.root);
}

/**
 * The build in progress always uses the same folder: Astro writes its output folder's path into
 * the code it bundles, and a path that changed from build to build would change every page's
 * dependency hash, so no page could ever be skipped. The lock keeps it to one build at a time.
 */
export const STAGING_FOLDER = '.staging';

/** Whether a process runs: a stopped one that was never reaped (a zombie) does not. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie answers the signal but has stopped: an orphan whose new parent has not reaped it.
  try {
    const status = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "1234 (node) Z …": the state follows the command name, which may itself hold ")".
    return status.charAt(status.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Leftovers of builds that were killed or cut short: releases whose deletion did not finish
 * (renamed `.trash-*` first, so never mistaken for a release), deleted by a detached process as in
 * pruneReleases so a build does not wait for them; and a new link that was never switched in.
 */
export async function removeLeftovers(outDir: string, releasesDir: string): Promise<void> {
  // The store's garbage goes aside beside it too (collectGarbage), so its folder need not be read.
  const trash = (await readdir(releasesDir).catch(() => [] as string[])).filter((name) => name.startsWith('.trash-'));
  deleteInBackground(trash.map((name) => path.join(releasesDir, name)));
  const prefix = `.${path.basename(outDir)}.`;
  for (const name of await readdir(path.dirname(outDir)).catch(() => [] as string[])) {
    const pid = name.startsWith(prefix) && name.endsWith('.link') ? name.slice(prefix.length, -'.link'.length) : '';
    if (/^\d+$/.test(pid) && !isRunning(Number(pid))) await rm(path.join(path.dirname(outDir), name), { force: true });
  }
}

/**
 * Moves a folder out of the way at once and deletes it in the background (a build's staging
 * leftovers: when every page was rendered again and came out the same, 100,000 files). It goes to
 * a `.trash-*` name in the releases folder, which the next build's removeLeftovers deletes should
 * this process be killed first; across file systems it is deleted in place. The deleting process
 * is started by the next pruneReleases, after the release is published: starting a process takes
 * 20–40 ms, which a watch publish should not wait for.
 */
export async function discardFolder(releasesDir: string, dir: string): Promise<void> {
  const trash = path.join(releasesDir, `.trash-staging-${process.pid}-${Date.now()}`);
  try {
    await rename(dir, trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    await rm(dir, { recursive: true, force: true });
    return;
  }
  discarded.push(trash);
}

/** Folders discardFolder moved aside, for the next pruneReleases to delete. */
const discarded: string[] = [];

/** Deletes folders in a process of its own that outlives this one; deleting is idempotent. */
function deleteInBackground(dirs: readonly string[]): void {
  if (dirs.length === 0) return;
  spawn('rm', ['-rf', ...dirs], { detached: true, stdio: 'ignore' }).unref();
}

/**
 * Where a build stages when the releases are on another file system than the project: Astro
 * writes part of its output (images, the prerender bundle) into the project's `.astro/` folder
 * and renames it into the output folder, and a rename cannot cross file systems. The path stays
 * the same from build to build, for the same reason as STAGING_FOLDER's.
 */
export function resolveLocalStaging(projectRoot: string): string {
  return path.join(projectRoot, '.astro', 'depesche-staging');
}

/**
 * An empty staging folder; whatever a killed build left there is removed. Call it holding the lock.
 * It is `.staging` beside the releases when they are on the project's file system, else the
 * project's local staging folder (see resolveLocalStaging), which commitStaging copies across.
 */
export async function createStaging(releasesDir: string, projectRoot: string): Promise<string> {
  const beside = path.join(releasesDir, STAGING_FOLDER);
  const local = resolveLocalStaging(projectRoot);
  await rm(beside, { recursive: true, force: true });
  await rm(local, { recursive: true, force: true });
  await mkdir(releasesDir, { recursive: true });
  await mkdir(path.dirname(local), { recursive: true });
  const sameFileSystem = (await stat(releasesDir)).dev === (await stat(path.dirname(local))).dev;
  const staging = sameFileSystem ? beside : local;
  await mkdir(path.join(staging, SITE_FOLDER), { recursive: true });
  return staging;
}

/**
 * Copies a finished staging folder into `.staging` beside the releases, on their file system: its
 * manifest and records, and the link to its tree, which assembleTree already put in the store.
 */
async function copyStagingAcross(staging: string, releasesDir: string): Promise<string> {
  const beside = path.join(releasesDir, STAGING_FOLDER);
  await rm(beside, { recursive: true, force: true });
  await mkdir(beside, { recursive: true });
  for (const entry of await readdir(staging, { withFileTypes: true })) {
    const from = path.join(staging, entry.name);
    const to = path.join(beside, entry.name);
    if (entry.isSymbolicLink()) await symlink(await readlink(from), to, 'dir');
    else if (entry.isFile()) await copyFile(from, to);
  }
  return beside;
}

/**
 * Turns a finished staging folder into a release; the manifest must already be inside. A staging
 * folder on another file system than the releases is copied across first (see createStaging); the
 * release still appears in one rename, so a kill leaves no half release.
 */
export async function commitStaging(staging: string, releasesDir: string, id: string): Promise<Release> {
  const finalDir = path.join(releasesDir, id);
  if (existsSync(finalDir)) throw new Error(`A release named ${id} already exists in ${releasesDir}.`);
  let beside = staging;
  if (path.dirname(staging) !== releasesDir) {
    try {
      beside = await copyStagingAcross(staging, releasesDir);
    } catch (error) {
      await rm(path.join(releasesDir, STAGING_FOLDER), { recursive: true, force: true });
      throw error;
    }
  }
  await rename(beside, finalDir);
  if (beside !== staging) await rm(staging, { recursive: true, force: true });
  const file = path.join(finalDir, MANIFEST_FILE);
  return { id, siteDir: path.join(finalDir, SITE_FOLDER), manifest: parseManifest(await readFile(file, 'utf8'), file) };
}

/** The lock of a build's cache folder, held by whatever writes the cache (a build, watch's warm-up). */
export const CACHE_LOCK_FILE = 'depesche-build.lock';

export interface Lock {
  /** Records a helper process (the build's render step) as holding the lock too. */
  addHolder: (pid: number) => Promise<void>;
  /** Forgets a helper that has ended, so its process id, once reused, cannot hold the lock. */
  removeHolder: (pid: number) => Promise<void>;
  release: () => Promise<void>;
}

/** How long a new build waits for a killed build's helper process to notice and stop. */
const ORPHAN_WAIT_MS = 30_000;
/** A lock file this young and still empty is being written by the build that just made it. */
const FRESH_LOCK_MS = 5_000;

/**
 * Creates `file` with `text` only if no file has that name, in one step: the text is written
 * aside and hard-linked into place, so nobody ever reads the file half written. Where the file
 * system has no hard links, an exclusive create does it, with a moment in which the file is empty.
 */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const aside = `${file}.${process.pid}.${randomUUID()}`;
  await writeFile(aside, text);
  try {
    await link(aside, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  } finally {
    await rm(aside, { force: true });
  }
  try {
    await writeFile(file, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The lock's first line is "<pid> <random mark>", older ones "<pid>"; helpers follow one a line. */
function parseLockText(text: string): { owner: number | undefined; helpers: number[] } {
  const [first = '', ...rest] = text.split('\n');
  const owner = Number(first.split(' ')[0]);
  const helpers = rest.map(Number).filter((pid) => Number.isInteger(pid) && pid > 0);
  return { owner: Number.isInteger(owner) && owner > 0 ? owner : undefined, helpers };
}

/**
 * Replaces a stale lock by this process's, such that of several processes that found the same
 * stale lock exactly one succeeds. Removing a file and creating another are two steps, and a
 * process that removes the stale lock late would remove the winner's new one; so before removing,
 * a process must hold a takeover token named after the stale lock's text, which only one process
 * can create. Every lock's text is unique (it carries a random mark), so the holder can check
 * that the file still is the stale lock and not a new one made in its place. A token whose holder
 * was killed is passed on by the next generation's token, which again only one process gets.
 *
 * "taken": this process holds the lock now. "changed": the lock is no longer the stale one, look
 * again. "busy": another running process is taking it over.
 */
async function takeOverStaleLock(
  lockFile: string,
  staleText: string,
  ownText: string,
): Promise<'taken' | 'changed' | 'busy'> {
  const mark = hashBytes(staleText, 16);
  const token = (generation: number): string => `${lockFile}.takeover-${mark}-${generation}`;
  let held = 0;
  for (let generation = 1; held === 0; generation++) {
    if (await createExclusive(token(generation), `${process.pid}\n`)) {
      held = generation;
      break;
    }
    const holder = Number(await readFile(token(generation), 'utf8').catch(() => ''));
    // Gone: its holder finished, and it removes its tokens only after the stale lock is gone.
    if (!holder) return 'changed';
    if (isRunning(holder)) return 'busy';
  }
  try {
    if ((await readFile(lockFile, 'utf8').catch(() => undefined)) !== staleText) return 'changed';
    await rm(lockFile, { force: true });
    // A build that found no lock at all may have created its own in between; then it has won.
    return (await createExclusive(lockFile, ownText)) ? 'taken' : 'changed';
  } finally {
    for (let generation = 1; generation <= held; generation++) await rm(token(generation), { force: true });
  }
}

/**
 * One build at a time per cache: a lock file holding the builder's process id, then its helpers'
 * one a line. A lock whose processes no longer run (a killed build) is taken over, by exactly one
 * of the builds that find it (see takeOverStaleLock). When the builder is gone but a helper still
 * runs, the helper is stopping (it stops when its parent disappears): it is waited for, since it
 * may still be writing into what the new build is about to use.
 */
export async function acquireLock(lockFile: string, orphanWaitMs = ORPHAN_WAIT_MS): Promise<Lock> {
  await mkdir(path.dirname(lockFile), { recursive: true });
  const waitUntil = Date.now() + orphanWaitMs;
  const ownText = `${process.pid} ${randomUUID()}\n`;
  const held: Lock = {
    addHolder: (pid) => appendFile(lockFile, `${pid}\n`),
    removeHolder: async (pid) => {
      const kept = (await readFile(lockFile, 'utf8')).split('\n').filter((line) => line && Number(line) !== pid);
      // Written aside and renamed, so a build looking at the lock never reads half a file.
      const temporary = `${lockFile}.${process.pid}`;
      await writeFile(temporary, `${kept.join('\n')}\n`);
      await rename(temporary, lockFile);
    },
    release: () => rm(lockFile, { force: true }),
  };
  let told = false;
  for (;;) {
    if (await createExclusive(lockFile, ownText)) return held;
    const text = await readFile(lockFile, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const { owner, helpers } = parseLockText(text);
    if (owner && isRunning(owner))
      throw new Error(
        `Another build (process ${owner}) is using ${path.dirname(lockFile)}. Wait for it to finish, or stop it, and build again.`,
      );
    const young =
      owner === undefined && Date.now() - (await stat(lockFile).catch(() => ({ mtimeMs: 0 }))).mtimeMs < FRESH_LOCK_MS;
    const orphans = helpers.filter(isRunning);
    const outcome = orphans.length || young ? 'wait' : await takeOverStaleLock(lockFile, text, ownText);
    if (outcome === 'taken') return held;
    if (outcome === 'changed') continue;
    if (Date.now() > waitUntil)
      throw new Error(
        orphans.length
          ? `A killed build's process ${orphans.join(', ')} is still using ${path.dirname(lockFile)}. Stop it, and build again.`
          : `Another build is starting in ${path.dirname(lockFile)}. Wait for it to finish, and build again.`,
      );
    if (orphans.length && !told) {
      console.log(`Waiting for process ${orphans.join(', ')} of a killed build to stop…`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
