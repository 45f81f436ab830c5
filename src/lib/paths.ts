/**
 * The one way Depesche names files: relative to a folder, with forward slashes on every platform,
 * as they appear in messages, manifests, purge lists and URLs.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** `to` relative to `from`, with forward slashes: `content/articles/2010/amazon.md`. */
export function toSlashPath(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/**
 * Every file below `dir`, relative to it with forward slashes, sorted. Links to folders are
 * followed (a release's tree is folders linked from a shared store), once per path: a link back
 * into a folder it is in is listed as a file, not entered again. Other links count as files. The
 * walk is synchronous, one folder at a time: a paper's tens of thousands of folders read at once
 * would run out of file handles.
 */
export async function listFilesBelow(dir: string): Promise<string[]> {
  const files: string[] = [];
  const identify = (stats: Stats): string => `${stats.dev}:${stats.ino}`;
  const walk = (folder: string, prefix: string, above: ReadonlySet<string>): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        walk(full, `${name}/`, above);
        continue;
      }
      if (entry.isSymbolicLink()) {
        // Where the link leads, or nothing for a dangling one.
        const target = statSync(full, { throwIfNoEntry: false });
        if (target?.isDirectory() && !above.has(identify(target))) {
          walk(full, `${name}/`, new Set([...above, identify(target)]));
          continue;
        }
      }
      files.push(name);
    }
  };
  walk(dir, '', new Set([identify(statSync(dir))]));
  return files.sort();
}
