/**
 * Depesche's content loader. One read of the whole `content/` folder serves all six collections,
 * so cross-file problems (an unknown author, a duplicate id) are found together and reported at
 * once; each collection then stores its part, rendering only bodies whose files changed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { resolveBuildTime } from '../lib/content/build-time.ts';
import { renderArticle, renderPage } from '../lib/content/render-body.ts';
import { ContentProblemsError, formatProblem, formatProblemReport } from '../lib/content/problems.ts';
import {
  findPicture,
  readNewsroom,
  type NewsroomRecords,
  type ReadNewsroomResult,
} from '../lib/content/read-newsroom.ts';

export type NewsroomCollection = 'site' | 'sections' | 'topics' | 'authors' | 'pages' | 'articles';

interface SharedRead {
  generation: number;
  result: Promise<ReadNewsroomResult>;
  /** Whether this read's problems were already printed by one of the six loaders. */
  reported: boolean;
}

/**
 * Version of what the loader stores for an entry. Astro keeps the store between builds and an
 * entry is only stored again when its digest changes, so a change to what is stored (a new field,
 * another rendering) must change this, or old builds' entries would be served.
 */
const STORED_SHAPE = 'v3-picture-facts';

// Module state shared by the six loaders of one Astro process.
let generation = 0;
let shared: SharedRead | undefined;
const watchedBy = new WeakSet<object>();

function readOnce(root: string, contentDir: string): SharedRead {
  if (!shared || shared.generation !== generation) {
    const result = readNewsroom({ root, contentDir, now: resolveBuildTime(process.env) });
    shared = { generation, result, reported: false };
  }
  return shared;
}

interface Prepared {
  /** Fields the loader adds to the validated data (defaults it resolved). */
  extra?: Record<string, unknown>;
  html?: string;
}

async function storeCollection(
  collection: NewsroomCollection,
  records: NewsroomRecords,
  context: LoaderContext,
): Promise<void> {
  const { store, parseData, generateDigest } = context;
  const keep = new Set<string>();
  /** Stores one entry unless its file is unchanged since the last build; then nothing is redone. */
  const put = async (
    id: string,
    source: { raw: Record<string, unknown>; file: string; digest: string; body?: string },
    salt = '',
    prepare: () => Promise<Prepared> = async () => ({}),
  ): Promise<void> => {
    keep.add(id);
    const digest = generateDigest(`${STORED_SHAPE}:${source.digest}:${source.file}:${salt}`);
    if (store.get(id)?.digest === digest) return;
    const { extra = {}, html } = await prepare();
    const data = { ...(await parseData({ id, data: source.raw, filePath: source.file })), ...extra };
    // The Markdown body is kept too: the text edition is made from it.
    const body = 'body' in source && typeof source.body === 'string' ? { body: source.body } : {};
    store.set({
      id,
      data,
      filePath: source.file,
      digest,
      ...body,
      ...(html === undefined ? {} : { rendered: { html } }),
    });
  };

  switch (collection) {
    case 'site':
      await put('site', records.site);
      break;
    case 'sections':
      for (const [order, section] of records.sections.entries()) {
        await put(section.id, section, String(order), async () => ({ extra: { order } }));
      }
      break;
    case 'topics':
      for (const topic of records.topics) await put(topic.id, topic);
      break;
    case 'authors':
      for (const author of records.authors) {
        // The collection holds the portrait's facts, not its path; a portrait replaced under the same
        // name changes its digest, and so stores the author again.
        const portrait =
          author.data.image === undefined ? undefined : findPicture(records, author.file, author.data.image);
        await put(
          author.id,
          { ...author, raw: { ...author.raw, ...(portrait && { image: portrait }) } },
          portrait?.digest,
        );
      }
      break;
    case 'pages':
      for (const page of records.pages) await put(page.id, page, '', async () => ({ html: renderPage(page) }));
      break;
    case 'articles':
      for (const article of records.articles) {
        const { image } = article.data;
        const picture = image?.src === undefined ? undefined : findPicture(records, article.file, image.src);
        // What the article's entry holds besides its own file: the section it was filed under
        // (possibly the paper's default), its resolved bylines and related articles, its picture's
        // facts. These come from other files, so they are part of the digest: an author removed, a
        // default section changed or a picture replaced must store the article again.
        const resolved = JSON.stringify([
          article.slug,
          article.raw['section'],
          article.bylines,
          article.relatedResolved,
          picture?.digest,
        ]);
        const raw = picture
          ? { ...article.raw, image: { ...(article.raw['image'] as object), src: picture } }
          : article.raw;
        await put(article.id, { ...article, raw }, resolved, async () => {
          // A body that opens with its own dateline is what readers see, so the fields follow it.
          const rendered = renderArticle(article);
          for (const problem of rendered.problems) context.logger.warn(formatProblem(problem));
          return {
            html: rendered.html,
            extra: {
              slug: article.slug,
              dateline: rendered.dateline,
              credits: rendered.credits,
              authors: article.bylines,
              related: article.relatedResolved,
            },
          };
        });
      }
      break;
  }
  for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
}

export interface NewsroomLoaderOptions {
  /** The content folder, relative to the project root. */
  contentDir: string;
}

export function newsroomLoader(collection: NewsroomCollection, options: NewsroomLoaderOptions): Loader {
  return {
    name: `depesche-${collection}`,
    async load(context) {
      const root = fileURLToPath(context.config.root);
      const contentDir = path.resolve(root, options.contentDir);
      /**
       * Stores this collection from the shared read. On the first load, errors stop the build;
       * after a change in dev they are printed once and the last good content stays served.
       */
      const sync = async (afterChange: boolean): Promise<void> => {
        const read = readOnce(root, contentDir);
        const { records, problems } = await read.result;
        const firstToReport = !read.reported;
        read.reported = true;
        if (!records) {
          if (!afterChange) throw new ContentProblemsError(problems);
          if (firstToReport) context.logger.error(`\n${formatProblemReport(problems)}`);
          return;
        }
        if (firstToReport) for (const problem of problems) context.logger.warn(formatProblem(problem));
        await storeCollection(collection, records, context);
      };
      await sync(false);

      const { watcher } = context;
      if (!watcher) return;
      watcher.add(contentDir);
      // The first loader to register bumps the generation on every change, before any
      // collection's own listener runs, so all six re-sync from one fresh read.
      if (!watchedBy.has(watcher)) {
        watchedBy.add(watcher);
        watcher.on('all', (_event, changed) => {
          if (changed.startsWith(contentDir)) generation++;
        });
      }
      watcher.on('all', (_event, changed) => {
        if (!changed.startsWith(contentDir)) return;
        sync(true).catch((error: unknown) => context.logger.error(String(error)));
      });
    },
  };
}
