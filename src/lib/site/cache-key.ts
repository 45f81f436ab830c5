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
const KEY_VERSION = 3;

/** Dates are formatted by Node's ICU with its time-zone data: a new Node may print them otherwise. */
const RUNTIME = [process.versions.node, process.versions.icu, process.versions.unicode, process.versions.tz];

/**
 * What a value shows, as a digest: its JSON, with what a page holds but does not show left out, so
 * that a change to it renders nothing:
 * - `digest` fields change with an article's body, which list pages do not show; pages that print
 *   a body name its digest explicitly. A picture's digest is kept: it is in its variants' URLs, so
 *   a picture replaced under the same name must render its pages again;
 * - an article's `authors` are printed as bylines, name and link only; the rest of an author (bio,
 *   portrait, links) is shown on the author's own page, where the author is the page's `subject`.
 *
 * The same article, author or section object sits in the props of dozens of pages (its own page,
 * every list, feed and archive day that shows it): each object is written out once per newsroom
 * and then stands in its holders' text by its digest, which keeps a paper's 35,000 keys to a
 * fraction of a second. Newsroom objects are never changed once made, so the memo cannot go stale.
 */
class ShownDigests {
  readonly #memo = new WeakMap<object, string>();

  digest(value: unknown): string {
    return this.#write(value);
  }

  #write(value: unknown): string {
    if (value === null || typeof value !== 'object') {
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
      return JSON.stringify(value);
    }
    const known = this.#memo.get(value);
    if (known !== undefined) return known;
    let text: string;
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
      text = JSON.stringify((value as { toJSON(): unknown }).toJSON());
    else if (Array.isArray(value)) {
      text = '[';
      for (let index = 0; index < value.length; index++) text += `${index ? ',' : ''}${this.#write(value[index])}`;
      text += ']';
    } else {
      const picture = isPictureFacts(value);
      text = '{';
      let first = true;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const field = (value as Record<string, unknown>)[key];
        if (field === undefined || typeof field === 'function') continue;
        if (key === 'digest' && !picture) continue;
        const shown =
          key === 'authors' && Array.isArray(field)
            ? this.#write((field as Array<{ name: string; url?: string }>).map(({ name, url }) => ({ name, url })))
            : this.#write(field);
        text += `${first ? '' : ','}${quoteKey(key)}:${shown}`;
        first = false;
      }
      text += '}';
    }
    // Small values are cheaper to repeat than to hash.
    const written = text.length > 64 ? `#${hashBytes(text, 24)}` : text;
    this.#memo.set(value, written);
    return written;
  }
}

const quotedKeys = new Map<string, string>();

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) quotedKeys.set(key, (quoted = JSON.stringify(key)));
  return quoted;
}

/** Whether a serialised object is a picture's facts (schemas/fields.ts) rather than an article or page. */
function isPictureFacts(holder: unknown): boolean {
  return typeof holder === 'object' && holder !== null && 'file' in holder && 'format' in holder && 'digest' in holder;
}

const shownDigests = new WeakMap<Newsroom, ShownDigests>();

/** The digests of what the objects of one newsroom show, made once per newsroom. */
export function getShownDigests(newsroom: Newsroom): ShownDigests {
  let digests = shownDigests.get(newsroom);
  if (!digests) shownDigests.set(newsroom, (digests = new ShownDigests()));
  return digests;
}

export function createCacheKey(
  frame: string,
  props: unknown,
  bodyDigests: readonly string[] = [],
  digests: ShownDigests = new ShownDigests(),
): string {
  return hashBytes(JSON.stringify([KEY_VERSION, RUNTIME, frame, bodyDigests]) + digests.digest(props));
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
