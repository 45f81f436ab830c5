/**
 * Renders article and page bodies to HTML. Raw HTML in Markdown passes through an allow-list:
 * GitHub's, as rehype-sanitize ships it, plus `abbr` and `mark`, which newsrooms use for agency
 * names and highlights, and without `input`. Formatting survives; scripts, styles, iframes, event handlers and
 * `javascript:` links do not.
 */
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import remarkDateline, { type RemarkDatelineOptions } from '../../remark/remark-dateline.ts';
import type { Dateline } from '../text/dateline.ts';

// The dateline's own markup is added before sanitizing, so its classes must be allowed.
const schema: SanitizeSchema = {
  ...defaultSchema,
  // No form controls in articles: GitHub keeps <input> for task lists, a newspaper has none.
  tagNames: [...(defaultSchema.tagNames ?? []).filter((tag) => tag !== 'input'), 'abbr', 'mark'],
  attributes: {
    ...defaultSchema.attributes,
    abbr: ['title'],
    span: [
      ...(defaultSchema.attributes?.['span'] ?? []),
      ['className', 'dateline', 'dateline-place', 'dateline-credits'],
    ],
  },
};

const articleProcessor = (options: RemarkDatelineOptions) =>
  unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkDateline, options)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize, schema)
    .use(rehypeStringify);

const pageProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, schema)
  .use(rehypeStringify)
  .freeze();

export interface RenderedBody {
  html: string;
  /** A dateline the body itself opened with. */
  dateline?: Omit<Dateline, 'length'> | undefined;
}

/** An article body: the dateline leads the first paragraph. Every plugin of the pipeline is synchronous. */
export function renderArticleBodySync(markdown: string, options: RemarkDatelineOptions): RenderedBody {
  const file = articleProcessor(options).processSync(markdown);
  return { html: String(file), dateline: file.data.dateline };
}

/** A static page body. */
export function renderPageBodySync(markdown: string): string {
  return String(pageProcessor.processSync(markdown));
}

/** `renderArticleBodySync`, for callers that await. */
export async function renderArticleBody(markdown: string, options: RemarkDatelineOptions): Promise<RenderedBody> {
  return renderArticleBodySync(markdown, options);
}

/** `renderPageBodySync`, for callers that await. */
export async function renderPageBody(markdown: string): Promise<string> {
  return renderPageBodySync(markdown);
}
