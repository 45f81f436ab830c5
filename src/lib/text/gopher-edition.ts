/**
 * Format A: the paper's gopher text edition as a gopher proxy renders it, every line framed
 * `| … | |`:
 *
 *   | # taz.de -- Kicker: Headline | |
 *   | > teaser line | |
 *   | Bild: caption | |
 *   | BERLIN taz | body wrapped at about 75 columns, no blank lines … | |
 *   | 4 Mar 2014 | |
 *   | ## AUTOREN | |  | ## ARTIKEL ZUM THEMA | |  | ## LINKS | |
 */
import { parseDateline } from './dateline.ts';
import { readBylineLine, splitGluedByline } from './byline.ts';
import { addCredits, takeClosingCredits } from './closing-credits.ts';
import { readsAsHeadline, splitKickerHeadline } from './kicker-headline.ts';
import { endsSentence, joinWrapped, reflowParagraphs } from './reflow.ts';
import { emptyTextArticle, type RelatedHeadline, type TextArticle, type TextParseOptions } from './text-article.ts';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DATE_LINE = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/;
const SECTION_HEADING = /^## (.+)$/;
const LINK_MARKER = /\[(\d+)\]\[([^\]]*)\]/g;
const LINK_ENTRY = /^\[(\d+)\]\s+(\S+)/;

/** Whether a text looks like a framed gopher dump: most non-empty lines end in "| |". */
export function isGopherEdition(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim());
  if (lines.length === 0) return false;
  const framed = lines.filter((line) => /\|\s*\|\s*$/.test(line)).length;
  return framed / lines.length >= 0.5 || /^\|?\s*# .+ -- /.test(lines[0] ?? '');
}

/** Strips the `| … | |` frame; lines of a truncated dump may have half a frame or none. */
export function unframe(line: string): string {
  return line
    .replace(/\s*\|\s*\|\s*$/, '')
    .replace(/^\|\s?/, '')
    .replace(/^\|$/, '')
    .trimEnd();
}

