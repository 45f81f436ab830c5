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
import { isSameData } from '../content/take-over-equal.ts';
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
 * every list, feed and archive day that shows it): each object is written out once and then stands
 * in its holders' text by its digest, which keeps a paper's 35,000 keys to a fraction of a second.
 * Newsroom objects are never changed once made, so the memo cannot go stale; it outlives a
 * newsroom because the next one takes over the unchanged objects (create-newsroom.ts), and their
 * digests with them.
 */
interface KeyedPage {
  frame: string;
  props: unknown;
  bodyDigests: readonly string[];
  key: string;
}

class ShownDigests {
  readonly #memo = new WeakMap<object, string>();
  /**
   * Each page's last key with what it was made from, for this newsroom's pages and the last
   * one's: a page whose props hold the same data as before (take-over-equal.ts: mostly the very
   * same objects, so a comparison by identity) keeps its key without writing or hashing anything.
   * Two generations keep the memo to the size of two papers' pages however long `npm run watch` runs.
   */
  #pages = new Map<string, KeyedPage>();
  #lastPages = new Map<string, KeyedPage>();
  #newsroom: object | undefined;

  /** Starts a new generation of the page memo when the newsroom is another. */
  useFor(newsroom: object): this {
    if (newsroom !== this.#newsroom) {
      this.#newsroom = newsroom;
      this.#lastPages = this.#pages;
      this.#pages = new Map();
    }
    return this;
  }

  digest(value: unknown): string {
    return this.#write(value);
  }

  /** The key of the page `page` (its route and params): the last one, if it shows the same data. */
  keyPage(page: string, frame: string, props: unknown, bodyDigests: readonly string[]): string {
    const last = this.#pages.get(page) ?? this.#lastPages.get(page);
    const key =
      last && last.frame === frame && isSameData(last.bodyDigests, bodyDigests) && isSameData(last.props, props)
        ? last.key
        : createCacheKey(frame, props, bodyDigests, this);
    this.#pages.set(page, { frame, props, bodyDigests, key });
    return key;
  }

  /** What a value shows, written out; unlike `digest`, the value itself is neither hashed nor remembered. */
  text(value: unknown): string {
    return this.#write(value, false);
  }

  #write(value: unknown, remember = true): string {
    if (value === null || typeof value !== 'object') {
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
      return JSON.stringify(value);
    }
    const known = remember ? this.#memo.get(value) : undefined;
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
    if (!remember) return text;
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

/** Keyed by object, so what no newsroom holds any more is forgotten with it. */
const shownDigests = new ShownDigests();

/** The digests of what newsroom objects show, each made once, for the pages of `newsroom`. */
export function getShownDigests(newsroom: Newsroom): ShownDigests {
  return shownDigests.useFor(newsroom);
}

export function createCacheKey(
  frame: string,
  props: unknown,
  bodyDigests: readonly string[] = [],
  digests: ShownDigests = new ShownDigests(),
): string {
  return hashBytes(JSON.stringify([KEY_VERSION, RUNTIME, frame, bodyDigests]) + digests.text(props));
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
