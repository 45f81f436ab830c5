/**
 * What feeds need from Astro besides the newsroom: each article's rendered body and a feed-sized
 * picture (lib/site/pictures.ts). Memoised, since an article appears in the paper's feed and in its section's, topics'
 * and authors' feeds.
 */
import { getCollection } from 'astro:content';
import type { FeedArticleExtras } from '../lib/site/feeds.ts';
import type { Article } from '../lib/content/model.ts';
import { getSocialPictureUrl } from '../lib/site/pictures.ts';

let bodies: Promise<Map<number, string>> | undefined;
const extrasById = new Map<number, Promise<FeedArticleExtras>>();

function getBodies(): Promise<Map<number, string>> {
  bodies ??= getCollection('articles').then(
    (entries) =>
      new Map(
        entries.flatMap((entry) => (entry.rendered?.html ? [[entry.data.id, entry.rendered.html] as const] : [])),
      ),
  );
  return bodies;
}

async function loadExtras(article: Article, siteUrl: string): Promise<FeedArticleExtras> {
  const html = (await getBodies()).get(article.id);
  // The same 1200-pixel JPEG as link previews use: one picture generated, not two.
  const url = getSocialPictureUrl(article.image, siteUrl);
  return { html, ...(url ? { image: { url, type: 'image/jpeg' } } : {}) };
}

export async function getFeedExtras(
  articles: readonly Article[],
  siteUrl: string,
): Promise<Map<number, FeedArticleExtras>> {
  const entries = await Promise.all(
    articles.map(async (article) => {
      let extras = extrasById.get(article.id);
      if (!extras) extrasById.set(article.id, (extras = loadExtras(article, siteUrl)));
      return [article.id, await extras] as const;
    }),
  );
  return new Map(entries);
}
