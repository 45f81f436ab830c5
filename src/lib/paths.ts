/**
 * The one way Depesche names files: relative to a folder, with forward slashes on every platform,
 * as they appear in messages, manifests, purge lists and URLs.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** `to` relative to `from`, with forward slashes: `content/articles/2010/amazon.md`. */
export function toSlashPath(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/**
 * Every file below `dir`, relative to it with forward slashes, sorted. Links to folders are
 * followed (a release's tree is folders linked from a shared store), once per path: a link back to
 * a folder above it is not entered again. Other links count as files.
 */
export async function listFilesBelow(dir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (folder: string, prefix: string, above: ReadonlySet<string>): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    await Promise.all(
      entries.map(async (entry) => {
        const full = path.join(folder, entry.name);
        const name = `${prefix}${entry.name}`;
        if (entry.isDirectory()) return walk(full, `${name}/`, above);
        if (entry.isSymbolicLink()) {
          const target = await realpath(full).catch(() => undefined);
          if (target && !above.has(target) && (await stat(target)).isDirectory())
            return walk(full, `${name}/`, new Set([...above, target]));
        }
        files.push(name);
      }),
    );
  };
  await walk(dir, '', new Set([await realpath(dir)]));
  return files.sort();
}
