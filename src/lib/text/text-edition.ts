/**
 * The paper's text edition of one article, as plain text: the layout of the gopher edition that
 * `parseGopherEdition` reads, without the `| … | |` frame a gopher proxy adds.
 *
 *   # Die Depesche -- Kicker: Headline
 *   > teaser, wrapped
 *   Bild: caption credit
 *
 *   BERLIN dpa | first paragraph, wrapped …
 *
 *   second paragraph …
 *
 *   13 Dec 2010
 *
 *   ## AUTOREN  /  ## ARTIKEL ZUM THEMA  /  ## LINKS
 *
 * Whatever this writes, the parser must read back as the same article, so every choice below is
 * made against that parser rather than against taste: teaser and caption follow the title with no
 * blank line (the parser looks for them on the very next lines), and a line break is moved
 * wherever the parser would misread it — a line ending a sentence where the next word would still
 * have fit (a paragraph break to the parser), "Hardware-" before "Fehler" (rejoined without a
 * space), a line that looks like a date or starts with "## " (the end of the body), a `|` at a
 * line's start or `| |` at its end (taken for the frame).
 */
import type { PhrasingContent, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { formatDateline, parseDateline } from './dateline.ts';
import type { CalendarDay } from '../content/dates.ts';
import type { Article } from '../content/model.ts';
import { endsSentence, estimateWrapWidth, joinWrapped } from './reflow.ts';
import { toAbsoluteUrl } from '../site/urls.ts';

export interface TextEditionInput {
  /** Name of the paper, printed before the title: "Die Depesche". */
  siteTitle: string;
  article: Article;
  /** The article body as Markdown, as the Markdown and plain-text loaders store it. */
  bodyMarkdown: string;
  /** Related articles, listed under "## ARTIKEL ZUM THEMA" in this order. */
  related: Array<{ kicker?: string | undefined; headline: string; teaser?: string | undefined }>;
  /** The published site's address, e.g. "https://depesche.example"; site-relative links resolve against it. */
  siteUrl: string;
}

/** The body turned into plain text, before wrapping. */
export interface TextEditionBody {
  /** One string per block, whitespace collapsed; links as `[n][text]` markers. */
  paragraphs: string[];
  /** Absolute URL of marker `n` at index `n - 1`, as listed under "## LINKS". */
  links: string[];
}

/** English month abbreviations: the gopher edition dates its articles "13 Dec 2010". */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A body line the parser would take for the date line, and so for the end of the body. */
const DATE_LINE = /^\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) \d{4}$/i;

/** A line the parser would take for a section heading ("## AUTOREN"), and so for the end of the text before it. */
const SECTION_LINE = /^## ./;

/** Link markers as the parser finds them: "[3][Bericht des Rechnungshofs]". */
const LINK_MARKER = /\[\d+\]\[[^\]]*\]/g;

/** Inline tags that separate words when dropped ("Zeile<br>Zeile" is two words). */
const SEPARATING_TAG = /^<\/?(?:br|p|div|li|ul|ol|tr|td|th|table|hr|h[1-6]|blockquote)\b/i;

/** Inline elements whose content is code, not text: dropped up to their closing tag. */
const RAW_TEXT_TAG = /^<(script|style)\b/i;

/** Spaces that must not break a line; a run of only these is kept, as one. */
const NO_BREAK_SPACES = /^[\u00a0\u2007\u202f]+$/u;

const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Collapses whitespace to single spaces, since the text is rewrapped anyway; a no-break space
 * stays, so "5 Prozent" still never ends up on two lines.
 */
function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/gu, (run) => (NO_BREAK_SPACES.test(run) ? run.charAt(0) : ' ')).trim();
}

/** "13 Dec 2010": the form of the parser's date line (no leading zero, English month). */
function formatDay(day: CalendarDay): string {
  return `${day.day} ${MONTHS[day.month - 1] ?? ''} ${day.year}`;
}

/**
 * An absolute http(s) URL for the LINKS list, or `undefined` for a link a text reader cannot
 * follow (`mailto:`, `javascript:`, an empty target). Parentheses are percent-encoded because the
 * parser refuses URLs that contain them.
 */
