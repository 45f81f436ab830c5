/**
 * The one place pages get content from: reads the collections through `astro:content` and hands
 * them to the pure `createNewsroom`. Built once per build; rebuilt per request in dev so edits show.
 */
import { getCollection } from 'astro:content';
import { createNewsroom } from '../lib/content/create-newsroom.ts';
import { resolveBuildTime } from '../lib/content/build-time.ts';
import type { Newsroom } from '../lib/content/model.ts';

let cached: Promise<Newsroom> | undefined;

async function loadNewsroom(): Promise<Newsroom> {
  const [site, sections, topics, authors, pages, articles] = await Promise.all([
    getCollection('site'),
    getCollection('sections'),
    getCollection('topics'),
    getCollection('authors'),
    getCollection('pages'),
    getCollection('articles'),
  ]);
  const settings = site[0];
  if (!settings)
    throw new Error('The site settings (content/site.yaml) were not loaded; run the build again to see why.');
  return createNewsroom(
    {
      site: settings.data,
      sections: sections.map((entry) => entry.data),
      topics: topics.map((entry) => entry.data),
      authors: authors.map(({ id, data }) => ({ id, data })),
      pages: pages.map(({ id, data, digest }) => ({ id, data, digest: String(digest ?? '') })),
      articles: articles.map(({ data, digest }) => ({
        slug: data.slug ?? String(data.id),
        data,
        digest: String(digest ?? ''),
      })),
    },
    { now: resolveBuildTime(process.env), preview: import.meta.env.DEV },
  );
}

export function getNewsroom(): Promise<Newsroom> {
  if (import.meta.env.DEV) return loadNewsroom();
  return (cached ??= loadNewsroom());
}
