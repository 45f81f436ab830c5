/**
 * Agency and paper signatures that close an article: a last line "TAZ, DPA", "dpa/afp", "(rtr)",
 * or "(dpa)" after the last sentence. They are the article's credits and leave the body.
 *
 * The rule looks at the whole article, not at one line: a live ticker, whose entries each carry
 * their own credit ("14.05 Uhr (dpa) …"), must not have its last entry's credit taken for the
 * article's, so a ticker reader turns it off (`closingCredits: false` in the parsers' options).
 */
import { isAgency, isKnownAgency } from './dateline.ts';
import type { TextArticle } from './text-article.ts';

const SIGNATURE = /^\(?\s*([A-Za-z]{2,10}(?:\s*[/,]\s*[A-Za-z]{2,10}){0,4})\s*\)?$/u;
const TRAILING_SIGNATURE = /(?<=[.!?…"“”»])\s+\(\s*([A-Za-z]{2,10}(?:\s*[/,]\s*[A-Za-z]{2,10}){0,4})\s*\)$/u;

/** The sources a signature names, or `null` when it is not one: every part an agency, one known. */
function readSources(text: string): string[] | null {
  const parts = text.split(/\s*[/,]\s*/u);
  if (!parts.every(isAgency) || !parts.some(isKnownAgency)) return null;
  return parts;
}

/** Adds sources to the article's credits, each once whatever its case. */
export function addCredits(article: TextArticle, sources: readonly string[]): void {
  for (const source of sources) {
    if (!article.credits.some((credit) => credit.toLowerCase() === source.toLowerCase())) article.credits.push(source);
  }
}

/**
 * Moves a closing signature from the body's last paragraph into the credits. Works on the plain
 * paragraphs, before Markdown escaping.
 */
export function takeClosingCredits(article: TextArticle): void {
  const last = article.paragraphs.at(-1);
  if (last === undefined) return;
  const whole = SIGNATURE.exec(last.trim());
  const sources = whole && article.paragraphs.length > 1 ? readSources(whole[1]!) : null;
  if (sources) {
    article.paragraphs.pop();
    addCredits(article, sources);
    return;
  }
  const trailing = splitTrailingCredits(last);
  if (trailing) {
    article.paragraphs[article.paragraphs.length - 1] = trailing.text;
    addCredits(article, trailing.sources);
  }
}

/**
 * A paragraph's closing signature after its last sentence ("… gesagt. (dpa/rtr)"), split off: the
 * text before it and the sources it names; `null` when the paragraph ends without one.
 */
export function splitTrailingCredits(paragraph: string): { text: string; sources: string[] } | null {
  const trimmed = paragraph.trimEnd();
  const trailing = TRAILING_SIGNATURE.exec(trimmed);
  const sources = trailing ? readSources(trailing[1]!) : null;
  return trailing && sources ? { text: trimmed.slice(0, trailing.index), sources } : null;
}
