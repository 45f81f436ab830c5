import type { APIRoute } from 'astro';
import { getFeedExtras } from '../../data/feed-extras.ts';
import { loadDevNewsroom } from '../../data/newsroom.ts';
import { getNewsroom, getRouteProps } from '../../data/page-data.ts';
import type { Newsroom } from '../../lib/content/model.ts';
import { buildFeed, FEED_TYPES, type FeedChannel, type FeedFormat } from '../../lib/site/feeds.ts';
import { listFeedRoutes } from '../../lib/site/routes.ts';

export async function getStaticPaths() {
  return listFeedRoutes(await loadDevNewsroom());
}

// The three formats of a channel come from one build of its feed. Keyed by the newsroom: a
// renderer that stays up across content changes gets a new newsroom for each, and no old feed.
const built = new WeakMap<Newsroom, Map<string, Promise<Record<FeedFormat, string>>>>();

export const GET: APIRoute = async (context) => {
  const { channel } = getRouteProps<{ channel: FeedChannel }>(context);
  const format = context.params['format'] as FeedFormat;
  const newsroom = await getNewsroom(context.locals);
  let feeds = built.get(newsroom);
  if (!feeds) built.set(newsroom, (feeds = new Map()));
  let feed = feeds.get(channel.pageUrl);
  if (!feed) {
    feed = getFeedExtras(context.locals, newsroom, channel.articles).then((extras) =>
      buildFeed({ newsroom, channel, extras }),
    );
    feeds.set(channel.pageUrl, feed);
  }
  return new Response((await feed)[format], { headers: { 'Content-Type': `${FEED_TYPES[format]}; charset=utf-8` } });
};
