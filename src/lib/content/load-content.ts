/**
 * The publishing engine's one way into the content: the records read and checked, each article's
 * and page's body rendered to HTML, and the input `createNewsroom` takes. What an article takes
 * from its rendered body (a dateline the body opens with) is applied to its fields here, so every
 * page that shows the article shows the same fields.
 */
import { formatDateline } from '../text/dateline.ts';
import type { NewsroomInput } from './create-newsroom.ts';
import { renderArticleBody, renderPageBody } from './markdown.ts';
import type { ContentProblem } from './problems.ts';
import { readNewsroom, withPictureFacts, type ArticleRecord, type NewsroomRecords } from './read-newsroom.ts';

export interface LoadContentOptions {
  /** Project root; file names in messages are relative to it. */
  root: string;
  /** The content folder, absolute or relative to `root`. */
  contentDir: string;
  /** The build time, for embargo notices. */
  now: Date;
}

/** Rendered bodies by collection and id: what a page prints between its header and footer. */
export interface ContentBodies {
  articles: Map<string, string>;
  pages: Map<string, string>;
  /** The Markdown as written, for the plain-text edition. */
  articleMarkdown: Map<string, string>;
}

export interface LoadedContent {
  /** Present when there are no errors. */
  records?: NewsroomRecords | undefined;
  input?: NewsroomInput | undefined;
  bodies?: ContentBodies | undefined;
  /** Errors and warnings, all of them. */
  problems: ContentProblem[];
}

interface ArticleBody {
  html: string;
  dateline: string | undefined;
  credits: string[];
}

/** Renders an article's body; a body that opens with its own dateline overrides the fields. */
async function renderArticle(article: ArticleRecord, problems: ContentProblem[]): Promise<ArticleBody> {
  const { dateline, credits } = article.data;
  const body = await renderArticleBody(article.body, { dateline, credits });
  const found = body.dateline;
  if (
    found &&
    (dateline || credits.length) &&
    formatDateline(dateline, credits) !== formatDateline(found.place, found.credits)
  ) {
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
  };
}

export async function loadContent(options: LoadContentOptions): Promise<LoadedContent> {
  const { records, problems } = await readNewsroom(options);
  if (!records) return { problems };
  const bodies: ContentBodies = { articles: new Map(), pages: new Map(), articleMarkdown: new Map() };
  const pictures = withPictureFacts(records);
  const articles: NewsroomInput['articles'] = [];
  for (const article of records.articles) {
    const body = await renderArticle(article, problems);
    bodies.articles.set(article.id, body.html);
    bodies.articleMarkdown.set(article.id, article.body);
    articles.push({
      slug: article.slug,
      digest: article.digest,
      data: {
        ...article.data,
        image: pictures.articleImage(article),
        dateline: body.dateline,
        credits: body.credits,
        authors: article.bylines,
        related: article.relatedResolved,
      },
    });
  }
  for (const page of records.pages) bodies.pages.set(page.id, await renderPageBody(page.body));
  const input: NewsroomInput = {
    site: records.site.data,
    sections: records.sections.map((section, order) => ({ ...section.data, order })),
    topics: records.topics.map((topic) => topic.data),
    authors: pictures.authors,
    pages: records.pages.map(({ id, data, digest }) => ({ id, data, digest })),
    articles,
  };
  return { records, input, bodies, problems };
}
