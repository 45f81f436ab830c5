/**
 * The publishing engine's one way into the content: the records read and checked, each article's
 * and page's body rendered to HTML, and the input `createNewsroom` takes. What an article takes
 * from its rendered body (a dateline the body opens with) is applied to its fields here, so every
 * page that shows the article shows the same fields.
 *
 * With `cacheDir`, results persist in the newsroom store (`<cacheDir>/store/`, content-store.ts):
 * a run stats every file, reads only those whose stat changed, and parses, validates and renders
 * only those whose bytes changed (or all of them when the reader's code changed). Told which files
 * may have changed (`changedOnly`), a run in the same process as the last stats only those. The checks
 * across files (references, duplicate ids and slugs, URLs, aliases, pictures) run over every
 * record on every run, and every file's warnings are reported on every run, stored or not.
 *
 * Every field is loaded eagerly; bodies are not. `bodies` has one `BodyMap` per kind of body,
 * keyed by id and read like a `ReadonlyMap` (`get`, `has`, `keys`, `values`, `entries`, `size`,
 * iteration) — `bodies.articles.get(id)` is the article's HTML, as with the `Map`s this returned
 * before; `bodies.articleText` is new: the text edition's body, converted once per changed file —
 * whose `get` reads the body from the store's pack at that moment, synchronously (one
 * `pread` and a CRC-32, tens of microseconds), and makes it again from its file if the stored copy
 * is damaged. A body is not kept in memory once returned; ask again and it is read again. The
 * records' `body` (the Markdown) is read the same way, on access, and their `raw` is made when
 * first asked for. Records and their `data` are shared with the store: treat them as read-only.
 * Read bodies from the latest result: the next `loadContent` with the same `cacheDir` may merge
 * packs, and an older result's bodies are then made again from their files (or refused, if a file
 * changed since). Without `cacheDir` everything is read, parsed and rendered, and bodies stay in
 * memory. `store` says what the run read, parsed and wrote.
 */
import path from 'node:path';
import { NewsroomStore, type StoreEvent, type StoreStats } from './content-store.ts';
import type { NewsroomInput } from './create-newsroom.ts';
import type { ContentProblem } from './problems.ts';
import type { ContentFileSource } from './read-file.ts';
import { readPicture } from './read-pictures.ts';
import { findPicture, readNewsroomFrom, withPictureFacts, type ArticleRecord, type NewsroomRecords } from './read-newsroom.ts';
import type { PictureFacts } from './model.ts';
import { getPictureReaderHash, getReaderCodeHash } from './reader-code-hash.ts';
import type { TextEditionBody } from '../text/text-edition.ts';

export interface LoadContentOptions {
  /** Project root; file names in messages are relative to it. */
  root: string;
  /** The content folder, absolute or relative to `root`. */
  contentDir: string;
  /** The build time, for embargo notices. */
  now: Date;
  /**
   * The build's cache folder, absolute or relative to `root`; the store is kept in
   * `<cacheDir>/store/`. Without it, nothing is kept between runs.
   */
  cacheDir?: string | undefined;
  /** Told of every file read, parsed and rendered: for tests, which count instead of timing. */
  observe?: ((event: StoreEvent) => void) | undefined;
  /** Stands in for the hash of the reader's code (reader-code-hash.ts), for tests. */
  readerCodeHash?: string | undefined;
  /**
   * Every file (absolute path) that may have changed since this process's last `loadContent` of
   * the same cache, when a watcher knows: the others are not even stat-ed (content-store.ts).
   */
  changedOnly?: ReadonlySet<string> | undefined;
}

/**
 * Bodies of one kind by id, read like a `ReadonlyMap`: `get` reads the body from the store when
 * asked (and iterating reads each body in turn); nothing is kept once returned.
 */
