/**
 * Format B: the text of an article's web page, one paragraph a line:
 *
 *   Kicker: Headline            (or "KickerHeadline" run together, ": Headline", "rubrik:")
 *   Teaser                      (or a byline, glued to it or on its own line, or a rubric, or nothing)
 *   KASSEL dpa/rtr | First paragraph …   ("Kassel dpa | " in title case too)
 *   Caption of a picture Foto: Name/Agentur
 *   …
 *   dpa/afp                     (a closing signature: the credits)
 *   plus the site's boilerplate anywhere: the support appeal, "meistkommentiert", navigation crumbs.
 */
import { parseDateline } from './dateline.ts';
import { readBylineLine, splitGluedByline } from './byline.ts';
import { addCredits, takeClosingCredits } from './closing-credits.ts';
import { escapeMarkdown } from './gopher-edition.ts';
import { readsAsHeadline, splitKickerHeadline, splitRunTogether } from './kicker-headline.ts';
import { readPhotoCaption } from './photo-caption.ts';
import { endsSentence } from './reflow.ts';
import { findSupportAppeals } from './support-appeal.ts';
import { emptyTextArticle, type TextArticle, type TextParseOptions } from './text-article.ts';

export { splitNames } from './byline.ts';

interface Line {
  text: string;
  line: number;
}

/** Navigation crumbs and tracking leftovers that text extraction picks up. */
const CRUMBS =
  /^(?:taz logo|piwik no script img|■\s*$|zum inhalt springen|startseite|suche|menü|teilen|kommentieren|drucken|e-mail|artikel teilen|mehr zum thema)$/i;
const MOST_COMMENTED = /^meistkommentiert$/i;
const SIGNATURE = /^(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)(?: (?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.|von|van|de|zu)){1,3}$/u;
/** A score in a headline or teaser: "1:2", "31:27". */
const SCORE = /(?<![\d:])\d{1,3}:\d{1,3}(?![\d:])/u;
/** A teaser is one to three sentences; a longer line under a byline is the body. */
const MAX_TEASER_AFTER_BYLINE = 300;

/** Drops the site's boilerplate wherever it sits, noting what was dropped. */
function stripBoilerplate(lines: readonly Line[], notes: TextArticle['warnings']): Line[] {
  const withoutCrumbs = lines.filter(({ text }) => !CRUMBS.test(text.trim()));
  const appeals = findSupportAppeals(withoutCrumbs);
  const inAppeal = new Set<number>();
  for (const { start, end } of appeals) {
    const from = withoutCrumbs[start]!.line;
    const to = withoutCrumbs[end]!.line;
    notes.push({
      line: from,
      message: `the reader-support appeal (lines ${from}–${to}) was left out of the article`,
      recognised: `appeal removed (lines ${from}–${to})`,
    });
    for (let index = start; index <= end; index++) inAppeal.add(index);
  }
  const kept: Line[] = [];
  for (let index = 0; index < withoutCrumbs.length; index++) {
    if (inAppeal.has(index)) continue;
    const { text, line } = withoutCrumbs[index]!;
    if (MOST_COMMENTED.test(text.trim())) {
      // The box lists headlines: short lines without sentence punctuation.
      let end = index;
      while (end + 1 < withoutCrumbs.length && !inAppeal.has(end + 1)) {
        const next = withoutCrumbs[end + 1]!.text.trim();
        if (next.length > 120 || endsSentence(next)) break;
        end++;
      }
      notes.push({
        line,
        message: `the "meistkommentiert" box (lines ${line}–${withoutCrumbs[end]!.line}) was left out of the article`,
      });
      index = end;
      continue;
    }
    kept.push(withoutCrumbs[index]!);
  }
  return kept;
}

/**
 * Whether the line after the title is the body rather than a teaser: a brief or a short sports
 * report with an empty kicker (": SV Eichwalde verliert 1:2") has no teaser line, unless the line
 * after it opens the body with a dateline.
 */
function isBriefWithoutTeaser(title: string, headline: string | undefined, lines: readonly Line[]): boolean {
  if (!/^■?\s*:\s/u.test(title)) return false;
  if (lines[1] && parseDateline(lines[1].text)) return false;
  return SCORE.test(headline ?? '') || lines.length <= 2;
}

