/**
 * What feeds need besides the newsroom: each article's rendered body and a feed-sized picture
 * (lib/site/pictures.ts). Memoised per newsroom, since an article appears in the paper's feed and in its section's,
 * topics' and authors' feeds; a new newsroom (a content change in a renderer that stays up)
 * starts afresh.
 */
import type { FeedArticleExtras } from '../lib/site/feeds.ts';
import type { Article, Newsroom } from '../lib/content/model.ts';
import { getArticleBody, type PageLocals } from './page-data.ts';
import { getSocialPictureUrl } from '../lib/site/pictures.ts';

const extrasByNewsroom = new WeakMap<Newsroom, Map<number, Promise<FeedArticleExtras>>>();

async function loadExtras(
  locals: { depesche?: PageLocals | undefined },
  article: Article,
  siteUrl: string,
): Promise<FeedArticleExtras> {
  const html = await getArticleBody(locals, article);
  // The same 1200-pixel JPEG as link previews use: one picture generated, not two.
  const url = getSocialPictureUrl(article.image, siteUrl);
  return { html, ...(url ? { image: { url, type: 'image/jpeg' } } : {}) };
}

export async function getFeedExtras(
  locals: { depesche?: PageLocals | undefined },
  newsroom: Newsroom,
  articles: readonly Article[],
): Promise<Map<number, FeedArticleExtras>> {
  let extrasById = extrasByNewsroom.get(newsroom);
  if (!extrasById) extrasByNewsroom.set(newsroom, (extrasById = new Map()));
  const memo = extrasById;
  const entries = await Promise.all(
    articles.map(async (article) => {
      let extras = memo.get(article.id);
      if (!extras) memo.set(article.id, (extras = loadExtras(locals, article, newsroom.site.url)));
      return [article.id, await extras] as const;
    }),
  );
  return new Map(entries);
}
