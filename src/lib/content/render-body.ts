/**
 * Renders an article's or a page's body to HTML (and an article's for the text edition), once per
 * changed file. What an article takes
 * from its rendered body — a dateline the body opens with — is returned beside the HTML, with the
 * warning when the front matter names another, so every page that shows the article shows the
 * same fields. Synchronous: the newsroom store renders while it reads, and re-renders a body whose
 * stored copy is damaged at the moment a page asks for it.
 */
import { formatDateline } from '../text/dateline.ts';
import { convertBodyMarkdown, type TextEditionBody } from '../text/text-edition.ts';
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

/**
 * An article's body for the text edition — its paragraphs as plain text with numbered link
 * markers, and the links — when that does not depend on the article's URL, which it does only
 * through relative links; otherwise `undefined`, and the text page converts the Markdown itself.
 */
export function renderArticleText(article: Pick<ArticleRecord, 'body'>): TextEditionBody | undefined {
  // Without an inline link or a link definition there is nothing a base URL could resolve.
  if (!/\]\(|\]:/.test(article.body)) return convertBodyMarkdown(article.body);
  const one = convertBodyMarkdown(article.body, 'https://one.invalid/a/b/');
  const other = convertBodyMarkdown(article.body, 'http://other.invalid/c/');
  return JSON.stringify(one) === JSON.stringify(other) ? one : undefined;
}

export function renderPage(page: Pick<PageRecord, 'body'>): string {
  return renderPageBodySync(page.body);
}
