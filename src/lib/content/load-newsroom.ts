/**
 * The newsroom read straight from the files, outside Astro's content layer: for the Astro config,
 * which must know page dates before any page is rendered. Returns `undefined` for broken content;
 * the build itself then reports the problems.
 */
import { createNewsroom } from './create-newsroom.ts';
import type { Newsroom } from './model.ts';
import path from 'node:path';
import { readNewsroom, withPictureFacts, type ReadNewsroomResult } from './read-newsroom.ts';

export async function loadNewsroomFromFiles(root: string, contentDir: string, now: Date): Promise<Newsroom | undefined> {
  const read = readNewsroom({ root, contentDir, now });
  offerSharedRead(path.resolve(root, contentDir), read);
  const { records } = await read;
  if (!records) return undefined;
  const pictures = withPictureFacts(records);
  return createNewsroom(
    {
      site: records.site.data,
      sections: records.sections.map((section) => section.data),
      topics: records.topics.map((topic) => topic.data),
      authors: pictures.authors,
      pages: records.pages.map(({ id, data, digest }) => ({ id, data, digest })),
      articles: records.articles.map((article) => ({
        slug: article.slug,
        digest: article.digest,
        data: {
          ...article.data,
          image: pictures.articleImage(article),
          authors: article.bylines,
          related: article.relatedResolved,
        },
      })),
    },
    { now, preview: false },
  );
}

/**
 * The Astro config reads the newsroom (for sitemap dates) in the same process as Astro's build
 * (the render step of `npm run build`), but in a module graph of its own, as is the content
 * loader. This slot on `globalThis` lets the loader and the render step's answer (the hosting
 * files' facts) use the config's read instead of reading and validating every file again. The
 * build opens the slot before Astro starts, so a config loaded by anything else (dev, check,
 * tests) shares nothing.
 */
const SHARED = Symbol.for('depesche.shared-newsroom');
type SharedSlot = {
  newsroom?: Newsroom | undefined;
  read?: { contentDir: string; result: Promise<ReadNewsroomResult> } | undefined;
};

export function openSharedNewsroom(): void {
  (globalThis as Record<symbol, SharedSlot | undefined>)[SHARED] = {};
}

export function offerSharedNewsroom(newsroom: Newsroom | undefined): void {
  const slot = (globalThis as Record<symbol, SharedSlot | undefined>)[SHARED];
  if (slot) slot.newsroom = newsroom;
}

function offerSharedRead(contentDir: string, result: Promise<ReadNewsroomResult>): void {
  const slot = (globalThis as Record<symbol, SharedSlot | undefined>)[SHARED];
  if (slot) slot.read = { contentDir, result };
}

/** The config's read of `contentDir`, once; later calls (a re-sync after a change) read anew. */
export function takeSharedRead(contentDir: string): Promise<ReadNewsroomResult> | undefined {
  const slot = (globalThis as Record<symbol, SharedSlot | undefined>)[SHARED];
  const read = slot?.read;
  if (!slot || !read || read.contentDir !== contentDir) return undefined;
  slot.read = undefined;
  return read.result;
}

export function takeSharedNewsroom(): Newsroom | undefined {
  const slot = (globalThis as Record<symbol, SharedSlot | undefined>)[SHARED];
  delete (globalThis as Record<symbol, SharedSlot | undefined>)[SHARED];
  return slot?.newsroom;
}