function resolveLinkUrl(url: string, base: string | undefined): string | undefined {
  if (!url.trim()) return undefined;
  let resolved: URL;
  try {
    resolved = new URL(url.trim(), base);
  } catch {
    return undefined;
  }
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return undefined;
  return resolved.href.replace(/[()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

interface BodyState {
  base: string | undefined;
  definitions: Map<string, string>;
  links: string[];
  numbers: Map<string, number>;
  paragraphs: string[];
}

/** Link reference definitions anywhere in the tree; the first one for a label wins, as in CommonMark. */
function collectDefinitions(nodes: readonly RootContent[], definitions: Map<string, string>): void {
  for (const node of nodes) {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
    if ('children' in node) collectDefinitions(node.children, definitions);
  }
}

/** Numbers a link by its first appearance; a URL linked twice keeps its number. */
function renderLink(children: readonly PhrasingContent[], url: string, state: BodyState): string {
  // A "]" in the text would end the marker early, so brackets become parentheses.
  const text = normalizeWhitespace(renderPhrasing(children, state)).replace(/\[/g, '(').replace(/\]/g, ')');
  if (!text) return '';
  const target = resolveLinkUrl(url, state.base);
  if (!target) return text;
  let number = state.numbers.get(target);
  if (number === undefined) {
    state.links.push(target);
    number = state.links.length;
    state.numbers.set(target, number);
  }
  return `[${number}][${text}]`;
}

/** Inline Markdown as the words a reader sees: emphasis unwrapped, images and raw HTML dropped. */
function renderPhrasing(nodes: readonly PhrasingContent[], state: BodyState): string {
  let text = '';
  let skipUntil: RegExp | undefined;
  for (const node of nodes) {
    if (skipUntil) {
      if (node.type === 'html' && skipUntil.test(node.value)) skipUntil = undefined;
      continue;
    }
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        text += node.value;
        break;
      case 'strong':
      case 'emphasis':
      case 'delete':
        text += renderPhrasing(node.children, state);
        break;
      case 'break':
        text += ' ';
        break;
      case 'link':
        text += renderLink(node.children, node.url, state);
        break;
      case 'linkReference': {
        const url = state.definitions.get(node.identifier);
        text += url === undefined ? renderPhrasing(node.children, state) : renderLink(node.children, url, state);
        break;
      }
      case 'footnoteReference':
        text += `[^${node.label ?? node.identifier}]`;
        break;
      case 'html': {
        const element = RAW_TEXT_TAG.exec(node.value);
        const closing = element ? new RegExp(`</${element[1]}\\s*>`, 'i') : undefined;
        if (closing && !closing.test(node.value)) skipUntil = closing;
        else if (SEPARATING_TAG.test(node.value)) text += ' ';
        break;
      }
      default:
        // Images have no text to show; their caption belongs to the "Bild:" line.
        break;
    }
  }
  return text;
}

function pushParagraph(state: BodyState, text: string): void {
  const paragraph = normalizeWhitespace(text);
  if (paragraph) state.paragraphs.push(paragraph);
}

/** Every block becomes a paragraph of its own: the text edition has nothing but paragraphs. */
function collectBlocks(nodes: readonly RootContent[], state: BodyState): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        pushParagraph(state, renderPhrasing(node.children, state));
        break;
      case 'blockquote':
      case 'list':
      case 'listItem':
        collectBlocks(node.children, state);
        break;
      case 'footnoteDefinition': {
        const first = state.paragraphs.length;
        collectBlocks(node.children, state);
        const label = `[^${node.label ?? node.identifier}]:`;
        if (state.paragraphs.length > first) state.paragraphs[first] = `${label} ${state.paragraphs[first] ?? ''}`;
        break;
      }
      case 'table':
        // " | " would make a first row like "CDU | 31 %" read as a dateline, so cells take " / ".
        for (const row of node.children) {
          const cells = row.children.map((cell) => normalizeWhitespace(renderPhrasing(cell.children, state)));
          pushParagraph(state, cells.filter(Boolean).join(' / '));
        }
        break;
      case 'code':
        pushParagraph(state, node.value);
        break;
      default:
        // Raw HTML, rules, definitions: nothing a reader of the text should see.
        break;
    }
  }
}

