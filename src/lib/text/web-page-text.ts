/**
 * Format B: the text of an article's web page, one paragraph a line:
 *
 *   Kicker: Headline
 *   Teaser (or a byline "■ Von Name", or a rubric line, or nothing)
 *   KASSEL dpa/rtr | First paragraph …
 *   Caption of a picture Foto: Name/Agentur
 *   …
 *   plus the site's boilerplate anywhere: the support appeal, "meistkommentiert", navigation crumbs.
 */
import { parseDateline } from '../dateline.ts';
import { escapeMarkdown } from './gopher-edition.ts';
import { splitKickerHeadline } from './kicker-headline.ts';
import { endsSentence } from './reflow.ts';
import { emptyTextArticle, type TextArticle } from './text-article.ts';

interface Line {
  text: string;
  line: number;
}

/** First lines of the reader-support appeal; it runs to its call to action. */
const APPEAL_START =
  /^(?:taz lesen kann jede:r|niemand muss taz lesen|taz zahl ich|unabhängigen journalismus unterstützen)/i;
const APPEAL_END = /(?:jetzt unterstützen|unterstützen sie|jetzt spenden|taz zahl ich)\s*[.!]?\s*$/i;
/** Navigation crumbs and tracking leftovers that text extraction picks up. */
const CRUMBS =
  /^(?:taz logo|piwik no script img|■\s*$|zum inhalt springen|startseite|suche|menü|teilen|kommentieren|drucken|e-mail|artikel teilen|mehr zum thema)$/i;
const MOST_COMMENTED = /^meistkommentiert$/i;
const BYLINE = /^(?:■\s*)?von\s+(.+)$/iu;
const PHOTO_CAPTION = /^(.*?)\s*((?:Foto|Bild|Illustration|Grafik):\s*[^:.!?]{2,80})$/u;
const SIGNATURE = /^(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)(?: (?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.|von|van|de|zu)){1,3}$/u;

/** Drops the site's boilerplate wherever it sits, noting what was dropped. */
function stripBoilerplate(lines: readonly Line[], notes: TextArticle['warnings']): Line[] {
  const kept: Line[] = [];
  for (let index = 0; index < lines.length; index++) {
    const { text, line } = lines[index]!;
    const trimmed = text.trim();
    if (CRUMBS.test(trimmed)) continue;
    if (APPEAL_START.test(trimmed)) {
      let end = index;
      for (let probe = index; probe < Math.min(lines.length, index + 15); probe++) {
        if (APPEAL_END.test(lines[probe]!.text.trim())) {
          end = probe;
          break;
        }
      }
      notes.push({
        line,
        message: `the reader-support appeal (lines ${line}–${lines[end]!.line}) was left out of the article`,
      });
      index = end;
      continue;
    }
    if (MOST_COMMENTED.test(trimmed)) {
      // The box lists headlines: short lines without sentence punctuation.
      let end = index;
      while (end + 1 < lines.length) {
        const next = lines[end + 1]!.text.trim();
        if (next && (next.length > 120 || endsSentence(next) || APPEAL_START.test(next))) break;
        end++;
      }
      notes.push({
        line,
        message: `the "meistkommentiert" box (lines ${line}–${lines[end]!.line}) was left out of the article`,
      });
      index = end;
      continue;
    }
    kept.push(lines[index]!);
  }
  return kept;
}

/** Splits names in a byline: "Jana Beispiel und Tom Muster", "A, B und C". */
export function splitNames(byline: string): string[] {
  return byline
    .split(/\s*(?:,|\bund\b|\band\b|&)\s*/u)
    .map((name) => name.trim())
    .filter(Boolean);
}

/** "NachrufDer Mann, der …": a kicker run into the headline, split at the lower-to-upper seam. */
function splitRunTogether(title: string): { kicker?: string; headline: string } {
  const seam = /(?<=^[^:]{3,50}\p{Ll})(?=\p{Lu}\p{Ll})/u.exec(title);
  if (!seam || seam.index === undefined) return { headline: title };
  return { kicker: title.slice(0, seam.index), headline: title.slice(seam.index) };
}

export function parseWebPageText(text: string, firstLine = 1): TextArticle {
  const article = emptyTextArticle();
  const all = text.split(/\r?\n/).map((raw, index) => ({ text: raw.trim(), line: firstLine + index }));
  const lines = stripBoilerplate(all, article.warnings).filter((line) => line.text);
  if (lines.length === 0) return article;

  const [first, ...rest] = lines;
  const title = first!.text;
  const split = /(?<=\S): |^: |^■/u.test(title)
    ? splitKickerHeadline(title)
    : { ...splitRunTogether(title), truncated: /…$/u.test(title) };
  article.kicker = split.kicker;
  article.headline = split.headline;
  article.lines.headline = first!.line;
  article.truncated = split.truncated;
  if (split.truncated)
    article.warnings.push({ line: first!.line, message: 'the title was cut short in the source ("…")' });

  let body = rest;
  const second = body[0];
  if (second) {
    const byline = BYLINE.exec(second.text);
    if (byline) {
      article.authors = splitNames(byline[1]!);
      article.lines.authors = second.line;
      body = body.slice(1);
    } else if (!parseDateline(second.text) && !PHOTO_CAPTION.test(second.text)) {
      if (second.text.length < 40 && !endsSentence(second.text)) {
        article.warnings.push({
          line: second.line,
          message: `line 2 ("${second.text}") looks like a rubric, not a teaser; it was left out`,
        });
      } else {
        article.teaser = second.text;
        article.lines.teaser = second.line;
      }
      body = body.slice(1);
    }
  }

  const paragraphs: string[] = [];
  for (const line of body) {
    const caption = PHOTO_CAPTION.exec(line.text);
    if (caption && article.imageCaption === undefined && !endsSentence(caption[1] ?? '.')) {
      article.imageCaption = caption[1]?.trim() || undefined;
      article.imageCredit = caption[2]!.trim();
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
    article.dateline = opening.place;
    article.credits = opening.credits;
    paragraphs[0] = paragraphs[0].slice(opening.length);
  }
  article.paragraphs = paragraphs.filter((paragraph) => paragraph.trim()).map((paragraph) => escapeMarkdown(paragraph));
  return article;
}
