/**
 * Which content files may have changed since the renderer last loaded the content, as
 * `npm run watch` knows it: the watcher names the files saved, so a load need not stat the
 * 10,000 others (content-store.ts, `changedOnly`). A watcher can miss a change (a burst larger
 * than the kernel's event queue, a folder swapped for another, a file behind a symbolic link), so
 * beside every load a sweep stats every file, on the parent's core while the renderer loads on
 * its own, and a change the watcher did not name is loaded again before anything is rendered
 * (render-site.ts): a publish never shows less than a load that stat-ed every file would.
 */
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** More files named than this and the load stats every file: the names saved nothing. */
const MOST_TOLD = 1000;

/** A file's identity for the sweep: what changes when its bytes do. */
function describeStat(info: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): string {
  return `${info.size} ${info.mtimeMs} ${info.ctimeMs} ${info.ino}`;
}

export class ContentChanges {
  readonly contentDir: string;
  /** Files named since the last `take`; undefined when a change could not be named. */
  #told: Set<string> | undefined;
  /** Every file's identity at the last sweep, and the folders then; none before the first. */
  #swept: { files: Map<string, string>; folders: Set<string> } | undefined;

  constructor(contentDir: string) {
    this.contentDir = path.resolve(contentDir);
    // Until a load has read every file, nothing is known.
    this.#told = undefined;
  }

  /** A watcher's event: `file` (absolute) changed, or, without a name, something did. */
  note(file: string | undefined): void {
    if (file === undefined) this.#told = undefined;
    else if (this.#told && this.#told.size < MOST_TOLD) this.#told.add(path.resolve(file));
    else this.#told = undefined;
  }

  /**
   * The files to tell the next load, and a new record from now on; undefined when the load must
   * stat every file (the first load, an event without a name, a folder named, too many names).
   */
  take(): string[] | undefined {
    const told = this.#told;
    this.#told = new Set();
    if (!told || told.size >= MOST_TOLD) return undefined;
    // A folder renamed or replaced names the folder, not the files in it.
    if ([...told].some((file) => this.#swept?.folders.has(file) ?? true)) return undefined;
    return [...told].sort();
  }

  /** A load that failed: what it was told still has to be loaded. */
  putBack(taken: readonly string[] | undefined): void {
    if (taken === undefined || this.#told === undefined) this.#told = undefined;
    else for (const file of taken) this.note(file);
  }

  /**
   * Every file whose stat differs from the last sweep's (changed, added or removed), sorted; none
   * known (undefined) at the first sweep.
   */
  async sweep(): Promise<string[] | undefined> {
    const files = new Map<string, string>();
    const folders = new Set<string>();
    const entries = await readdir(this.contentDir, { recursive: true, withFileTypes: true }).catch(() => []);
    const found: string[] = [];
    for (const entry of entries) {
      const full = path.join(entry.parentPath, entry.name);
      if (entry.isDirectory()) folders.add(full);
      else found.push(full);
    }
    // A few hundred at a time, then the event loop: the renderer's reply is taken in between.
    // On the parent's own core: the libuv pool would take the renderer's.
    for (let index = 0; index < found.length; index++) {
      if (index % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      const file = found[index]!;
      // Followed: a link's target is what the reader reads.
      const info = statSync(file, { throwIfNoEntry: false });
      files.set(file, info ? describeStat(info) : 'gone');
    }
    const before = this.#swept;
    this.#swept = { files, folders };
    if (!before) return undefined;
    const changed = [...files].filter(([file, identity]) => before.files.get(file) !== identity).map(([file]) => file);
    const removed = [...before.files.keys()].filter((file) => !files.has(file));
    return [...changed, ...removed].sort();
  }
}
