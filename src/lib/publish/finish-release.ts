/**
 * Turns a freshly built site folder into a release: records every file's hash, takes over the
 * previous release's precompressed copies of unchanged files (hard links) and the folders a build
 * did not need to redo (the search index when no article changed), and compresses only what
 * changed.
 *
 * Sharing is safe because nothing writes into a release once it is finished: a shared file enters
 * the new folder as a new name where no file was, and every later step of a build writes new files
 * into its own staging folder (removing a name before writing it). An older release can therefore
 * never change under a rebuild.
 */
import { copyFile, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashBytes } from '../hash.ts';
import { listFilesBelow } from '../paths.ts';
import { COMPRESSIBLE, compressText } from './precompress.ts';
import { isPrecompressedCopy, type FileRecord } from './manifest.ts';

export interface PreviousRelease {
  siteDir: string;
  files: Readonly<Record<string, FileRecord>>;
}

export interface FinishResult {
  files: Record<string, FileRecord>;
  /** Files byte-identical to the previous release's (a carried-over folder's files included). */
  unchanged: number;
  /** Text files compressed anew because they are new or changed. */
  compressed: number;
}

const TWINS = ['.gz', '.br'] as const;

/** Puts the previous release's file at a path this build has not written: one link, or a copy. */
export async function shareNew(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/** Runs `work` on every item, `size` at a time. */
export async function runPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/**
 * Hashes every file of a folder once; `inspect` sees each file's bytes on the way (the search
 * index uses it to find its pages without reading the site a second time).
 */
export async function hashSite(
  siteDir: string,
  inspect: (file: string, data: Buffer) => void = () => {},
): Promise<Map<string, FileRecord>> {
  const records = new Map<string, FileRecord>();
  await runPool(await listFilesBelow(siteDir), 16, async (file) => {
    const data = await readFile(path.join(siteDir, file));
    records.set(file, { hash: hashBytes(data), size: data.length });
    inspect(file, data);
  });
  return records;
}

/**
 * Finishes `siteDir` against the previous release. `carryOver` names folders (e.g. "pagefind/")
 * this build did not produce because they could not have changed; they are taken over whole.
 * `known` holds hashes already taken (by hashSite) of files that have not changed since.
 */
export async function finishRelease(
  siteDir: string,
  previous: PreviousRelease | undefined,
  carryOver: readonly string[] = [],
  known: ReadonlyMap<string, FileRecord> = new Map(),
): Promise<FinishResult> {
  const files: Record<string, FileRecord> = {};
  let unchanged = 0;
  let compressed = 0;

  if (previous) {
    const carried = Object.keys(previous.files).filter((file) => carryOver.some((prefix) => file.startsWith(prefix)));
    for (const file of carried) {
      const target = path.join(siteDir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await shareNew(path.join(previous.siteDir, file), target);
      files[file] = previous.files[file] as FileRecord;
      unchanged++;
    }
  }

  const built = (await listFilesBelow(siteDir)).filter((file) => !(file in files) && !isPrecompressedCopy(file));
  await runPool(built, 16, async (file) => {
    const target = path.join(siteDir, file);
    const data = known.has(file) ? undefined : await readFile(target);
    const record: FileRecord = known.get(file) ?? { hash: hashBytes(data!), size: data!.length };
    files[file] = record;
    const before = previous?.files[file];
    // An unchanged page stays the copy Astro restored: replacing 35,000 of them by hard links
    // took longer (two system calls each) than the disk it saves is worth.
    const same = previous !== undefined && before?.hash === record.hash;
    if (same) unchanged++;
    if (!COMPRESSIBLE.test(file)) return;
    // The renderer compressed the page as it wrote it.
    if (TWINS.every((twin) => known.has(file + twin))) {
      for (const twin of TWINS) files[file + twin] = known.get(file + twin) as FileRecord;
      if (same) unchanged += TWINS.length;
      return;
    }
    if (same && TWINS.every((twin) => previous.files[file + twin])) {
      for (const twin of TWINS) {
        await shareNew(path.join(previous.siteDir, file + twin), target + twin);
        files[file + twin] = previous.files[file + twin] as FileRecord;
        unchanged++;
      }
      return;
    }
    const copies = await compressText(data ?? (await readFile(target)));
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

  return {
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))),
    unchanged,
    compressed,
  };
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
  const extra = (await listFilesBelow(siteDir)).filter((file) => !(file in files));
  return [...damaged, ...extra].sort();
}
