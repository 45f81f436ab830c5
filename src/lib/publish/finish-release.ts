/**
 * Turns a freshly built site folder into a release: hashes every file, shares each file that is
 * byte-identical to the previous release with it (a hard link, so ten releases of a 10,000-article
 * paper cost little more disk than one), reuses the previous precompressed copies of unchanged
 * files and compresses only what changed.
 *
 * Sharing is safe because nothing writes into a release once it is finished: a shared file enters
 * the new folder as a new name (link under a temporary name, then rename over the fresh copy), and
 * every later step of a build writes new files into its own staging folder. An older release can
 * therefore never change under a rebuild.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COMPRESSIBLE, compressText } from '../precompress.ts';
import { isPrecompressedCopy, type FileRecord } from './manifest.ts';

export interface PreviousRelease {
  siteDir: string;
  files: Readonly<Record<string, FileRecord>>;
}

export interface FinishResult {
  files: Record<string, FileRecord>;
  /** Files taken over from the previous release unchanged (hard links where the disk allows). */
  shared: number;
  /** Text files compressed anew because they are new or changed. */
  compressed: number;
}

const TWINS = ['.gz', '.br'] as const;

export function hashBytes(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file under a folder, as forward-slash paths relative to it. */
export async function listSiteFiles(siteDir: string): Promise<string[]> {
  const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(siteDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** Puts the previous release's file at `to`, sharing it when possible; never opens it for writing. */
async function takeOver(from: string, to: string): Promise<void> {
  const temporary = `${to}.${process.pid}.share`;
  try {
    await link(from, temporary);
  } catch {
    // Another disk, or a file system without hard links: a copy is as correct, only larger.
    await copyFile(from, temporary);
  }
  await rename(temporary, to);
}

async function runPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/**
 * Finishes `siteDir` against the previous release. `carryOver` names folders (e.g. "pagefind/")
 * this build did not produce because they could not have changed; they are taken over whole.
 */
export async function finishRelease(
  siteDir: string,
  previous: PreviousRelease | undefined,
  carryOver: readonly string[] = [],
): Promise<FinishResult> {
  const files: Record<string, FileRecord> = {};
  let shared = 0;
  let compressed = 0;

  if (previous) {
    const carried = Object.keys(previous.files).filter((file) => carryOver.some((prefix) => file.startsWith(prefix)));
    for (const file of carried) {
      const target = path.join(siteDir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await takeOver(path.join(previous.siteDir, file), target);
      files[file] = previous.files[file] as FileRecord;
      shared++;
    }
  }

  const built = (await listSiteFiles(siteDir)).filter((file) => !(file in files) && !isPrecompressedCopy(file));
  await runPool(built, 16, async (file) => {
    const target = path.join(siteDir, file);
    const data = await readFile(target);
    const record: FileRecord = { hash: hashBytes(data), size: data.length };
    files[file] = record;
    const before = previous?.files[file];
    const unchanged = previous !== undefined && before?.hash === record.hash;
    if (unchanged) {
      await takeOver(path.join(previous.siteDir, file), target);
      shared++;
    }
    if (!COMPRESSIBLE.test(file)) return;
    if (unchanged && TWINS.every((twin) => previous.files[file + twin])) {
      for (const twin of TWINS) {
        await takeOver(path.join(previous.siteDir, file + twin), target + twin);
        files[file + twin] = previous.files[file + twin] as FileRecord;
      }
      return;
    }
    const copies = await compressText(data);
    for (const [twin, bytes] of [
      ['.gz', copies.gzip],
      ['.br', copies.brotli],
    ] as const) {
      await rm(target + twin, { force: true });
      await writeFile(target + twin, bytes);
      files[file + twin] = { hash: hashBytes(bytes), size: bytes.length };
    }
    compressed++;
  });

  return { files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))), shared, compressed };
}

/** Files of a release whose bytes no longer match its manifest (or are missing): empty when intact. */
export async function findDamagedFiles(
  siteDir: string,
  files: Readonly<Record<string, FileRecord>>,
): Promise<string[]> {
  const damaged: string[] = [];
  await runPool(Object.keys(files), 16, async (file) => {
    const data = await readFile(path.join(siteDir, file)).catch(() => undefined);
    if (!data || hashBytes(data) !== files[file]?.hash) damaged.push(file);
  });
  const extra = (await listSiteFiles(siteDir)).filter((file) => !(file in files));
  return [...damaged, ...extra].sort();
}