/**
 * Turns a Markdown body into plain-text paragraphs with numbered link markers. `baseUrl` is the
 * article's absolute URL, against which relative links ("/2010/12/13/…/") resolve.
 */
export function convertBodyMarkdown(markdown: string, baseUrl?: string): TextEditionBody {
  const tree = markdownParser.parse(markdown);
  const state: BodyState = { base: baseUrl, definitions: new Map(), links: [], numbers: new Map(), paragraphs: [] };
  collectDefinitions(tree.children, state.definitions);
  collectBlocks(tree.children, state);
  return { paragraphs: state.paragraphs, links: state.links };
}

/** The first word of a line as the parser counts it, split at any whitespace. */
function getFirstWord(text: string): string {
  return text.trimStart().split(/\s+/, 1)[0] ?? '';
}

/** Whether the parser would strip the end of this line as the frame's "| |". */
function endsLikeFrame(line: string): boolean {
  return /\|\s*\|$/.test(line);
}

/**
 * Whether breaking between `line` and a next line opening with `next` changes the text as the
 * parser rejoins it: a hyphen glued to the next word, or a leading "|" stripped as frame.
 */
function changesOnRejoin(line: string, next: string): boolean {
  return joinWrapped(line, next) !== `${line} ${next}` || next.startsWith('|');
}

/** Decides whether a line may end here; `next` is the token the following line opens with. */
type BreakCheck = (line: string, next: string | undefined) => boolean;

/**
 * Greedy wrapping, one difference: where the greedy break is one the parser would misread, the
 * line ends a token earlier (or, if no earlier break is safe, later), so the text reads back
 * unchanged. A token longer than `width` gets a line of its own; tokens are never split.
 */
function wrapTokens(tokens: readonly string[], width: number, isBadBreak: BreakCheck): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < tokens.length) {
    const lineUntil = (stop: number): string => tokens.slice(start, stop).join(' ');
    const badAt = (stop: number): boolean => isBadBreak(lineUntil(stop), tokens[stop]);
    let end = start + 1;
    let length = tokens[start]!.length;
    while (end < tokens.length && length + 1 + tokens[end]!.length <= width) {
      length += 1 + tokens[end]!.length;
      end++;
    }
    let stop = end;
    while (stop > start + 1 && badAt(stop)) stop--;
    if (badAt(stop)) {
      stop = end;
      while (stop < tokens.length && badAt(stop)) stop++;
    }
    lines.push(lineUntil(stop));
    start = stop;
  }
  return lines;
}

/**
 * Splits a paragraph into the units it is wrapped in: words, except that a link marker with
 * the words around it stays one unit when it fits on a line, so "[2][Kleine Anfrage]" is not
 * torn apart.
 */
function splitTokens(paragraph: string, width: number): string[] {
  const markers = [...paragraph.matchAll(LINK_MARKER)].map((match) => [match.index, match.index + match[0].length]);
  const insideMarker = (at: number): boolean => markers.some(([from = 0, to = 0]) => from < at && at < to);
  const units: string[] = [];
  let from = 0;
  for (let at = 0; at <= paragraph.length; at++) {
    if (at < paragraph.length && (paragraph[at] !== ' ' || insideMarker(at))) continue;
    units.push(paragraph.slice(from, at));
    from = at + 1;
  }
  return units.flatMap((unit) => (unit.length > width ? unit.split(' ') : [unit])).filter(Boolean);
}

/**
 * Wraps the body paragraphs. The parser ends a paragraph at a line that ends a sentence when the
 * next line's first word would have fit on it, measured against the longest body line; so a line
 * longer than `width` (a word that does not fit) widens what counts as "would have fit", and the
 * wrap is redone against that until it holds.
 */
function wrapBody(paragraphs: readonly string[], width: number): string[][] {
  let limit = Math.min(Math.max(width, 40), 200);
  for (;;) {
    const fitsLimit = limit;
    const isBadBreak: BreakCheck = (line, next) => {
      if (DATE_LINE.test(line) || SECTION_LINE.test(line) || endsLikeFrame(line)) return true;
      if (next === undefined) return false;
      if (changesOnRejoin(line, next) || next === '##') return true;
      return endsSentence(line) && line.length + 1 + getFirstWord(next).length <= fitsLimit;
    };
    const wrapped = paragraphs.map((paragraph) => wrapTokens(splitTokens(paragraph, width), width, isBadBreak));
    const estimate = estimateWrapWidth(wrapped.flat());
    if (estimate <= limit) return wrapped;
    limit = estimate;
  }
}

