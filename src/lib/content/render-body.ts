/**
 * Renders an article's or a page's body to HTML, once per changed file. What an article takes
 * from its rendered body — a dateline the body opens with — is returned beside the HTML, with the
 * warning when the front matter names another, so every page that shows the article shows the
 * same fields. Synchronous: the newsroom store renders while it reads, and re-renders a body whose
 * stored copy is damaged at the moment a page asks for it.
 */
import { formatDateline } from '../text/dateline.ts';
import { renderArticleBodySync, renderPageBodySync } from './markdown.ts';
import type { ContentProblem } from './problems.ts';
import type { ArticleRecord, PageRecord } from './read-newsroom.ts';

export interface RenderedArticle {
  html: string;
  /** The dateline and credits the article is shown with: the body's own, if it opens with one. */
  dateline: string | undefined;
  credits: string[];
  problems: ContentProblem[];
}

export function renderArticle(article: Pick<ArticleRecord, 'data' | 'body' | 'file' | 'bodyLine'>): RenderedArticle {
  const { dateline, credits } = article.data;
  const body = renderArticleBodySync(article.body, { dateline, credits });
  const found = body.dateline;
  const problems: ContentProblem[] = [];
  if (found && (dateline || credits.length) && formatDateline(dateline, credits) !== formatDateline(found.place, found.credits)) {
    problems.push({
      severity: 'warning',
      file: article.file,
      line: article.bodyLine,
      field: 'dateline',
      message: `expected the dateline in one place, found "${formatDateline(dateline, credits).trim()}" in the front matter and "${formatDateline(found.place, found.credits).trim()}" opening the body; the body's is printed`,
    });
  }
  return {
    html: body.html,
    dateline: found ? found.place || undefined : dateline,
    credits: found ? found.credits : credits,
    problems,
  };
}

export function renderPage(page: Pick<PageRecord, 'body'>): string {
  return renderPageBodySync(page.body);
}
