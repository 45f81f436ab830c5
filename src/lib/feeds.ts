/**
 * Feeds for the paper and for every section, topic and author: RSS 2.0 and Atom 1.0 through the
 * `feed` library, JSON Feed 1.1 as a typed object (the library writes only version 1). Undated
 * articles are left out: a feed is a list in time.
 */
import { Feed, type Item } from 'feed';
import { formatIsoWithOffset } from './dates.ts';
import { isDated, type Article, type DatedArticle, type Newsroom } from './model.ts';
import { toAbsoluteUrl } from './urls.ts';
import { escapeHtml } from './escape-html.ts';

export type FeedFormat = 'xml' | 'atom' | 'json';

export const FEED_TYPES: Record<FeedFormat, string> = {
  xml: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

export interface FeedChannel {
  /** Page the feed belongs to, e.g. "/" or "/thema/klimakrise/". */
  pageUrl: string;
  title: string;
  description: string;
  articles: DatedArticle[];
}

/** `/thema/klimakrise/feed.xml`: a feed lives beside its list page. */
export function getFeedUrl(pageUrl: string, format: FeedFormat): string {
  return `${pageUrl}feed.${format}`;
}

/** The `[...list]` route parameter for a channel: its page URL without slashes, none for the paper. */
export function toListParam(pageUrl: string): string | undefined {
  const trimmed = pageUrl.replace(/^\/|\/$/g, '');
  return trimmed || undefined;
}

export function listFeedChannels(newsroom: Newsroom): FeedChannel[] {
  const { site, t } = newsroom;
  const limit = site.feeds.items;
  const dated = (articles: readonly Article[] | undefined): DatedArticle[] =>
    (articles ?? []).filter(isDated).slice(0, limit);
  return [
    { pageUrl: '/', title: site.title, description: site.tagline ?? site.title, articles: dated(newsroom.articles) },
    ...newsroom.sections.map((section) => ({
      pageUrl: section.url,
      title: `${section.name} – ${site.title}`,
      description: section.description ?? `${t.section}: ${section.name}`,
      articles: dated(newsroom.articlesBySection.get(section.id)),
    })),
    ...newsroom.topics.map((topic) => ({
      pageUrl: topic.url,
      title: `${topic.name} – ${site.title}`,
      description: topic.description ?? `${t.topic}: ${topic.name}`,
      articles: dated(newsroom.articlesByTopic.get(topic.id)),
    })),
    ...newsroom.authors.map((author) => ({
      pageUrl: author.url,
      title: `${author.name} – ${site.title}`,
      description: author.bio ?? t.articlesBy(author.name),
      articles: dated(newsroom.articlesByAuthor.get(author.id)),
    })),
  ];
}

export interface FeedArticleExtras {
  /** The article's body as HTML, for full-text feeds. */
  html?: string | undefined;
  /** Absolute URL and MIME type of the article's picture, resized for feeds. */
  image?: { url: string; type: string } | undefined;
}

/** "Kicker: Headline", as feed readers show one title line. */
export function getFeedTitle(article: Article): string {
  return article.kicker ? `${article.kicker}: ${article.headline}` : article.headline;
}

/** Makes site-relative links in body HTML absolute, since feed readers have no base URL. */
export function absolutizeLinks(html: string, siteUrl: string): string {
  return html.replace(
    /(\s(?:href|src))="(\/(?!\/)[^"]*)"/g,
    (_, attribute: string, path: string) => `${attribute}="${toAbsoluteUrl(siteUrl, path)}"`,
  );
}

interface FeedPerson {
  name: string;
  url?: string | undefined;
}

/** Authors, or for an agency-only piece its agencies, so every entry has an author. */
function getFeedPeople(article: Article, siteUrl: string): FeedPerson[] {
  if (article.authors.length)
    return article.authors.map((author) => ({
      name: author.name,
      url: author.url && toAbsoluteUrl(siteUrl, author.url),
    }));
  return article.credits.map((credit) => ({ name: credit }));
}

function getUpdated(article: DatedArticle): Date {
  return article.updatedAt ?? article.publishedAt;
}

export interface BuildFeedOptions {
  newsroom: Newsroom;
  channel: FeedChannel;
  extras: ReadonlyMap<number, FeedArticleExtras>;
}

/**
 * One channel's feed in RSS or Atom. RSS 2.0 reserves `<author>` for an e-mail address, so RSS
 * names authors with Dublin Core's `dc:creator`; the library declares that namespace whenever items
 * carry `content:encoded`, which is why teaser feeds carry the teaser there too.
 */
