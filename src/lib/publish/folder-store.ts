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
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, readdir, readFile, rename, rmdir } from 'node:fs/promises';
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
      entries = readFile(listingFile(this.#store, folder), 'utf8').then((text) => parseListing(text, folder));
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

  /**
   * Every file of the tree below `root`, by its path, sorted. The listings are read one after
   * another, synchronously: a paper's 24,000 at once would run out of file handles.
   */
  async listFiles(root: string): Promise<Record<string, FileRecord>> {
    const files: Array<[string, FileRecord]> = [];
    const walk = (folder: string, prefix: string): void => {
      const entries = parseListing(readFileSync(listingFile(this.#store, folder), 'utf8'), folder);
      for (const [name, entry] of Object.entries(entries)) {
        if (isFolderEntry(entry)) walk(entry.folder, `${prefix}${name}/`);
        else files.push([`${prefix}${name}`, entry]);
      }
    };
    walk(root, '');
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
 *
 * One pass with synchronous file operations, on purpose: the step has nothing to overlap with, and
 * a paper's 24,000 folders (a cold build, or every page rendered again) take a few seconds this way
 * against half a minute through the thread pool's four threads, never holding more than one file
 * open.
 */
export async function assembleTree(options: AssembleOptions): Promise<AssembledTree> {
  const { store, siteDir } = options;
  const known = options.known ?? new Map<string, FileRecord>();
  const counts: FolderCounts = { ...options.base?.counts };
  const changes: FileChanges = { added: [], changed: [], removed: [] };
  const listings = new Map<string, FolderEntries>();
  let created = 0;
  mkdirSync(store, { recursive: true });

  const read = (folder: string): FolderEntries => {
    let entries = listings.get(folder);
    if (!entries)
      listings.set(folder, (entries = parseListing(readFileSync(listingFile(store, folder), 'utf8'), folder)));
    return entries;
  };

  /** Takes every file below a base folder out of the counts and into the removed list. */
  const dropFolder = (folder: string, prefix: string): void => {
    countFolder(counts, folder, -1);
    for (const [name, entry] of Object.entries(read(folder))) {
      if (isFolderEntry(entry)) dropFolder(entry.folder, `${prefix}${name}/`);
      else changes.removed.push(`${prefix}${name}`);
    }
  };

  /** The folder at `prefix` ("" or "2017/08/"), or undefined when it ends up empty. */
  const build = (
    prefix: string,
    staged: boolean,
    base: string | undefined,
    removals: RemovalNode | undefined,
  ): string | undefined => {
    const here = path.join(siteDir, prefix);
    const written = staged ? readdirSync(here, { withFileTypes: true }) : [];
    const writtenNames = new Set(written.map((item) => item.name));
    const before = base ? read(base) : {};
    const entries: FolderEntries = {};
    /** Base files the new folder takes over (the rest of its files were written here). */
    const fromBase = new Set<string>();

    for (const item of written) {
      const name = item.name;
      const file = `${prefix}${name}`;
      const old = before[name];
      if (item.isDirectory()) {
        if (old && !isFolderEntry(old)) changes.removed.push(file);
        const child = build(
          `${file}/`,
          true,
          old && isFolderEntry(old) ? old.folder : undefined,
          removals?.children.get(name),
        );
        if (child) entries[name] = { folder: child };
        continue;
      }
      const record = known.get(file) ?? hashWritten(path.join(here, name));
      entries[name] = record;
      if (!old) changes.added.push(file);
      else if (isFolderEntry(old)) {
        dropFolder(old.folder, `${file}/`);
        changes.added.push(file);
      } else if (old.hash !== record.hash) changes.changed.push(file);
    }

    for (const [name, old] of Object.entries(before)) {
      if (writtenNames.has(name)) continue;
      const file = `${prefix}${name}`;
      const removal = removals?.children.get(name);
      if (isFolderEntry(old)) {
        if (removal?.gone) dropFolder(old.folder, `${file}/`);
        else if (removal) {
          const child = build(`${file}/`, false, old.folder, removal);
          if (child) entries[name] = { folder: child };
        } else entries[name] = old;
        continue;
      }
      if (!removal?.gone && (!staged || options.keeps(file))) {
        entries[name] = old;
        fromBase.add(name);
      } else changes.removed.push(file);
    }

    if (Object.keys(entries).length === 0 && prefix !== '') {
      if (base) countFolder(counts, base, -1);
      return undefined;
    }
    const folder = nameFolder(entries);
    if (folder === base) return folder;
    if (base) countFolder(counts, base, -1);
    countFolder(counts, folder, 1);
    // Made before, or at another path of this tree (two identical pages' folders): shared.
    if (!existsSync(path.join(store, folder))) {
      makeFolder(folder, entries, { here: staged ? here : undefined, base, fromBase, writtenNames });
      created++;
    }
    return folder;
  };

  const makeFolder = (
    folder: string,
    entries: FolderEntries,
    from: {
      here: string | undefined;
      base: string | undefined;
      fromBase: ReadonlySet<string>;
      writtenNames: ReadonlySet<string>;
    },
  ): void => {
    const target = path.join(store, folder);
    // The written folder becomes the store's folder in one rename where it can; elsewhere (another
    // file system) the folder is put together beside its name first.
    const inPlace = from.here !== undefined && options.sameFileSystem;
    const body = inPlace ? from.here! : path.join(store, `.new-${folder}-${process.pid}`);
    if (!inPlace) {
      rmSync(body, { recursive: true, force: true });
      mkdirSync(body);
    } else {
      // A written subfolder that ended up empty.
      for (const name of from.writtenNames)
        if (!(name in entries)) rmSync(path.join(body, name), { recursive: true, force: true });
    }
    for (const [name, entry] of Object.entries(entries)) {
      const to = path.join(body, name);
      if (isFolderEntry(entry)) {
        // What a written subfolder left behind (its files were the same as a stored folder's).
        if (inPlace && from.writtenNames.has(name)) rmSync(to, { recursive: true, force: true });
        symlinkSync(`../${entry.folder}`, to, 'dir');
      } else if (from.fromBase.has(name)) linkOrCopy(path.join(store, from.base!, name), to);
      else if (!inPlace) copyFileSync(path.join(from.here!, name), to);
    }
    const listing: FolderListing = { version: 1, entries: sortEntries(entries) };
    const aside = path.join(store, `.new-${folder}-${process.pid}.json`);
    writeFileSync(aside, JSON.stringify(listing));
    renameSync(aside, listingFile(store, folder));
    renameSync(body, target);
  };

  const emptyRoot = (): string => {
    const folder = nameFolder({});
    countFolder(counts, folder, 1);
    if (!existsSync(path.join(store, folder)))
      makeFolder(folder, {}, { here: undefined, base: undefined, fromBase: new Set(), writtenNames: new Set() });
    return folder;
  };
  const root = build('', existsSync(siteDir), options.base?.root, buildRemovals(options.removed ?? [])) ?? emptyRoot();
  for (const list of [changes.added, changes.changed, changes.removed]) list.sort();
  return { root, counts, changes, created };
}

function listingFile(store: string, folder: string): string {
  return path.join(store, `${folder}.json`);
}

function parseListing(text: string, folder: string): FolderEntries {
  const listing = JSON.parse(text) as FolderListing;
  if (listing.version !== 1) throw new Error(`The folder store's listing of ${folder} is not one this version reads.`);
  return listing.entries;
}

function hashWritten(file: string): FileRecord {
  const data = readFileSync(file);
  return { hash: hashBytes(data), size: data.length };
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * Deletes the store's folders that no kept release holds (not `isLive`), and what a killed build
 * left half made. Each goes aside first, so the store never holds a half-deleted folder under a
 * name a build could share; the deletion itself is the caller's (it runs in the background). The
 * trash folder is beside the store, not in it: a build looks for leftover trash at its start, and
 * the store's own folder has tens of thousands of names to read. With `candidates`, only those
 * folders (and their listings) are looked at: the folders of the releases just pruned, when the
 * caller has read the whole store recently (release-store.ts).
 */
export async function collectGarbage(
  store: string,
  isLive: (folder: string) => boolean,
  candidates?: Iterable<string>,
): Promise<string[]> {
  const names = candidates
    ? [...new Set(candidates)].flatMap((folder) => [folder, `${folder}.json`])
    : await readdir(store).catch(() => [] as string[]);
  const trash = path.join(path.dirname(store), `.trash-folders-${process.pid}-${Date.now()}`);
  // Trash an older Depesche left inside the store goes with the rest.
  const doomed = names.filter((name) => {
    if (name.startsWith('.trash-') || name.startsWith('.new-')) return true;
    return !isLive(name.endsWith('.json') ? name.slice(0, -'.json'.length) : name);
  });
  if (doomed.length === 0) return [];
  await mkdir(trash);
  let moved = 0;
  for (const name of doomed)
    await rename(path.join(store, name), path.join(trash, name)).then(
      () => moved++,
      // A candidate that is gone already (a listing never written, a folder pruned before).
      () => {},
    );
  if (moved > 0) return [trash];
  await rmdir(trash);
  return [];
}