function parseDate(text: string): string | undefined {
  const match = DATE_LINE.exec(text.trim());
  if (!match) return undefined;
  const month = MONTHS[match[2]!.toLowerCase()];
  if (!month) return undefined;
  return `${match[3]}-${String(month).padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
}

/** Escapes Markdown syntax that plain text may contain by accident (`*`, `_`, a leading `#`). */
export function escapeMarkdown(text: string, atParagraphStart = true): string {
  const inline = text.replace(/([\\`*_[\]<>])/g, '\\$1');
  // A list or heading marker only means something at the start of a paragraph.
  return atParagraphStart ? inline.replace(/^(\d+)\. /, '$1\\. ').replace(/^([#>+-]) /, '\\$1 ') : inline;
}

/** Replaces `[n][text]` markers with Markdown links from the LINKS list, or plain text without. */
function resolveLinks(paragraph: string, links: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of paragraph.matchAll(LINK_MARKER)) {
    parts.push(escapeMarkdown(paragraph.slice(last, match.index), last === 0));
    const url = links.get(match[1]!);
    const text = escapeMarkdown(match[2]!);
    parts.push(url && /^https?:\/\/[^\s<>()]+$/.test(url) ? `[${text}](${url})` : text);
    last = match.index + match[0].length;
  }
  parts.push(escapeMarkdown(paragraph.slice(last), last === 0));
  return parts.join('');
}

function parseRelated(lines: ReadonlyArray<{ text: string }>): RelatedHeadline[] {
  const related: RelatedHeadline[] = [];
  let current: RelatedHeadline | undefined;
  for (const { text } of lines) {
    if (!text.trim()) {
      // A blank line ends an entry, so an entry without a teaser cannot swallow the next one.
      current = undefined;
      continue;
    }
    if (!current || (current.teaser !== undefined && endsSentence(current.teaser))) {
      const title = splitKickerHeadline(text);
      current = title.headline
        ? { kicker: title.kicker, headline: title.headline }
        : { headline: title.kicker ?? text };
      related.push(current);
    } else {
      current.teaser = current.teaser === undefined ? text.trim() : joinWrapped(current.teaser, text);
    }
  }
  return related;
}

export function parseGopherEdition(text: string, firstLine = 1, options: TextParseOptions = {}): TextArticle {
  const article = emptyTextArticle();
  const lines = text.split(/\r?\n/).map((raw, index) => ({ text: unframe(raw), line: firstLine + index }));
  while (lines.length && !lines.at(-1)!.text.trim()) lines.pop();

  let index = 0;
  const skipBlank = (): void => {
    while (index < lines.length && !lines[index]!.text.trim()) index++;
  };
  skipBlank();

  const title = lines[index];
  const titleMatch = title ? /^#\s+(?:(.+?)\s+--\s+)?(.+)$/.exec(title.text.trim()) : null;
  if (title && titleMatch) {
    const split = splitKickerHeadline(titleMatch[2]!);
    article.kicker = split.kicker;
    article.headline = split.headline;
    article.lines.headline = title.line;
    if (split.truncated) article.truncated = true;
    if (split.truncated)
      article.warnings.push({
        line: title.line,
        message: 'the title was cut short in the source ("…"); kicker and headline may be incomplete',
      });
    index++;
  }

  const teaser: string[] = [];
  while (index < lines.length && /^>\s?/.test(lines[index]!.text)) {
    article.lines.teaser ??= lines[index]!.line;
    teaser.push(lines[index]!.text.replace(/^>\s?/, ''));
    index++;
  }
  if (teaser.length) article.teaser = teaser.reduce((joined, line) => joinWrapped(joined, line));
  const gluedByline = article.teaser ? splitGluedByline(article.teaser) : null;
  if (gluedByline) article.teaser = gluedByline.teaser;

  if (index < lines.length && /^Bild:\s?/.test(lines[index]!.text)) {
    const caption = lines[index]!.text.replace(/^Bild:\s?/, '').trim();
    const credit = /\s*(?:Foto|Bild|Illustration|Grafik):\s*([^:]+)$/.exec(caption);
    article.imageCaption = credit ? caption.slice(0, credit.index).trim() : caption;
    if (credit) article.imageCredit = `${credit[0].trim()}`;
    index++;
  }

  // A byline on its own line opens the body ("von Anna Berg"); the wrapping would join it to the text.
  const bylineNames: string[] = [...(gluedByline?.names ?? [])];
  while (index < lines.length && !endsSentence(lines[index]!.text)) {
    const byline = readBylineLine(lines[index]!.text);
    if (!byline || !('names' in byline)) break;
    bylineNames.push(...byline.names);
    index++;
  }

  // Body until the date line or the first "## " section.
  const body: Array<{ text: string; line: number }> = [];
  while (index < lines.length && !SECTION_HEADING.test(lines[index]!.text) && !parseDate(lines[index]!.text)) {
    body.push(lines[index]!);
    index++;
  }
  if (index < lines.length && parseDate(lines[index]!.text)) {
    article.date = parseDate(lines[index]!.text);
    article.lines.date = lines[index]!.line;
    index++;
  }

  const sections = new Map<string, Array<{ text: string; line: number }>>();
  let currentSection: Array<{ text: string; line: number }> | undefined;
  for (; index < lines.length; index++) {
    const heading = SECTION_HEADING.exec(lines[index]!.text.trim());
    if (heading) {
      currentSection = [];
      sections.set(heading[1]!.trim().toUpperCase(), currentSection);
      if (heading[1]!.trim().toUpperCase() === 'AUTOREN') article.lines.authors = lines[index]!.line;
      if (heading[1]!.trim().toUpperCase() === 'ARTIKEL ZUM THEMA') article.lines.related = lines[index]!.line;
    } else if (!currentSection && parseDate(lines[index]!.text)) {
      article.date ??= parseDate(lines[index]!.text);
      article.lines.date ??= lines[index]!.line;
    } else {
      currentSection?.push(lines[index]!);
    }
  }

  const links = new Map<string, string>();
  for (const { text: entry } of sections.get('LINKS') ?? []) {
    const match = LINK_ENTRY.exec(entry.trim());
    if (match) links.set(match[1]!, match[2]!);
  }
  article.authors = (sections.get('AUTOREN') ?? []).map((line) => line.text.trim()).filter(Boolean);
  for (const name of bylineNames) {
    if (!article.authors.some((author) => author.toLowerCase() === name.toLowerCase())) article.authors.push(name);
  }
  article.related = parseRelated(sections.get('ARTIKEL ZUM THEMA') ?? []);

  const paragraphs = reflowParagraphs(body.map((line) => line.text));
  if (body.length) article.lines.body = body[0]!.line;
  if (article.headline === undefined) {
    // A kicker-only title ("Liebeserklärung:"): a short question or exclamation opening the body is the headline.
    if (paragraphs[0] && readsAsHeadline(paragraphs[0]) && !parseDateline(paragraphs[0])) {
      article.headline = paragraphs.shift();
    } else if (title) {
      article.warnings.push({
        line: title.line,
        message: `the title "${title.text.trim()}" is only a kicker, and no short line under it reads as a headline; the article has no headline of its own, so its kicker is shown as the headline`,
      });
    }
  }
  const opening = paragraphs[0] ? parseDateline(paragraphs[0]) : null;
  if (opening && paragraphs[0]) {
    article.dateline = opening.place || undefined;
    addCredits(article, opening.credits);
    paragraphs[0] = paragraphs[0].slice(opening.length);
  }
  article.paragraphs = paragraphs.filter((paragraph) => paragraph.trim());
  if (options.closingCredits !== false) takeClosingCredits(article);
  article.paragraphs = article.paragraphs.map((paragraph) => resolveLinks(paragraph, links));

  const lastBody = body.at(-1);
  if (lastBody && !article.date && !sections.size && !endsSentence(lastBody.text)) {
    article.truncated = true;
    article.warnings.push({ line: lastBody.line, message: 'the text ends mid-sentence; the dump looks truncated' });
  }
  return article;
}