function createFeed({ newsroom, channel, extras }: BuildFeedOptions, kind: 'rss' | 'atom'): Feed {
  const { site } = newsroom;
  const pageUrl = toAbsoluteUrl(site.url, channel.pageUrl);
  const updated = channel.articles.map(getUpdated).sort((a, b) => b.getTime() - a.getTime())[0] ?? new Date(0);
  const feed = new Feed({
    id: pageUrl,
    title: channel.title,
    description: channel.description,
    link: pageUrl,
    language: site.locale,
    updated,
    generator: 'Depesche',
    copyright: site.title,
    favicon: toAbsoluteUrl(site.url, '/favicon.svg'),
    feedLinks: {
      rss: toAbsoluteUrl(site.url, getFeedUrl(channel.pageUrl, 'xml')),
      atom: toAbsoluteUrl(site.url, getFeedUrl(channel.pageUrl, 'atom')),
      json: toAbsoluteUrl(site.url, getFeedUrl(channel.pageUrl, 'json')),
    },
  });
  for (const article of channel.articles) {
    const url = toAbsoluteUrl(site.url, article.url);
    const extra = extras.get(article.id);
    const people = getFeedPeople(article, site.url);
    const html = site.feeds.fullText && extra?.html ? absolutizeLinks(extra.html, site.url) : undefined;
    const item: Item = {
      title: getFeedTitle(article),
      id: url,
      guid: url,
      link: url,
      date: getUpdated(article),
      published: article.publishedAt,
      description: article.teaser,
      category: [article.section.name, ...article.topics.map((topic) => topic.name)].map((name) => ({ name })),
    };
    // Agencies credited beside named authors are contributors; alone, they stand in as authors.
    const contributors = article.authors.length ? article.credits : [];
    if (kind === 'atom') {
      item.author = people.map((person) => ({ name: person.name, ...(person.url ? { link: person.url } : {}) }));
      if (contributors.length) item.contributor = contributors.map((name) => ({ name }));
      if (html) item.content = html;
    } else {
      item.content = html ?? `<p>${escapeHtml(article.teaser)}</p>`;
      // The library types extension objects as a record, but its XML writer renders an array as
      // repeated elements: one dc:creator per person.
      const creators = people.map((person) => ({ _text: person.name }));
      item.extensions = [{ name: 'dc:creator', objects: creators as unknown as Record<string, unknown> }];
      if (contributors.length) {
        const credited = contributors.map((name) => ({ _text: name }));
        item.extensions.push({ name: 'dc:contributor', objects: credited as unknown as Record<string, unknown> });
      }
    }
    if (extra?.image) item.enclosure = { url: extra.image.url, type: extra.image.type, length: 0 };
    feed.addItem(item);
  }
  return feed;
}

/** The three formats of one channel's feed. */
export function buildFeed(options: BuildFeedOptions): Record<FeedFormat, string> {
  return {
    xml: createFeed(options, 'rss').rss2(),
    atom: createFeed(options, 'atom').atom1(),
    json: buildJsonFeed(options.newsroom, options.channel, options.extras),
  };
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
function buildJsonFeed(
  newsroom: Newsroom,
  channel: FeedChannel,
  extras: ReadonlyMap<number, FeedArticleExtras>,
): string {
  const { site } = newsroom;
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: toAbsoluteUrl(site.url, channel.pageUrl),
    feed_url: toAbsoluteUrl(site.url, getFeedUrl(channel.pageUrl, 'json')),
    description: channel.description,
    language: site.locale,
    favicon: toAbsoluteUrl(site.url, '/favicon.svg'),
    items: channel.articles.map((article) => {
      const url = toAbsoluteUrl(site.url, article.url);
      const extra = extras.get(article.id);
      const html = site.feeds.fullText && extra?.html ? absolutizeLinks(extra.html, site.url) : undefined;
      return {
        id: url,
        url,
        title: getFeedTitle(article),
        summary: article.teaser,
        ...(html ? { content_html: html } : { content_text: article.teaser }),
        ...(extra?.image ? { image: extra.image.url } : {}),
        date_published: formatIsoWithOffset(article.publishedAt, site.timeZone),
        date_modified: formatIsoWithOffset(getUpdated(article), site.timeZone),
        authors: getFeedPeople(article, site.url),
        // JSON Feed has no field for agency credits; extensions start with an underscore.
        ...(article.authors.length && article.credits.length ? { _depesche: { credits: article.credits } } : {}),
        tags: [article.section.name, ...article.topics.map((topic) => topic.name)],
        language: article.lang,
      };
    }),
  };
  return JSON.stringify(document, null, 2);
}
