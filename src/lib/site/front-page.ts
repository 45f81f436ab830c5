/** The front page: a lead story, the latest news, each section's newest pieces, the most-commented box. */
import { isDated, type Article, type Newsroom, type Section } from '../content/model.ts';
import { selectMostCommented } from './most-commented.ts';

export interface FrontPage {
  lead?: Article | undefined;
  /** Next stories after the lead, across sections. */
  latest: Article[];
  sections: Array<{ section: Section; articles: Article[] }>;
  mostCommented: Article[];
}

export interface FrontPageOptions {
  /** How many hours before the newest article a lead with a picture may have appeared. */
  leadWindowHours: number;
  latestCount: number;
  perSection: number;
}

const DEFAULTS: FrontPageOptions = { leadWindowHours: 36, latestCount: 6, perSection: 4 };

export function buildFrontPage(newsroom: Newsroom, options: Partial<FrontPageOptions> = {}): FrontPage {
  const settings = { ...DEFAULTS, ...options };
  const { articles } = newsroom;
  // A lead story wants a picture, but must be news: the newest with a picture from the latest
  // hours, else simply the newest.
  const newest = articles.find(isDated);
  const window = settings.leadWindowHours * 3600_000;
  const recent = newest
    ? articles.filter(
        (article) => isDated(article) && newest.publishedAt.getTime() - article.publishedAt.getTime() <= window,
      )
    : [];
  const lead = recent.find((article) => article.image) ?? articles[0];
  const shown = new Set<number>(lead ? [lead.id] : []);
  const latest = articles.filter((article) => !shown.has(article.id)).slice(0, settings.latestCount);
  for (const article of latest) shown.add(article.id);
  const sections = newsroom.sections
    .map((section) => ({
      section,
      articles: (newsroom.articlesBySection.get(section.id) ?? [])
        .filter((article) => !shown.has(article.id))
        .slice(0, settings.perSection),
    }))
    .filter((block) => block.articles.length > 0);
  const mostCommented = newest
    ? selectMostCommented(articles, { ...newsroom.site.mostCommented, until: newest.publishedAt })
    : [];
  return { lead, latest, sections, mostCommented };
}
