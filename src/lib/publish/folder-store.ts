/**
 * The folder store beside the releases, `.dist-releases/.folders/`: every folder of every release,
 * once, under the name folder-tree.ts gives it, with its listing beside it:
 *
 *   .folders/3f2a…/            index.html, index.html.gz, …, and a link "2017 -> ../9c41…" per subfolder
 *   .folders/3f2a….json        its listing: every entry's hash and size, or its folder's name
 *   <release>/site -> ../.folders/<root>
 *
 * A folder is never written once it has its name, so releases share whatever did not change: a
 * build writes only the files it rendered, and `assembleTree` makes new folders along the paths
 * that changed and links the rest. Making and switching a release thus costs what changed, not the
 * size of the paper. Each release records how often each folder occurs in its tree
 * (`folders.json`); a folder no kept release holds is deleted when releases are pruned.
 *
 * Everything a reader or web server sees goes through ordinary folders and symbolic links to
 * folders, which nginx, Astro's preview server and every static host's upload tools follow.
 */
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashBytes } from '../hash.ts';
import type { FileChanges, FileRecord } from './manifest.ts';
import {
  countFolder,
  isFolderEntry,
  nameFolder,
  sortEntries,
  type FolderCounts,
  type FolderEntries,
} from './folder-tree.ts';

export const FOLDER_STORE = '.folders';

/** The store of a releases folder. */
export function resolveFolderStore(releasesDir: string): string {
  return path.join(releasesDir, FOLDER_STORE);
}

interface FolderListing {
  version: 1;
  entries: FolderEntries;
}

/** Reads folders' listings, each once. */
export class FolderReader {
  readonly #store: string;
  readonly #read = new Map<string, Promise<FolderEntries>>();

  constructor(store: string) {
    this.#store = store;
  }

  read(folder: string): Promise<FolderEntries> {
    let entries = this.#read.get(folder);
    if (!entries) {
      entries = readFile(path.join(this.#store, `${folder}.json`), 'utf8').then((text) => {
        const listing = JSON.parse(text) as FolderListing;
        if (listing.version !== 1) throw new Error(`${folder}.json in ${this.#store} is not a folder listing.`);
        return listing.entries;
      });
      this.#read.set(folder, entries);
    }
    return entries;
  }

  /** The record of the file at `file` (e.g. "2017/08/17/streik/index.html") in the tree, if any. */
  async findFile(root: string, file: string): Promise<FileRecord | undefined> {
    const names = file.split('/');
    let folder = root;
    for (const name of names.slice(0, -1)) {
      const entry = (await this.read(folder))[name];
      if (!entry || !isFolderEntry(entry)) return undefined;
      folder = entry.folder;
    }
    const entry = (await this.read(folder))[names.at(-1)!];
    return entry && !isFolderEntry(entry) ? entry : undefined;
  }

