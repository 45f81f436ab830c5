/**
 * Interface text in German and English from one dictionary, and the URL words of each language.
 * The site's `locale` picks; anything not German is served in English.
 */
import { getDateTimeFormat } from '../content/dates.ts';

export type Language = 'de' | 'en';

const de = {
  skipToContent: 'Zum Inhalt springen',
  mainNavigation: 'Ressorts',
  footerNavigation: 'Über die Zeitung',
  breadcrumb: 'Brotkrumen',
  frontPage: 'Startseite',
  latest: 'Neueste Artikel',
  mostCommented: 'meistkommentiert',
  comments: (count: number) => (count === 1 ? '1 Kommentar' : `${count} Kommentare`),
  relatedArticles: 'Artikel zum Thema',
  by: 'Von',
  and: 'und',
  published: 'Veröffentlicht',
  updated: 'Aktualisiert',
  correction: 'Korrektur',
  topics: 'Themen',
  section: 'Ressort',
  topic: 'Thema',
  author: 'Autor:in',
  articlesBy: (name: string) => `Artikel von ${name}`,
  moreFrom: (name: string) => `Mehr aus ${name}`,
  allArticles: 'Alle Artikel',
  archive: 'Archiv',
  archiveOf: (label: string) => `Archiv: ${label}`,
  dayEdition: (label: string) => `Ausgabe vom ${label}`,
  articleCount: (count: number) => (count === 1 ? '1 Artikel' : `${count} Artikel`),
  pagination: 'Seiten',
  previousPage: 'Vorherige Seite',
  nextPage: 'Nächste Seite',
  pageOf: (page: number, total: number) => `Seite ${page} von ${total}`,
  notFoundTitle: 'Seite nicht gefunden',
  notFoundText:
    'Diese Seite gibt es nicht oder nicht mehr. Vielleicht finden Sie, was Sie suchen, auf der Startseite oder im Archiv.',
  draft: 'Entwurf – nicht veröffentlicht',
  embargo: 'Sperrfrist – erscheint später',
  imageCredit: 'Bild',
  undated: 'ohne Datum',
  timeSuffix: ' Uhr',
  noArticles: 'Hier sind noch keine Artikel erschienen.',
  search: 'Suche',
  searchLabel: 'Suchbegriff',
  searchButton: 'Suchen',
  searchSection: 'Ressort',
  searchYear: 'Jahr',
  searchAll: 'alle',
  searchNoResults: 'Keine Artikel gefunden.',
  searchResults: (count: number) => (count === 1 ? '1 Artikel gefunden' : `${count} Artikel gefunden`),
  searchMore: 'Weitere Artikel',
  searchNeedsScript: 'Die Suche braucht JavaScript. Ohne JavaScript finden Sie alle Artikel im Archiv.',
  fullVersion: 'Vollständige Fassung',
};

export type Dictionary = typeof de;

const en: Dictionary = {
  skipToContent: 'Skip to content',
  mainNavigation: 'Sections',
  footerNavigation: 'About the paper',
  breadcrumb: 'Breadcrumb',
  frontPage: 'Front page',
  latest: 'Latest articles',
  mostCommented: 'Most commented',
  comments: (count) => (count === 1 ? '1 comment' : `${count} comments`),
  relatedArticles: 'Related articles',
  by: 'By',
  and: 'and',
  published: 'Published',
  updated: 'Updated',
  correction: 'Correction',
  topics: 'Topics',
  section: 'Section',
  topic: 'Topic',
  author: 'Author',
  articlesBy: (name) => `Articles by ${name}`,
  moreFrom: (name) => `More from ${name}`,
  allArticles: 'All articles',
  archive: 'Archive',
  archiveOf: (label) => `Archive: ${label}`,
  dayEdition: (label) => `Edition of ${label}`,
  articleCount: (count) => (count === 1 ? '1 article' : `${count} articles`),
  pagination: 'Pages',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pageOf: (page, total) => `Page ${page} of ${total}`,
  notFoundTitle: 'Page not found',
  notFoundText:
    'This page does not exist or no longer exists. The front page or the archive may have what you are looking for.',
  draft: 'Draft – not published',
  embargo: 'Embargoed – appears later',
  imageCredit: 'Image',
  undated: 'undated',
  timeSuffix: '',
  noArticles: 'No articles have appeared here yet.',
  search: 'Search',
  searchLabel: 'Search term',
  searchButton: 'Search',
  searchSection: 'Section',
  searchYear: 'Year',
  searchAll: 'all',
  searchNoResults: 'No articles found.',
  searchResults: (count) => (count === 1 ? '1 article found' : `${count} articles found`),
  searchMore: 'More articles',
  searchNeedsScript: 'Search needs JavaScript. Without it, the archive lists every article.',
  fullVersion: 'Full version',
};

const dictionaries: Record<Language, Dictionary> = { de, en };

/** Words in URLs that are not names from content: `/thema/klimakrise/`, `/autor/jbeispiel/`. */
export interface RouteWords {
  /** Prefix of undated articles' URLs: `/artikel/<slug>/`. */
  article: string;
  topic: string;
  author: string;
  archive: string;
  search: string;
}

const routeWords: Record<Language, RouteWords> = {
  de: { article: 'artikel', topic: 'thema', author: 'autor', archive: 'archiv', search: 'suche' },
  en: { article: 'article', topic: 'topic', author: 'author', archive: 'archive', search: 'search' },
};

export function getLanguage(locale: string): Language {
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function getDictionary(locale: string): Dictionary {
  return dictionaries[getLanguage(locale)];
}

export function getRouteWords(locale: string): RouteWords {
  return routeWords[getLanguage(locale)];
}

/** "13.12.2010, 18:45 Uhr" in German, "13 December 2010, 18:45" in English (en-GB) style. */
export function formatPublicationTime(date: Date, locale: string, timeZone: string): string {
  const day = getDateTimeFormat(locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(getLanguage(locale) === 'en' ? { month: 'long', day: 'numeric' } : {}),
  }).format(date);
  const time = getDateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${day}, ${time}${getDictionary(locale).timeSuffix}`;
}

/** "13.12.2010" or "13 December 2010". */
export function formatDay(date: Date, locale: string, timeZone: string): string {
  const english = getLanguage(locale) === 'en';
  return getDateTimeFormat(locale, {
    timeZone,
    day: english ? 'numeric' : '2-digit',
    month: english ? 'long' : '2-digit',
    year: 'numeric',
  }).format(date);
}

/** "Montag, 13. Dezember 2010": the day page's heading, like a paper's masthead date. */
export function formatLongDay(date: Date, locale: string, timeZone: string): string {
  return getDateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** "Dezember 2010". */
export function formatMonth(year: number, month: number, locale: string): string {
  return getDateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
}