export function parseWebPageText(text: string, firstLine = 1, options: TextParseOptions = {}): TextArticle {
  const article = emptyTextArticle();
  const all = text
    .split(/\r?\n/)
    .map((raw, index) => ({ text: raw.trim(), line: firstLine + index }))
    .filter((line) => line.text);
  const lines = stripBoilerplate(all, article.warnings);
  if (lines.length === 0) return article;

  const [first, ...rest] = lines;
  const title = first!.text;
  const context = rest.map((line) => line.text).join('\n');
  const split = /(?<=\S): |^: |^■|:$/u.test(title)
    ? splitKickerHeadline(title)
    : { ...splitRunTogether(title, context), truncated: /…$/u.test(title) };
  article.kicker = split.kicker;
  article.headline = split.headline;
  article.lines.headline = first!.line;
  article.truncated = split.truncated;
  if (split.truncated)
    article.warnings.push({ line: first!.line, message: 'the title was cut short in the source ("…")' });

  let body = rest;
  if (article.headline === undefined) {
    if (body[0] && readsAsHeadline(body[0].text) && !parseDateline(body[0].text)) {
      article.headline = body[0].text;
      body = body.slice(1);
    } else {
      article.warnings.push({
        line: first!.line,
        message: `the title "${title}" is only a kicker, and no short line under it reads as a headline; the article has no headline of its own, so its kicker is shown as the headline`,
      });
    }
  }

  // The lines under the title: bylines, before or after the teaser, and the teaser itself.
  const keptBylines: Line[] = [];
  let teaserRead = false;
  let bylineRead = false;
  const brief = isBriefWithoutTeaser(title, article.headline, body);
  while (body[0]) {
    const line = body[0];
    const byline = readBylineLine(line.text);
    if (byline && 'names' in byline) {
      article.authors.push(...byline.names);
      article.lines.authors ??= line.line;
      bylineRead = true;
      body = body.slice(1);
      continue;
    }
    if (byline) {
      article.warnings.push({
        line: line.line,
        message: `line ${line.line} ("${line.text}") may be a byline but names no one; it was kept in the body`,
      });
      keptBylines.push(line);
      body = body.slice(1);
      continue;
    }
    if (teaserRead || brief || parseDateline(line.text) || readPhotoCaption(line.text)) break;
    if (bylineRead && line.text.length > MAX_TEASER_AFTER_BYLINE) break;
    teaserRead = true;
    body = body.slice(1);
    if (line.text.length < 40 && !endsSentence(line.text)) {
      article.warnings.push({
        line: line.line,
        message: `line ${line.line} ("${line.text}") looks like a rubric, not a teaser; it was left out`,
      });
      continue;
    }
    const glued = splitGluedByline(line.text);
    article.teaser = glued ? glued.teaser : line.text;
    article.lines.teaser = line.line;
    if (glued) {
      article.authors.push(...glued.names);
      article.lines.authors ??= line.line;
    }
  }
  body = [...keptBylines, ...body];

  const paragraphs: string[] = [];
  for (const line of body) {
    const caption = readPhotoCaption(line.text);
    if (caption && article.imageCaption === undefined && article.imageCredit === undefined) {
      article.imageCaption = caption.caption;
      article.imageCredit = caption.credit;
      if (caption.rest) {
        article.lines.body ??= line.line;
        paragraphs.push(caption.rest);
      }
      continue;
    }
    article.lines.body ??= line.line;
    paragraphs.push(line.text);
  }

  const last = paragraphs.at(-1);
  if (last && paragraphs.length > 1 && SIGNATURE.test(last) && last.length < 50) {
    if (article.authors.length === 0) {
      article.authors = [last];
      const signed = body.find((line) => line.text === last);
      if (signed) article.lines.authors = signed.line;
    }
    paragraphs.pop();
  }

  const opening = paragraphs[0] ? parseDateline(paragraphs[0]) : null;
  if (opening && paragraphs[0]) {
    article.dateline = opening.place || undefined;
    addCredits(article, opening.credits);
    paragraphs[0] = paragraphs[0].slice(opening.length);
  }
  article.paragraphs = paragraphs.filter((paragraph) => paragraph.trim());
  if (options.closingCredits !== false) takeClosingCredits(article);
  article.paragraphs = article.paragraphs.map((paragraph) => escapeMarkdown(paragraph));
  return article;
}
