/**
 * Plain-text articles (`.txt`): the paper's gopher text edition (format A) or the text of an
 * article's web page (format B), told apart by their framing. An optional front-matter block at
 * the top supplies or overrides any field; a numeric file name (`5130574.txt`) gives the id.
 */
import { hashBytes } from '../../hash.ts';
import path from 'node:path';
import { parseGopherEdition, isGopherEdition } from '../../text/gopher-edition.ts';
import type { TextArticle } from '../../text/text-article.ts';
import { parseWebPageText } from '../../text/web-page-text.ts';
import { readFrontMatter } from '../front-matter.ts';
import type { ContentProblem } from '../problems.ts';
import type { ArticleFormat, FormatResult, RecognisedPart } from './index.ts';

/** A stable id for a text without one: a number from the file's path, above the range papers use. */
export function deriveId(file: string): number {
  const digest = hashBytes(file.split(path.sep).join('/'), 8);
  return 900_000_000 + (Number.parseInt(digest, 16) % 99_999_999);
}

/** A teaser for an article whose text has none: its first sentences, up to about 200 characters. */
export function deriveTeaser(paragraph: string): string {
  const plain = paragraph.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\\(.)/g, '$1');
  const sentences = plain.match(/[^.!?…]+[.!?…]+["“”»]?\s*/gu) ?? [plain];
  let teaser = '';
  for (const sentence of sentences) {
    if (teaser && teaser.length + sentence.length > 200) break;
    teaser += sentence;
  }
  teaser = teaser.trim() || plain.trim();
  return teaser.length > 220 ? `${teaser.slice(0, 200).replace(/\s+\S*$/, '')} …` : teaser;
}

/** Turns what a parser read into front-matter fields. */
export function toArticleFields(article: TextArticle): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  // An article whose title is only a kicker ("rubrik der woche:") has no headline of its own; its
  // kicker is shown large in the headline's place rather than above an empty one.
  const headline = article.headline ?? article.kicker;
  if (article.kicker && article.headline) fields['kicker'] = article.kicker;
  if (headline) fields['headline'] = headline;
  const teaser = article.teaser ?? (article.paragraphs[0] ? deriveTeaser(article.paragraphs[0]) : undefined);
  if (teaser) fields['teaser'] = teaser;
  if (article.date) fields['date'] = article.date;
  if (article.dateline) fields['dateline'] = article.dateline;
  if (article.credits.length) fields['credits'] = article.credits;
  if (article.authors.length) fields['authors'] = article.authors.map((name) => ({ name }));
  if (article.related.length) fields['related'] = article.related.map((item) => Object.fromEntries(Object.entries(item).filter(([, value]) => value)));
  if (article.imageCaption || article.imageCredit) {
    fields['image'] = Object.fromEntries(Object.entries({ caption: article.imageCaption, credit: article.imageCredit }).filter(([, value]) => value));
  }
  return fields;
}

/** What reading a text found, for the import's report: "dateline Berlin", "byline Anna Berg" … */
function describeRecognised(article: TextArticle): RecognisedPart[] {
  const parts: RecognisedPart[] = [];
  if (article.dateline) parts.push({ label: `dateline ${article.dateline}` });
  if (article.credits.length) parts.push({ label: `credits ${article.credits.join('/')}` });
  if (article.authors.length) parts.push({ label: `byline ${article.authors.join(', ')}` });
  if (article.imageCaption || article.imageCredit) parts.push({ label: 'picture caption' });
  return parts;
}

const FIELD_LINES: Record<string, keyof TextArticle['lines']> = {
  kicker: 'headline',
  headline: 'headline',
  teaser: 'teaser',
  date: 'date',
  authors: 'authors',
  related: 'related',
  dateline: 'body',
  credits: 'body',
};

export const plainTextFormat: ArticleFormat = {
  name: 'plain text',
  extensions: ['.txt'],
  legacyEncodings: true,
  read(text, file): FormatResult {
    const problems: ContentProblem[] = [];
    const hasFrontMatter = /^---\r?\n/.test(text);
    const front = hasFrontMatter ? readFrontMatter(text, file) : undefined;
    if (front?.problems.length) return { data: {}, body: '', bodyLine: 1, locate: front.locate, problems: front.problems };
    const source = front ? front.body : text;
    const firstLine = front ? front.bodyLine : 1;

    const gopher = isGopherEdition(source);
    const article = gopher ? parseGopherEdition(source, firstLine) : parseWebPageText(source, firstLine);
    const recognised: RecognisedPart[] = describeRecognised(article);
    for (const note of article.warnings) {
      const problem: ContentProblem = { severity: 'warning', file, line: note.line, message: note.message };
      problems.push(problem);
      if (note.recognised) recognised.push({ label: note.recognised, problem });
    }
    if (!article.teaser && article.paragraphs[0] && !front?.data['teaser']) {
      problems.push({ severity: 'warning', file, line: article.lines.body, field: 'teaser', message: 'expected a teaser, found none; the first sentences of the body stand in for it' });
    }

    const data: Record<string, unknown> = toArticleFields(article);
    const stem = path.basename(file).replace(/\.[^.]+$/, '');
    if (/^\d+$/.test(stem)) data['id'] = Number(stem);
    Object.assign(data, front?.data ?? {});
    if (data['id'] === undefined) {
      data['id'] = deriveId(file);
      problems.push({
        severity: 'warning',
        file,
        field: 'id',
        message: `expected an id (a numeric file name like 5130574.txt, or "id:" in front matter), found none; using ${String(data['id'])}, derived from the file's path, which changes if the file moves`,
      });
    }

    return {
      data,
      body: article.paragraphs.join('\n\n'),
      bodyLine: article.lines.body ?? firstLine,
      locate: (fieldPath) => {
        const [field] = fieldPath;
        if (front && typeof field === 'string' && field in front.data) return front.locate(fieldPath);
        const key = typeof field === 'string' ? FIELD_LINES[field] : undefined;
        return (key && article.lines[key]) ?? article.lines.headline ?? firstLine;
      },
      problems,
      recognised,
    };
  },
};