  /** Every file of the tree below `root`, by its path, sorted. */
  async listFiles(root: string): Promise<Record<string, FileRecord>> {
    const files: Array<[string, FileRecord]> = [];
    const walk = async (folder: string, prefix: string): Promise<void> => {
      const entries = await this.read(folder);
      await Promise.all(
        Object.entries(entries).map(async ([name, entry]) => {
          if (isFolderEntry(entry)) await walk(entry.folder, `${prefix}${name}/`);
          else files.push([`${prefix}${name}`, entry]);
        }),
      );
    };
    await walk(root, '');
    return Object.fromEntries(files.sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/** Files and folders of the base tree that are gone although no file beside them was written. */
interface RemovalNode {
  gone: boolean;
  children: Map<string, RemovalNode>;
}

function buildRemovals(paths: readonly string[]): RemovalNode {
  const root: RemovalNode = { gone: false, children: new Map() };
  for (const item of paths) {
    let node = root;
    for (const name of item.split('/').filter(Boolean)) {
      let child = node.children.get(name);
      if (!child) node.children.set(name, (child = { gone: false, children: new Map() }));
      node = child;
    }
    node.gone = true;
  }
  return root;
}

export interface AssembleOptions {
  /** The folder store (resolveFolderStore). */
  store: string;
  /** The files this build wrote, as a site folder; it is used up (moved into the store). */
  siteDir: string;
  /** Whether `siteDir` is on the store's file system, so its files can be moved rather than copied. */
  sameFileSystem: boolean;
  /** The tree this build starts from: the published release's root folder and folder counts. */
  base?: { root: string; counts: Readonly<FolderCounts> } | undefined;
  /**
   * Whether a base file beside written ones stays (a page that was not rendered again, its
   * compressed copies). A base file in a folder the build wrote nothing into always stays.
   */
  keeps: (file: string) => boolean;
  /** Base files and folders ("pagefind/2016-…/") that are gone, wherever they are. */
  removed?: readonly string[];
  /** Folders ("_astro/") the build writes whole: what it did not write there is gone. */
  owned?: readonly string[];
  /** Hashes already taken of written files. */
  known?: ReadonlyMap<string, FileRecord>;
}

export interface AssembledTree {
  root: string;
  counts: FolderCounts;
  changes: FileChanges;
  /** Folders made by this build (the rest were shared). */
  created: number;
}

/**
 * The new release's tree: the base tree with the written files put in, the files gone taken out,
 * and every folder on the way made anew, under its new name. Folders that already exist under that
 * name (unchanged, or made before) are shared.
 */
export async function assembleTree(options: AssembleOptions): Promise<AssembledTree> {
  const { store, siteDir } = options;
  const reader = new FolderReader(store);
  const known = options.known ?? new Map<string, FileRecord>();
  const owned = new Set((options.owned ?? []).map((folder) => folder.replace(/\/$/, '')));
  const counts: FolderCounts = { ...options.base?.counts };
  const changes: FileChanges = { added: [], changed: [], removed: [] };
  let created = 0;
  /** Folders being made, by name. */
  const pending = new Map<string, Promise<void>>();
  // The tree is walked in parallel, but a paper's 35,000 folders at once would run out of file
  // handles: each step that opens files waits for one of a few slots.
  const io = createLimit(IO_SLOTS);
  await mkdir(store, { recursive: true });

  /** Takes every file below a base folder out of the counts and into the removed list. */
  const dropFolder = async (folder: string, prefix: string): Promise<void> => {
    countFolder(counts, folder, -1);
    const entries = await io(() => reader.read(folder));
    await settleAll(
      Object.entries(entries).map(async ([name, entry]) => {
        if (isFolderEntry(entry)) await dropFolder(entry.folder, `${prefix}${name}/`);
        else changes.removed.push(`${prefix}${name}`);
      }),
    );
  };

  /** The folder at `prefix` ("" or "2017/08/"), or undefined when it ends up empty. */
  const build = async (
    prefix: string,
    staged: boolean,
    base: string | undefined,
    removals: RemovalNode | undefined,
  ): Promise<string | undefined> => {
    const here = path.join(siteDir, prefix);
    const written = staged ? await io(() => readdir(here, { withFileTypes: true })) : [];
    const writtenNames = new Set(written.map((item) => item.name));
    const before = base ? await io(() => reader.read(base)) : {};
    const entries: FolderEntries = {};
    /** Where each entry's bytes come from: written here, a base file, or a folder link. */
    const fromBase = new Set<string>();

    await settleAll(
      written.map(async (item) => {
        const name = item.name;
        const file = `${prefix}${name}`;
        const old = before[name];
        if (item.isDirectory()) {
          if (old && !isFolderEntry(old)) changes.removed.push(file);
          const child = await build(
            `${file}/`,
            true,
            old && isFolderEntry(old) ? old.folder : undefined,
            removals?.children.get(name),
          );
          if (child) entries[name] = { folder: child };
          return;
        }
        const record = known.get(file) ?? (await io(() => hashWritten(path.join(here, name))));
        entries[name] = record;
        if (!old) changes.added.push(file);
        else if (isFolderEntry(old)) {
          await dropFolder(old.folder, `${file}/`);
          changes.added.push(file);
        } else if (old.hash !== record.hash) changes.changed.push(file);
      }),
    );

    await settleAll(
      Object.entries(before).map(async ([name, old]) => {
        if (writtenNames.has(name)) return;
        const file = `${prefix}${name}`;
        const removal = removals?.children.get(name);
        if (isFolderEntry(old)) {
          if (removal?.gone || owned.has(file)) await dropFolder(old.folder, `${file}/`);
          else if (removal) {
            const child = await build(`${file}/`, false, old.folder, removal);
            if (child) entries[name] = { folder: child };
          } else entries[name] = old;
          return;
        }
        if (!removal?.gone && (!staged || options.keeps(file))) {
          entries[name] = old;
          fromBase.add(name);
        } else changes.removed.push(file);
      }),
    );

    if (Object.keys(entries).length === 0 && prefix !== '') {
      if (base) countFolder(counts, base, -1);
      return undefined;
    }
    const folder = nameFolder(entries);
    if (folder === base) return folder;
    if (base) countFolder(counts, base, -1);
    countFolder(counts, folder, 1);
    // The same folder may come out at two paths of one tree (two identical pages' folders): it is
    // made once, and the second waits for the first.
    let making = pending.get(folder);
    if (!making && !existsSync(path.join(store, folder))) {
      making = io(() => makeFolder(folder, entries, { here: staged ? here : undefined, base, fromBase, writtenNames }));
      pending.set(folder, making);
      created++;
    }
    await making;
    return folder;
  };

  const makeFolder = async (
    folder: string,
    entries: FolderEntries,
    from: {
      here: string | undefined;
      base: string | undefined;
      fromBase: ReadonlySet<string>;
      writtenNames: ReadonlySet<string>;
    },
  ): Promise<void> => {
    const target = path.join(store, folder);
    // The written folder becomes the store's folder in one rename where it can; elsewhere (another
    // file system) the folder is put together beside its name first.
    const inPlace = from.here !== undefined && options.sameFileSystem;
    const body = inPlace ? from.here! : path.join(store, `.new-${folder}-${process.pid}`);
    if (!inPlace) {
      await rm(body, { recursive: true, force: true });
      await mkdir(body);
    } else {
      // A written subfolder that ended up empty.
      for (const name of from.writtenNames)
        if (!(name in entries)) await rm(path.join(body, name), { recursive: true, force: true });
    }
    for (const [name, entry] of Object.entries(entries)) {
      const to = path.join(body, name);
      if (isFolderEntry(entry)) {
        // What a written subfolder left behind (its files were the same as a folder's already stored).
        await rm(to, { recursive: true, force: true });
        await symlink(`../${entry.folder}`, to, 'dir');
      } else if (from.fromBase.has(name)) await linkOrCopy(path.join(store, from.base!, name), to);
      else if (!inPlace) await copyFile(path.join(from.here!, name), to);
    }
    const listing: FolderListing = { version: 1, entries: sortEntries(entries) };
    const aside = path.join(store, `.new-${folder}-${process.pid}.json`);
    await writeFile(aside, JSON.stringify(listing));
    await rename(aside, `${target}.json`);
    await rename(body, target);
  };

  const root =
    (await build('', existsSync(siteDir), options.base?.root, buildRemovals(options.removed ?? []))) ??
    (await emptyRoot());
  async function emptyRoot(): Promise<string> {
    const folder = nameFolder({});
    countFolder(counts, folder, 1);
    if (!existsSync(path.join(store, folder)))
      await makeFolder(folder, {}, { here: undefined, base: undefined, fromBase: new Set(), writtenNames: new Set() });
    return folder;
  }
  for (const list of [changes.added, changes.changed, changes.removed]) list.sort();
  return { root, counts, changes, created };
}

/** File operations of assembleTree at once. */
const IO_SLOTS = 32;

/** Runs tasks given to it `slots` at a time. */
function createLimit(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: Array<() => void> = [];
  return async (task) => {
    if (running >= slots) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}

/**
 * Like Promise.all, but waits for every task before failing: a task still moving files when the
 * build gives up would race the removal of the staging folder.
 */
async function settleAll(tasks: ReadonlyArray<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(tasks)).find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

async function hashWritten(file: string): Promise<FileRecord> {
  const data = await readFile(file);
  return { hash: hashBytes(data), size: data.length };
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/**
 * Deletes the store's folders that no kept release holds (`live`), and what a killed build left
 * half made. Each goes aside first, so the store never holds a half-deleted folder under a name a
 * build could share; the deletion itself is the caller's (it runs in the background).
 */
export async function collectGarbage(store: string, live: ReadonlySet<string>): Promise<string[]> {
  const names = await readdir(store).catch(() => [] as string[]);
  const trash = path.join(store, `.trash-${process.pid}-${Date.now()}`);
  const doomed = names.filter((name) => {
    // Earlier trash is being deleted already (removeLeftovers).
    if (name.startsWith('.trash-')) return false;
    if (name.startsWith('.new-')) return true;
    return !live.has(name.endsWith('.json') ? name.slice(0, -'.json'.length) : name);
  });
  if (doomed.length === 0) return [];
  await mkdir(trash);
  for (const name of doomed) await rename(path.join(store, name), path.join(trash, name)).catch(() => {});
  return [trash];
}
