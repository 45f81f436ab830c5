/**
 * The newsroom read straight from the files, outside Astro's content layer: for the Astro config,
 * which must know page dates before any page is rendered. Returns `undefined` for broken content;
 * the build itself then reports the problems.
 */
import { createNewsroom } from '../create-newsroom.ts';
import type { Newsroom } from '../model.ts';
import { readNewsroom } from './read-newsroom.ts';

export async function loadNewsroomFromFiles(root: string, contentDir: string, now: Date): Promise<Newsroom | undefined> {
  const { records } = await readNewsroom({ root, contentDir });
  if (!records) return undefined;
  return createNewsroom(
    {
      site: records.site.data,
      sections: records.sections.map((section) => section.data),
      topics: records.topics.map((topic) => topic.data),
      authors: records.authors.map(({ id, data }) => ({ id, data })),
      pages: records.pages.map(({ id, data }) => ({ id, data })),
      articles: records.articles.map((article) => ({ slug: article.slug, data: { ...article.data, authors: article.bylines, related: article.relatedResolved } })),
    },
    { now, preview: false },
  );
}