export interface BodyMap<T = string> {
  get(id: string): T | undefined;
  has(id: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<T>;
  entries(): IterableIterator<[string, T]>;
  [Symbol.iterator](): IterableIterator<[string, T]>;
  readonly size: number;
}

/** Rendered bodies by collection and id: what a page prints between its header and footer. */
export interface ContentBodies {
  articles: BodyMap;
  pages: BodyMap;
  /** The Markdown as written, for the plain-text edition. */
  articleMarkdown: BodyMap;
  /**
   * The text edition's body — paragraphs as plain text, link markers and links — made once per
   * changed file, so a text page need not parse the Markdown again. An article with a relative
   * link has none here (`has` is false): its links resolve against its URL, so `convertBodyMarkdown`
   * (lib/text/text-edition.ts) must be run on `articleMarkdown` with it.
   */
  articleText: BodyMap<TextEditionBody>;
}

export interface LoadedContent {
  /** Present when there are no errors. */
  records?: NewsroomRecords | undefined;
  input?: NewsroomInput | undefined;
  bodies?: ContentBodies | undefined;
  /** Errors and warnings, all of them. */
  problems: ContentProblem[];
  /** What the run read, parsed and wrote. */
  store: StoreStats;
}

/** A `BodyMap` over records: each `get` asks the store for the record's body. */
function bodyMap<T = string>(records: ReadonlyArray<{ id: string }>, read: (record: object) => T): BodyMap<T> {
  const byId = new Map<string, object>(records.map((record) => [record.id, record]));
  function* entries(): IterableIterator<[string, T]> {
    for (const [id, record] of byId) yield [id, read(record)];
  }
  function* values(): IterableIterator<T> {
    for (const record of byId.values()) yield read(record);
  }
  return {
    get: (id) => {
      const record = byId.get(id);
      return record === undefined ? undefined : read(record);
    },
    has: (id) => byId.has(id),
    keys: () => byId.keys(),
    values,
    entries,
    [Symbol.iterator]: entries,
    get size() {
      return byId.size;
    },
  };
}

export async function loadContent(options: LoadContentOptions): Promise<LoadedContent> {
  const root = path.resolve(options.root);
  const contentDir = path.resolve(root, options.contentDir);
  const store = NewsroomStore.open({
    dir: options.cacheDir === undefined ? undefined : path.join(path.resolve(root, options.cacheDir), 'store'),
    root,
    contentDir,
    readerHash: options.readerCodeHash ?? getReaderCodeHash(),
    pictureReader: getPictureReaderHash(),
    observe: options.observe,
    changedOnly: options.changedOnly,
  });
  const source: ContentFileSource = {
    read: (request, problems) => store.read(request, problems),
    readPicture: (absolute, folder) => store.picture(absolute, folder, readPicture),
  };
  const { records, problems } = await readNewsroomFrom(source, { root, contentDir, now: options.now });
  // Only a run that read the whole folder is written: a partial one would drop what it did not reach.
  store.commit();
  if (!records) return { problems, store: store.stats };
  const bodies: ContentBodies = {
    articles: bodyMap(records.articles, (record) => store.body(record, 'html')),
    pages: bodyMap(records.pages, (record) => store.body(record, 'html')),
    articleMarkdown: bodyMap(records.articles, (record) => store.body(record, 'markdown')),
    articleText: bodyMap(
      records.articles.filter((article) => store.hasText(article)),
      (record) => JSON.parse(store.body(record, 'text')) as TextEditionBody,
    ),
  };
  const pictures = withPictureFacts(records);
  const input: NewsroomInput = {
    site: records.site.data,
    sections: records.sections.map((section, order) => ({ ...section.data, order })),
    topics: records.topics.map((topic) => topic.data),
    authors: pictures.authors,
    pages: records.pages.map(({ id, data, digest }) => ({ id, data, digest })),
    articles: records.articles.map((article) => {
      const shown = store.shownAs(article);
      const picture = article.data.image?.src === undefined ? undefined : findPicture(records, article.file, article.data.image.src);
      const made = inputOf.get(article);
      if (
        made &&
        made.picture === picture &&
        made.entry.data.dateline === shown.dateline &&
        made.entry.data.credits === shown.credits &&
        made.entry.data.authors === article.bylines &&
        made.entry.data.related === article.relatedResolved
      )
        return made.entry;
      const entry = {
        slug: article.slug,
        digest: article.digest,
        data: {
          ...article.data,
          image: pictures.articleImage(article),
          dateline: shown.dateline,
          credits: shown.credits,
          authors: article.bylines,
          related: article.relatedResolved,
        },
      };
      inputOf.set(article, { entry, picture });
      return entry;
    }),
  };
  return { records, input, bodies, problems, store: store.stats };
}

/**
 * Each article record's input entry, with the picture facts it was made with: a record the store
 * kept from the last run in this process (content-store.ts) gets its very entry back while what
 * else the entry is made of is the same, and createNewsroom then knows the article by identity.
 */
const inputOf = new WeakMap<
  ArticleRecord,
  { entry: NewsroomInput['articles'][number]; picture: PictureFacts | undefined }
>();