/** The teaser after "> ": the parser only rejoins its lines, so only the rejoin must hold. */
function wrapTeaser(teaser: string, width: number): string[] {
  return wrapTokens(teaser.split(' '), width - 2, (line, next) => {
    if (endsLikeFrame(line)) return true;
    return next !== undefined && changesOnRejoin(line, next);
  }).map((line) => `> ${line}`);
}

/**
 * A related article's teaser. The parser takes the line after one that ends a sentence for the
 * next related headline, so no line but the last may end one.
 */
function wrapRelatedTeaser(teaser: string, width: number): string[] {
  return wrapTokens(teaser.split(' '), width, (line, next) => {
    if (SECTION_LINE.test(line) || endsLikeFrame(line)) return true;
    if (next === undefined) return false;
    return changesOnRejoin(line, next) || next === '##' || endsSentence(line);
  });
}

/** "Kicker: Headline", or the headline alone: how the edition prints a title. */
function formatTitle(kicker: string | undefined, headline: string): string {
  return [kicker, headline]
    .map((part) => normalizeWhitespace(part ?? ''))
    .filter(Boolean)
    .join(': ');
}

/** The article's absolute URL, against which its relative links resolve; none for a bad site URL. */
function findBaseUrl(siteUrl: string, articleUrl: string): string | undefined {
  try {
    return toAbsoluteUrl(siteUrl, articleUrl);
  } catch {
    return undefined;
  }
}

/**
 * Renders one article as the paper's text edition, wrapped at `width` columns (the title, the
 * "Bild:" line, related headlines and LINKS entries are never wrapped: the parser reads each of
 * them from one line).
 */
export function formatTextEdition(input: TextEditionInput, width = 72): string {
  const { article } = input;
  const blocks: string[][] = [];

  const siteTitle = normalizeWhitespace(input.siteTitle);
  const title = formatTitle(article.kicker, article.headline);
  const header = [siteTitle ? `# ${siteTitle} -- ${title}` : `# ${title}`];
  const teaser = normalizeWhitespace(article.teaser);
  if (teaser) header.push(...wrapTeaser(teaser, width));
  const picture = [article.image?.caption, article.image?.credit].map((part) => normalizeWhitespace(part ?? ''));
  if (picture.some(Boolean)) header.push(`Bild: ${picture.filter(Boolean).join(' ')}`);
  blocks.push(header);

  const body = convertBodyMarkdown(input.bodyMarkdown, findBaseUrl(input.siteUrl, article.url));
  const paragraphs = [...body.paragraphs];
  const dateline = formatDateline(
    normalizeWhitespace(article.dateline ?? '') || undefined,
    article.credits.map(normalizeWhitespace).filter(Boolean),
  );
  // As on the web page: a body that already opens with a dateline keeps its own.
  if (dateline && paragraphs[0] !== undefined && !parseDateline(paragraphs[0])) {
    paragraphs[0] = `${dateline}${paragraphs[0]}`;
  }
  blocks.push(...wrapBody(paragraphs, width));

  if (article.day) blocks.push([formatDay(article.day)]);

  const authors = article.authors.map((author) => normalizeWhitespace(author.name)).filter(Boolean);
  if (authors.length) blocks.push(['## AUTOREN', ...authors]);

  const related = input.related
    .filter((item) => normalizeWhitespace(item.headline))
    .map((item) => {
      const itemTeaser = normalizeWhitespace(item.teaser ?? '');
      return [formatTitle(item.kicker, item.headline), ...(itemTeaser ? wrapRelatedTeaser(itemTeaser, width) : [])];
    });
  if (related.length) {
    blocks.push(['## ARTIKEL ZUM THEMA', ...related.flatMap((entry, index) => (index ? ['', ...entry] : entry))]);
  }

  if (body.links.length) blocks.push(['## LINKS', ...body.links.map((url, index) => `[${index + 1}] ${url}`)]);

  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}
