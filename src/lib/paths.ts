/**
 * The one way Depesche names files: relative to a folder, with forward slashes on every platform,
 * as they appear in messages, manifests, purge lists and URLs.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** `to` relative to `from`, with forward slashes: `content/articles/2010/amazon.md`. */
export function toSlashPath(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/** Every file below `dir` (links included, not followed), relative to it with forward slashes, sorted. */
export async function listFilesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => toSlashPath(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
