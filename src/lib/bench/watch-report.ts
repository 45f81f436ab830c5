/**
 * What the bench reads from `npm run watch` (src/cli/watch.ts): its line per publish,
 * "[watch] published 0.84 s after the save (content/articles/2015/a3.md): 4 pages rendered,
 * 9 files changed. Watching for changes…", or its line for a publish that did not happen.
 */

export interface WatchPublish {
  /** Seconds from the first save to published, as the watcher measured them. */
  reportedSeconds: number;
  /** The saved files, as the watcher names them. */
  files: string;
  pagesRendered: number;
  filesChanged: number;
}

const PUBLISHED =
  /^\[watch\] published ([\d.]+) s after the save \((.*)\): (\d+) pages rendered, (\d+) files changed\./m;
const NOT_PUBLISHED = /^\[watch\] nothing was published/m;

/**
 * The first publish reported in `log`: what it published, or `failed` when the watcher said
 * nothing was published (bad content, a failed build); undefined while it has said neither.
 */
export function readWatchPublish(log: string): WatchPublish | 'failed' | undefined {
  const published = PUBLISHED.exec(log);
  const failed = NOT_PUBLISHED.exec(log);
  if (failed && (!published || failed.index < published.index)) return 'failed';
  if (!published) return undefined;
  return {
    reportedSeconds: Number(published[1]),
    files: published[2]!,
    pagesRendered: Number(published[3]),
    filesChanged: Number(published[4]),
  };
}

/** The median: the middle value, or the mean of the middle two; NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
