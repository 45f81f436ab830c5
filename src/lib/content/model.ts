/** The plain, typed newsroom that pages render: references resolved, dates as instants, URLs built. */
import type { CalendarDay } from './dates.ts';
import type { Dictionary, Language, RouteWords } from '../site/i18n.ts';
import type { Urls } from '../site/urls.ts';
import type { RelatedHeadline } from '../../schemas/article.ts';
import type { PictureFacts } from '../../schemas/fields.ts';
import type { SiteData } from '../../schemas/site.ts';

export type { PictureFacts };

export interface Section {
  id: string;
  name: string;
  description?: string | undefined;
  url: string;
}

export interface Topic {
  id: string;
  name: string;
  description?: string | undefined;
  url: string;
}

export interface Author {
  id: string;
  name: string;
  role?: string | undefined;
  bio?: string | undefined;
  /** Portrait. */
  image?: PictureFacts | undefined;
  email?: string | undefined;
  links: Array<{ label: string; url: string }>;
  url: string;
}

export interface Page {
  id: string;
  /** Changes whenever anything stored for the page changes, its body included. */
  digest: string;
  title: string;
  description?: string | undefined;
  footer?: number | undefined;
  url: string;
}

/** A byline name without an author page, e.g. from an imported text the paper has no author for. */
export interface GuestAuthor {
  name: string;
  url?: undefined;
}

export interface ArticleImage {
  src: PictureFacts;
  alt: string;
  caption?: string | undefined;
  credit?: string | undefined;
}

export interface Article {
  id: number;
  /** Changes whenever anything stored for the article changes, its body included. */
  digest: string;
  slug: string;
  url: string;
  kicker?: string | undefined;
  headline: string;
  teaser: string;
  /** Missing for undated articles (imported texts without a date line). */
  publishedAt?: Date | undefined;
  /** Publication day in the paper's time zone; missing for undated articles. */
  day?: CalendarDay | undefined;
  updatedAt?: Date | undefined;
  correction?: string | undefined;
  section: Section;
  topics: Topic[];
  authors: Array<Author | GuestAuthor>;
  credits: string[];
  dateline?: string | undefined;
  image?: ArticleImage | undefined;
  relatedIds: number[];
  /** Old addresses that redirect here. */
  aliases: string[];
  /** Related articles named by headline that are not in this paper: shown as text, never as dead links. */
  relatedHeadlines: RelatedHeadline[];
  comments?: number | undefined;
  draft: boolean;
  /** Dated after the build time; only shown in preview. */
  embargoed: boolean;
  lang: string;
}

/** An article with a publication date: what the date archive and date URLs need. */
export type DatedArticle = Article & { publishedAt: Date; day: CalendarDay };

export function isDated(article: Article): article is DatedArticle {
  return article.publishedAt !== undefined && article.day !== undefined;
}

/** Publication time for sorting; undated articles sort after every dated one. */
export function getSortTime(article: Article): number {
  return article.publishedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
}

export interface NavigationItem {
  label: string;
  url: string;
}

export interface Newsroom {
  site: SiteData;
  language: Language;
  t: Dictionary;
  words: RouteWords;
  urls: Urls;
  sections: Section[];
  topics: Topic[];
  authors: Author[];
  pages: Page[];
  /** Visible articles, newest first; undated ones last. */
  articles: Article[];
  articleById: Map<number, Article>;
  /** Visible articles per section, topic and author id, newest first. */
  articlesBySection: Map<string, Article[]>;
  articlesByTopic: Map<string, Article[]>;
  articlesByAuthor: Map<string, Article[]>;
  navigation: NavigationItem[];
  footer: NavigationItem[];
}
