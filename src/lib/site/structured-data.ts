/**
 * Structured data (schema.org JSON-LD) and social-card meta for pages. Serialised so that no
 * text from content can end the surrounding <script> element: `<`, `>`, `&` and the JavaScript
 * line separators are written as \u escapes, which JSON parsers read back unchanged.
 */
import { formatIsoWithOffset } from '../content/dates.ts';
import type { Article, Author, Newsroom } from '../content/model.ts';
import { toAbsoluteUrl } from './urls.ts';

export type JsonLd = Record<string, unknown>;

/** A `<meta>` element: Open Graph uses `property`, Twitter `name`. */
export interface MetaTag {
  property?: string;
  name?: string;
  content: string;
}

export interface PageSeo {
  jsonLd: JsonLd[];
  meta: MetaTag[];
}

export function serializeJsonLd(data: JsonLd | JsonLd[]): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function getPublisher(newsroom: Newsroom): JsonLd {
  const { site } = newsroom;
  return {
    '@type': 'NewsMediaOrganization',
    name: site.title,
    url: toAbsoluteUrl(site.url, '/'),
    logo: { '@type': 'ImageObject', url: toAbsoluteUrl(site.url, '/favicon.svg') },
  };
}

export interface Crumb {
  label: string;
  url?: string | undefined;
}

export function buildBreadcrumbJsonLd(newsroom: Newsroom, crumbs: readonly Crumb[], currentPath: string): JsonLd {
  const { site, t } = newsroom;
  const all = [{ label: t.frontPage, url: '/' }, ...crumbs];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: all.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.label,
      item: toAbsoluteUrl(site.url, crumb.url ?? currentPath),
    })),
  };
}

/** `NewsArticle` with authors as Person, agencies as Organization, and the correction note. */
export function buildArticleSeo(newsroom: Newsroom, article: Article, imageUrl: string | undefined): PageSeo {
  const { site } = newsroom;
  const url = toAbsoluteUrl(site.url, article.url);
  const published = article.publishedAt && formatIsoWithOffset(article.publishedAt, site.timeZone);
  const modified = article.updatedAt ? formatIsoWithOffset(article.updatedAt, site.timeZone) : published;
  const people = article.authors.map((author) => ({
    '@type': 'Person',
    name: author.name,
    ...(author.url ? { url: toAbsoluteUrl(site.url, author.url) } : {}),
  }));
  const agencies = article.credits.map((credit) => ({ '@type': 'Organization', name: credit }));
  const jsonLd: JsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    ...(article.kicker ? { alternativeHeadline: article.kicker } : {}),
    description: article.teaser,
    ...(imageUrl ? { image: [imageUrl] } : {}),
    ...(published ? { datePublished: published } : {}),
    ...(modified ? { dateModified: modified } : {}),
    author: people.length ? people : agencies.length ? agencies : [getPublisher(newsroom)],
    ...(people.length && agencies.length ? { sourceOrganization: agencies } : {}),
    publisher: getPublisher(newsroom),
    articleSection: article.section.name,
    keywords: article.topics.map((topic) => topic.name),
    inLanguage: article.lang,
    isAccessibleForFree: true,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    ...(article.correction
      ? {
          correction: {
            '@type': 'CorrectionComment',
            text: article.correction,
            ...(modified ? { datePublished: modified } : {}),
          },
        }
      : {}),
  };
  const meta: MetaTag[] = [
    { property: 'og:type', content: 'article' },
    { property: 'og:title', content: article.kicker ? `${article.kicker}: ${article.headline}` : article.headline },
    { property: 'og:description', content: article.teaser },
    { property: 'og:url', content: url },
    { property: 'og:site_name', content: site.title },
    { property: 'og:locale', content: site.locale.replace('-', '_') },
    ...(published ? [{ property: 'article:published_time', content: published }] : []),
    ...(modified ? [{ property: 'article:modified_time', content: modified }] : []),
    ...article.authors.map((author) => ({
      property: 'article:author',
      content: author.url ? toAbsoluteUrl(site.url, author.url) : author.name,
    })),
    { property: 'article:section', content: article.section.name },
    ...article.topics.map((topic) => ({ property: 'article:tag', content: topic.name })),
    ...(imageUrl ? [{ property: 'og:image', content: imageUrl }] : []),
    ...(imageUrl && article.image ? [{ property: 'og:image:alt', content: article.image.alt }] : []),
    { name: 'twitter:card', content: imageUrl ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: article.headline },
    { name: 'twitter:description', content: article.teaser },
    ...(imageUrl ? [{ name: 'twitter:image', content: imageUrl }] : []),
  ];
  return { jsonLd: [jsonLd], meta };
}

/** A list page (section, topic, archive): `CollectionPage`, with social cards. */
export function buildCollectionSeo(
  newsroom: Newsroom,
  name: string,
  description: string | undefined,
  path: string,
): PageSeo {
  const { site } = newsroom;
  const url = toAbsoluteUrl(site.url, path);
  return {
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': 'CollectionPage',
        name,
        ...(description ? { description } : {}),
        url,
        isPartOf: { '@type': 'WebSite', name: site.title, url: toAbsoluteUrl(site.url, '/') },
      },
    ],
    meta: getWebsiteMeta(newsroom, name, description, url),
  };
}

/** An author page: `ProfilePage` about a `Person`. */
export function buildProfileSeo(newsroom: Newsroom, author: Author, path: string): PageSeo {
  const { site } = newsroom;
  const url = toAbsoluteUrl(site.url, path);
  return {
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': 'ProfilePage',
        url,
        mainEntity: {
          '@type': 'Person',
          name: author.name,
          url: toAbsoluteUrl(site.url, author.url),
          ...(author.role ? { jobTitle: author.role } : {}),
          ...(author.bio ? { description: author.bio } : {}),
          worksFor: getPublisher(newsroom),
          ...(author.links.length ? { sameAs: author.links.map((link) => link.url) } : {}),
        },
      },
    ],
    meta: getWebsiteMeta(newsroom, author.name, author.bio, url),
  };
}

export function getWebsiteMeta(
  newsroom: Newsroom,
  title: string,
  description: string | undefined,
  url: string,
): MetaTag[] {
  const { site } = newsroom;
  return [
    { property: 'og:type', content: 'website' },
    { property: 'og:title', content: title },
    ...(description ? [{ property: 'og:description', content: description }] : []),
    { property: 'og:url', content: url },
    { property: 'og:site_name', content: site.title },
    { property: 'og:locale', content: site.locale.replace('-', '_') },
    { name: 'twitter:card', content: 'summary' },
  ];
}
