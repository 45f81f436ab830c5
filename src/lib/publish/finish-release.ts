/**
 * Finishes the files a build wrote before they go into the release's tree (folder-store.ts):
 * every written file gets its hash, and every text file its precompressed copies, unless the
 * renderer wrote them already or the file is the same as the published one, whose copies are then
 * taken over (a sitemap of 35,000 addresses takes a second to compress with brotli).
 */
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashBytes } from '../hash.ts';
import { listFilesBelow } from '../paths.ts';
import type { FolderReader } from './folder-store.ts';
import { COMPRESSIBLE, compressText, type CompressedCopies } from './precompress.ts';
import { isPrecompressedCopy, type FileRecord } from './manifest.ts';

/** The published release's tree, which a build starts from. */
export interface BaseTree {
  reader: FolderReader;
  root: string;
  /** Its site folder, to read files from. */
  siteDir: string;
}

/**
 * Where the base tree may hold a written file under another name: a search part rebuilt into a
 * new folder has the same Pagefind script, styles and WebAssembly as the folder it replaces.
 */
export type FormerPath = (file: string) => string | undefined;

export interface FinishResult {
  /** Every written file with its record, compressed copies included. */
  records: Map<string, FileRecord>;
  /** Compressed copies of unchanged files, to be taken over from the base tree. */
  keep: Set<string>;
  /** Text files compressed anew because they are new or changed. */
  compressed: number;
}

const TWINS = ['.gz', '.br'] as const;

/**
 * The compressed copies the last call made, by the file's hash: a watch publish writes the delta
 * search part's Pagefind files (its script, styles and WebAssembly, the same every time) under a
 * new folder name, and brotli takes a third of a second for them.
 */
let lastCopies = new Map<string, CompressedCopies>();

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

/** Finishes the written files of `siteDir`; `known` holds hashes already taken of some of them. */
export async function finishRelease(
  siteDir: string,
  base: BaseTree | undefined,
  known: ReadonlyMap<string, FileRecord> = new Map(),
  formerPath: FormerPath = () => undefined,
): Promise<FinishResult> {
  const records = new Map<string, FileRecord>();
  const keep = new Set<string>();
  const copiesNow = new Map<string, CompressedCopies>();
  let compressed = 0;
  const written = (await listFilesBelow(siteDir).catch(() => [] as string[])).filter(
    (file) => !isPrecompressedCopy(file),
  );
  await runPool(written, 16, async (file) => {
    const target = path.join(siteDir, file);
    const data = known.has(file) ? undefined : await readFile(target);
    const record: FileRecord = known.get(file) ?? { hash: hashBytes(data!), size: data!.length };
    records.set(file, record);
    if (!COMPRESSIBLE.test(file)) return;
    // The renderer compressed the page as it wrote it.
    if (TWINS.every((twin) => known.has(file + twin))) {
      for (const twin of TWINS) records.set(file + twin, known.get(file + twin)!);
      return;
    }
    if (base && (await base.reader.findFile(base.root, file))?.hash === record.hash) {
      const twins = await Promise.all(TWINS.map((twin) => base.reader.findFile(base.root, file + twin)));
      if (twins.every(Boolean)) {
        for (const twin of TWINS) keep.add(file + twin);
        return;
      }
    }
    const former = base && formerPath(file);
    if (former && (await base.reader.findFile(base.root, former))?.hash === record.hash) {
      const twins = await Promise.all(TWINS.map((twin) => base.reader.findFile(base.root, former + twin)));
      if (twins.every(Boolean)) {
        for (const [index, twin] of TWINS.entries()) {
          await copyFile(path.join(base.siteDir, former + twin), target + twin);
          records.set(file + twin, twins[index]!);
        }
        return;
      }
    }
    const copies = lastCopies.get(record.hash) ?? (await compressText(data ?? (await readFile(target))));
    copiesNow.set(record.hash, copies);
    for (const [twin, bytes] of [
      ['.gz', copies.gzip],
      ['.br', copies.brotli],
    ] as const) {
      await rm(target + twin, { force: true });
      await writeFile(target + twin, bytes);
      records.set(file + twin, { hash: hashBytes(bytes), size: bytes.length });
    }
    compressed++;
  });
  lastCopies = copiesNow;
  return { records, keep, compressed };
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
