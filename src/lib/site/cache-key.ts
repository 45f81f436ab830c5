/**
 * Cache keys for Astro's incremental build: a page is copied from the last build instead of
 * rendered when its key and its code are unchanged. A key must therefore change whenever anything
 * the page shows changes — a stale page is a bug — and should change for nothing else, or the page
 * is rendered for nothing.
 *
 * A key hashes three things: the frame every page shares (site settings, navigation, footer), the
 * page's props (the plain data `getStaticPaths` hands it: what the page shows), and the digests of
 * the bodies the page prints, which live in the content store rather than in props.
 */
import { hashBytes } from '../hash.ts';
import type { Newsroom } from '../content/model.ts';

/**
 * Raise when pages start to show data that is not in their props, the frame or their bodies'
 * digests (the module graph covers code, not data).
 */
const KEY_VERSION = 2;

/** Dates are formatted by Node's ICU with its time-zone data: a new Node may print them otherwise. */
const RUNTIME = [process.versions.node, process.versions.icu, process.versions.unicode, process.versions.tz];

/**
 * Leaves out what a page holds but does not show, so that a change to it renders nothing:
 * - `digest` fields change with an article's body, which list pages do not show; pages that print
 *   a body name its digest explicitly. A picture's digest is kept: it is in its variants' URLs, so
 *   a picture replaced under the same name must render its pages again;
 * - an article's `authors` are printed as bylines, name and link only; the rest of an author (bio,
 *   portrait, links) is shown on the author's own page, where the author is the page's `subject`.
 */
function omitUnshown(this: unknown, key: string, value: unknown): unknown {
  if (key === 'digest' && !isPictureFacts(this)) return undefined;
  if (key === 'authors' && Array.isArray(value))
    return (value as Array<{ name: string; url?: string }>).map(({ name, url }) => ({ name, url }));
  return value;
}

/** Whether a serialised object is a picture's facts (schemas/fields.ts) rather than an article or page. */
function isPictureFacts(holder: unknown): boolean {
  return typeof holder === 'object' && holder !== null && 'file' in holder && 'format' in holder && 'digest' in holder;
}

export function createCacheKey(frame: string, props: unknown, bodyDigests: readonly string[] = []): string {
  return hashBytes(
    JSON.stringify([KEY_VERSION, RUNTIME, frame, bodyDigests]) + (JSON.stringify(props, omitUnshown) ?? ''),
  );
}

const frames = new WeakMap<Newsroom, string>();

/** What every page's frame shows: the site settings (locale, titles, support appeal…), navigation, footer. */
export function getFrameDigest(newsroom: Newsroom): string {
  let frame = frames.get(newsroom);
  if (frame === undefined) {
    frame = hashBytes(JSON.stringify([newsroom.site, newsroom.navigation, newsroom.footer]));
    frames.set(newsroom, frame);
  }
  return frame;
}
