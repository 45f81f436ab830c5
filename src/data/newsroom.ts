/**
 * The newsroom of `astro dev`: the collections read through `astro:content` and handed to the pure
 * `createNewsroom`, anew per request so edits show. Published pages get theirs from the engine
 * (page-data.ts); this is the one module that calls `getCollection`.
 */
import { getCollection } from 'astro:content';
import { createNewsroom } from '../lib/content/create-newsroom.ts';
import { resolveBuildTime } from '../lib/content/build-time.ts';
import type { Newsroom } from '../lib/content/model.ts';

export async function loadDevNewsroom(): Promise<Newsroom> {
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
    { now: resolveBuildTime(process.env), preview: true },
  );
}
