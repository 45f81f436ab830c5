/**
 * Plain-text indexes of the text edition (front page, sections, a day's paper): a menu of
 * headlines with the address of each article's text, like the paper's gopher edition.
 */
import type { Article } from '../content/model.ts';
import { toAbsoluteUrl } from './urls.ts';

export interface TextIndexGroup {
  heading?: string | undefined;
  articles: readonly Article[];
}

/** `/2010/12/13/amazon/` → `/text/2010/12/13/amazon.txt`. */
export function getTextUrl(articleUrl: string): string {
  return `/text${articleUrl.replace(/\/$/, '')}.txt`;
}

/** `/2010/12/13/amazon/` → `/text/2010/12/13/amazon/`: the minimal HTML page. */
export function getLiteUrl(articleUrl: string): string {
  return `/text${articleUrl}`;
}

export function formatTextIndex(
  siteTitle: string,
  title: string,
  groups: readonly TextIndexGroup[],
  siteUrl: string,
): string {
  const lines = [`# ${siteTitle} -- ${title}`, ''];
  for (const group of groups) {
    if (!group.articles.length) continue;
    if (group.heading) lines.push(`## ${group.heading.toUpperCase()}`);
    for (const article of group.articles) {
      lines.push(article.kicker ? `${article.kicker}: ${article.headline}` : article.headline);
      lines.push(`  ${toAbsoluteUrl(siteUrl, getTextUrl(article.url))}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Body HTML without pictures, for the minimal edition: sanitised HTML, so a tag is a whole `<img …>`. */
export function stripImages(html: string): string {
  return html.replace(/<img\b[^>]*>/gi, '');
}
