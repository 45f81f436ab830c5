/**
 * A release's record of itself: the root of its folder tree (folder-store.ts; every file's hash is
 * in the folders' listings), how many files it has, and what changed against the release it
 * replaced. The deploy command and a CDN purge read the difference, so unchanged files are never
 * uploaded again and only changed URLs are purged. The manifest's size does not grow with the
 * paper: only what changed is listed.
 */

/** One output file: its SHA-256 (hex) and size in bytes. */
export interface FileRecord {
  hash: string;
  size: number;
}

/** Paths relative to the site folder, with forward slashes, sorted. */
export interface FileChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface ReleaseManifest {
  /** Raised when the shape below changes, so an older manifest is not misread. */
  version: 2;
  /** The release folder's name, e.g. "20261121T081530.123Z". */
  id: string;
  /** ISO time the release was made. */
  createdAt: string;
  /** The published address of the site, for purge URLs. */
  siteUrl: string;
  /** The release this one was compared with, if there was one. */
  previous: string | null;
  /** Digest of the pages the search index is made from; equal digests, equal index. */
  searchDigest: string | null;
  /** The release's root folder in the folder store. */
  root: string;
  /** How many files the release has. */
  fileCount: number;
  changes: FileChanges;
}

export const MANIFEST_VERSION = 2;

/** Sorted lists of what was added, changed and removed between two file lists. */
export function diffFiles(
  previous: Readonly<Record<string, FileRecord>> | undefined,
  next: Readonly<Record<string, FileRecord>>,
): FileChanges {
  const changes: FileChanges = { added: [], changed: [], removed: [] };
  for (const [file, record] of Object.entries(next)) {
    const before = previous?.[file];
    if (!before) changes.added.push(file);
    else if (before.hash !== record.hash) changes.changed.push(file);
  }
  for (const file of Object.keys(previous ?? {})) if (!(file in next)) changes.removed.push(file);
  changes.added.sort();
  changes.changed.sort();
  changes.removed.sort();
  return changes;
}

/** Precompressed twins are served for their source file's URL, so they have no URL of their own. */
export function isPrecompressedCopy(file: string): boolean {
  return file.endsWith('.gz') || file.endsWith('.br');
}

/**
 * The URLs a CDN must forget after a release: every changed or removed file's address. A folder's
 * index.html is purged both as the folder ("/2026/11/20/streik/") and by its own name, since
 * either may be cached. Added files are listed too: a CDN may hold a cached "404" for them.
 */
export function listPurgeUrls(siteUrl: string, changes: FileChanges): string[] {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  const urls = new Set<string>();
  for (const file of [...changes.changed, ...changes.removed, ...changes.added]) {
    if (isPrecompressedCopy(file)) continue;
    const encoded = file.split('/').map(encodeURIComponent).join('/');
    if (file === 'index.html' || file.endsWith('/index.html'))
      urls.add(new URL(encoded.slice(0, -'index.html'.length), base).href);
    urls.add(new URL(encoded, base).href);
  }
  return [...urls].sort();
}

/** Reads a manifest and refuses one it does not understand, rather than misreading it. */
export function parseManifest(text: string, source: string): ReleaseManifest {
  const data = JSON.parse(text) as Partial<ReleaseManifest>;
  if (data.version !== MANIFEST_VERSION || typeof data.root !== 'string' || typeof data.id !== 'string')
    throw new Error(
      `${source} is not a release manifest of version ${MANIFEST_VERSION}; it was written by another Depesche version. Build again to make a new release.`,
    );
  return data as ReleaseManifest;
}
