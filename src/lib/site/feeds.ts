/**
 * Feeds for the paper and for every section, topic and author: RSS 2.0, Atom 1.0 and JSON Feed 1.1.
 * Undated articles are left out: a feed is a list in time.
 *
 * Every field but the article body is plain text, and each format gets it the way its readers read
 * it. Atom declares it text. RSS has no such declaration and readers render `title` and
 * `description` as HTML, so those carry the text escaped as HTML, then as XML. JSON Feed's
 * `title` and `summary` are plain text by its spec. The XML is written here rather than through
 * the `feed` package, whose writer puts titles in `type="html"` CDATA, ends a CDATA section early
 * at a second `]]>`, reads a literal `&amp;` as `&` and leaves `<` unescaped in attributes.
 */
import { formatIsoWithOffset } from '../content/dates.ts';
import { escapeHtml } from './escape-html.ts';
import { isDated, type Article, type DatedArticle, type Newsroom } from '../content/model.ts';
import { toAbsoluteUrl } from './urls.ts';

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

interface XmlElement {
  name: string;
  attributes?: Record<string, string | undefined>;
  /** Character data as the reader should get it back; escaped when written. */
  text?: string | undefined;
  children?: XmlElement[];
}

/**
 * Characters XML 1.0 cannot carry even as references (C0 controls but tab and line breaks, lone
 * surrogates, U+FFFE and U+FFFF): one of them makes a reader reject the whole feed.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu;

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Text as XML character data, or with `quotes` as a quoted attribute value, in the entities every
 * XML reader knows. Quotes stay literal in character data, where they need no escape, so links in
 * HTML bodies read as plainly as in a page.
 */
function escapeXml(text: string, quotes = false): string {
  return text.replace(NOT_XML, '').replace(quotes ? /[&<>"]/g : /[&<>]/g, (char) => XML_ENTITIES[char]!);
}

function writeXmlElement({ name, attributes = {}, text, children = [] }: XmlElement, indent: string): string {
  const written = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value, true)}"`)
    .join('');
  if (children.length)
    return [
      `${indent}<${name}${written}>`,
      ...children.map((child) => writeXmlElement(child, `${indent}  `)),
      `${indent}</${name}>`,
    ].join('\n');
  if (text === undefined) return `${indent}<${name}${written}/>`;
  return `${indent}<${name}${written}>${escapeXml(text)}</${name}>`;
}

function writeXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${writeXmlElement(root, '')}\n`;
}

/** An element holding text; left out when there is no text. */
function toTextElement(name: string, text: string | undefined, attributes?: XmlElement['attributes']): XmlElement[] {
  return text === undefined ? [] : [{ name, text, ...(attributes ? { attributes } : {}) }];
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

/** Agencies credited beside named authors are contributors; alone, they stand in as authors. */
function getFeedContributors(article: Article): string[] {
  return article.authors.length ? article.credits : [];
}

function getCategories(article: Article): string[] {
  return [article.section.name, ...article.topics.map((topic) => topic.name)];
}

function getUpdated(article: DatedArticle): Date {
  return article.updatedAt ?? article.publishedAt;
}

export interface BuildFeedOptions {
  newsroom: Newsroom;
  channel: FeedChannel;
  extras: ReadonlyMap<number, FeedArticleExtras>;
}

interface FeedEntry {
  article: DatedArticle;
  url: string;
  people: FeedPerson[];
  /** The body with absolute links, in full-text feeds. */
  html?: string | undefined;
  image?: FeedArticleExtras['image'];
}

function listFeedEntries({ newsroom, channel, extras }: BuildFeedOptions): FeedEntry[] {
  const { site } = newsroom;
  return channel.articles.map((article) => {
    const extra = extras.get(article.id);
    return {
      article,
      url: toAbsoluteUrl(site.url, article.url),
      people: getFeedPeople(article, site.url),
      html: site.feeds.fullText && extra?.html ? absolutizeLinks(extra.html, site.url) : undefined,
      image: extra?.image,
    };
  });
}

function getChannelUpdated(channel: FeedChannel): Date {
  return channel.articles.map(getUpdated).sort((a, b) => b.getTime() - a.getTime())[0] ?? new Date(0);
}

/**
 * RSS 2.0. It reserves `<author>` for an e-mail address, so authors are Dublin Core's
 * `dc:creator`; teaser feeds carry the teaser as `content:encoded` too, as readers that show only
 * that element would otherwise show nothing.
 */
function buildRss(options: BuildFeedOptions): string {
  const { newsroom, channel } = options;
  const { site } = newsroom;
  const items = listFeedEntries(options).map(({ article, url, people, html, image }): XmlElement => ({
    name: 'item',
    children: [
      { name: 'title', text: escapeHtml(getFeedTitle(article)) },
      { name: 'link', text: url },
      { name: 'guid', attributes: { isPermaLink: 'false' }, text: url },
      { name: 'pubDate', text: article.publishedAt.toUTCString() },
      { name: 'description', text: escapeHtml(article.teaser) },
      { name: 'content:encoded', text: html ?? `<p>${escapeHtml(article.teaser)}</p>` },
      ...getCategories(article).map((name) => ({ name: 'category', text: name })),
      ...(image ? [{ name: 'enclosure', attributes: { url: image.url, length: '0', type: image.type } }] : []),
      ...people.map((person) => ({ name: 'dc:creator', text: person.name })),
      ...getFeedContributors(article).map((name) => ({ name: 'dc:contributor', text: name })),
    ],
  }));
  return writeXmlDocument({
    name: 'rss',
    attributes: {
      version: '2.0',
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      'xmlns:atom': 'http://www.w3.org/2005/Atom',
    },
    children: [
      {
        name: 'channel',
        children: [
          { name: 'title', text: escapeHtml(channel.title) },
          { name: 'link', text: toAbsoluteUrl(site.url, channel.pageUrl) },
          { name: 'description', text: escapeHtml(channel.description) },
          { name: 'lastBuildDate', text: getChannelUpdated(channel).toUTCString() },
          { name: 'docs', text: 'https://www.rssboard.org/rss-specification' },
          { name: 'generator', text: 'Depesche' },
          { name: 'language', text: site.locale },
          { name: 'copyright', text: site.title },
          {
            name: 'atom:link',
            attributes: {
              href: toAbsoluteUrl(site.url, getFeedUrl(channel.pageUrl, 'xml')),
              rel: 'self',
              type: FEED_TYPES.xml,
            },
          },
          ...items,
        ],
      },
    ],
  });
}

/** Atom 1.0 (RFC 4287), with every plain-text field declared text. */
function buildAtom(options: BuildFeedOptions): string {
  const { newsroom, channel } = options;
  const { site } = newsroom;
  const pageUrl = toAbsoluteUrl(site.url, channel.pageUrl);
  const text = { type: 'text' };
  const entries = listFeedEntries(options).map(({ article, url, people, html, image }): XmlElement => ({
    name: 'entry',
    children: [
      { name: 'id', text: url },
      { name: 'title', attributes: text, text: getFeedTitle(article) },
      { name: 'link', attributes: { rel: 'alternate', type: 'text/html', href: url } },
      ...(image ? [{ name: 'link', attributes: { rel: 'enclosure', type: image.type, href: image.url } }] : []),
      { name: 'published', text: article.publishedAt.toISOString() },
      { name: 'updated', text: getUpdated(article).toISOString() },
      { name: 'summary', attributes: text, text: article.teaser },
      ...toTextElement('content', html, { type: 'html' }),
      ...people.map((person) => ({
        name: 'author',
        children: [{ name: 'name', text: person.name }, ...toTextElement('uri', person.url)],
      })),
      ...getFeedContributors(article).map((name) => ({
        name: 'contributor',
        children: [{ name: 'name', text: name }],
      })),
      ...getCategories(article).map((name) => ({ name: 'category', attributes: { term: name } })),
    ],
  }));
  return writeXmlDocument({
    name: 'feed',
    attributes: { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': site.locale },
    children: [
      { name: 'id', text: pageUrl },
      { name: 'title', attributes: text, text: channel.title },
      { name: 'subtitle', attributes: text, text: channel.description },
      { name: 'updated', text: getChannelUpdated(channel).toISOString() },
      { name: 'link', attributes: { rel: 'alternate', type: 'text/html', href: pageUrl } },
      {
        name: 'link',
        attributes: {
          rel: 'self',
          type: FEED_TYPES.atom,
          href: toAbsoluteUrl(site.url, getFeedUrl(channel.pageUrl, 'atom')),
        },
      },
      { name: 'generator', text: 'Depesche' },
      { name: 'icon', text: toAbsoluteUrl(site.url, '/favicon.svg') },
      { name: 'rights', attributes: text, text: site.title },
      ...entries,
    ],
  });
}

/** The three formats of one channel's feed. */
export function buildFeed(options: BuildFeedOptions): Record<FeedFormat, string> {
  return {
    xml: buildRss(options),
    atom: buildAtom(options),
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
