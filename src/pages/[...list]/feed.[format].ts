import type { APIRoute } from 'astro';
import { getFeedExtras } from '../../data/feed-extras.ts';
import { getNewsroom } from '../../data/newsroom.ts';
import { buildFeed, FEED_TYPES, type FeedChannel, type FeedFormat } from '../../lib/site/feeds.ts';
import { listFeedRoutes } from '../../lib/site/routes.ts';

export async function getStaticPaths() {
  return listFeedRoutes(await getNewsroom());
}

// The three formats of a channel come from one build of its feed.
const built = new Map<string, Promise<Record<FeedFormat, string>>>();

export const GET: APIRoute = async ({ props, params }) => {
  const { channel } = props as { channel: FeedChannel };
  const format = params['format'] as FeedFormat;
  let feeds = built.get(channel.pageUrl);
  if (!feeds) {
    const newsroom = await getNewsroom();
    feeds = getFeedExtras(channel.articles, newsroom.site.url).then((extras) =>
      buildFeed({ newsroom, channel, extras }),
    );
    built.set(channel.pageUrl, feeds);
  }
  return new Response((await feeds)[format], { headers: { 'Content-Type': `${FEED_TYPES[format]}; charset=utf-8` } });
};
