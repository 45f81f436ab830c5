/**
 * A release's site as a tree of immutable folders, each named by a digest of what it holds (like
 * Git's trees): a folder lists its files with their hashes and its subfolders by their names. Two
 * releases whose `2017/` is the same therefore share one `2017/` folder, and a new release after an
 * edit makes new folders only along the paths that changed. Pure: folder-store.ts does the I/O.
 */
import { hashBytes } from '../hash.ts';
import type { FileRecord } from './manifest.ts';

/** A file of a folder, or one of its subfolders by the folder's name in the store. */
export type FolderEntry = FileRecord | { folder: string };

/** What a folder holds, by entry name. */
export type FolderEntries = Record<string, FolderEntry>;

/** Digits of a folder's name: 80 bits, so no two folders of a newsroom's history ever share one. */
const NAME_LENGTH = 20;

export function isFolderEntry(entry: FolderEntry): entry is { folder: string } {
  return 'folder' in entry;
}

/** Entries sorted by name, as a folder's listing is written and named. */
export function sortEntries(entries: FolderEntries): FolderEntries {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The folder's name in the store: a digest of every entry's name and what it is. Equal contents,
 * equal name, wherever and whenever the folder is made.
 */
export function nameFolder(entries: FolderEntries): string {
  const lines = Object.entries(sortEntries(entries)).map(([name, entry]) =>
    isFolderEntry(entry) ? `d ${entry.folder} ${name}` : `f ${entry.hash} ${entry.size} ${name}`,
  );
  return hashBytes(lines.join('\n'), NAME_LENGTH);
}

/** How often each folder occurs in a release's tree (a folder may sit at several paths). */
export type FolderCounts = Record<string, number>;

/** Adds `delta` occurrences of a folder, forgetting it at zero. */
export function countFolder(counts: FolderCounts, folder: string, delta: number): void {
  const next = (counts[folder] ?? 0) + delta;
  if (next > 0) counts[folder] = next;
  else delete counts[folder];
}
