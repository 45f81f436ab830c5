/**
 * Splitting a title line into kicker and headline: "Nach dem Stromausfall: Rechenzentrum wieder
 * am Netz". Only ": " with a space after it separates; colons inside words ("Leser:innen",
 * "jede:r") and in scores ("1:2") do not.
 */

export interface KickerHeadline {
  kicker?: string | undefined;
  /** None when the title is only a kicker ("rubrik der woche:"). */
  headline?: string | undefined;
  /** The title was cut by the source ("…" at its end). */
  truncated: boolean;
}

/** A separating colon: after a non-space character, followed by a space. */
const SEPARATOR = /(?<=\S): /gu;

/**
 * Splits at the last separating ": ", since a kicker may itself contain one ("Streit um die
 * Rente: Die SPD: Ein Kompromiss" has kicker "Streit um die Rente: Die SPD"). A kicker ending in
 * "?" or "!" keeps its mark. An empty kicker (": Headline") yields none; a title that ends in its
 * colon ("rubrik der woche:") is a kicker without a headline, never a headline ending in ":".
 */
export function splitKickerHeadline(title: string): KickerHeadline {
  const text = title.replace(/^■\s*/u, '').trim();
  const truncated = /(?:…|\.\.\.)$/u.test(text);
  if (text.startsWith(': ')) return { headline: text.slice(2).trim(), truncated };
  const kickerOnly = /^(.*[^\s:]):$/u.exec(text);
  if (kickerOnly) return { kicker: kickerOnly[1]!.trim(), truncated };
  const separators = [...text.matchAll(SEPARATOR)];
  const last = separators.at(-1);
  if (!last || last.index === undefined) return { headline: text, truncated };
  const kicker = text.slice(0, last.index).trim();
  const headline = text.slice(last.index + 2).trim();
  if (!headline) return { headline: kicker, truncated };
  return { kicker: kicker || undefined, headline, truncated };
}

/**
 * Words written with a capital inside, so a lower-to-upper seam in them is no kicker boundary.
 * Most are caught because the text uses the word again; these are common enough in headlines
 * alone. The first part of a fused word shorter than three letters ("iPhone", "McDonald") never
 * ends a kicker either.
 */
const CAMEL_CASE_WORDS: ReadonlySet<string> = new Set(
  [
    'BahnCard',
    'BioNTech',
    'BlackRock',
    'CureVac',
    'DeepMind',
    'DiCaprio',
    'FlixBus',
    'HelloFresh',
    'JavaScript',
    'LinkedIn',
    'MacBook',
    'MediaMarkt',
    'OpenAI',
    'PayPal',
    'PlayStation',
    'PowerPoint',
    'ProSieben',
    'SoundCloud',
    'TikTok',
    'WhatsApp',
    'WikiLeaks',
    'YouTube',
  ].map((word) => word.toLowerCase()),
);
const NAME_PREFIXES: ReadonlySet<string> = new Set(['mac', 'mc', 'van', 'von', 'del', 'des', 'las', 'los', 'fitz']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * "Streit um die RadwegeNeue Pläne für die Friedrichstraße": a kicker run into the headline when
 * the web text lost the line break, split at a lower-to-upper seam with no word boundary. A seam
 * counts when both sides are plausible (a kicker of a word or more, a headline of two words or
 * more) and it is not inside a word: one the rest of the article (`context`) uses as written, one
 * of the common words with a capital inside, or one whose first part is too short to end a kicker.
 */
export function splitRunTogether(title: string, context = ''): { kicker?: string; headline: string } {
  for (const seam of title.matchAll(/(?<=\p{Ll})(?=\p{Lu}\p{Ll})/gu)) {
    const index = seam.index;
    const kicker = title.slice(0, index).trim();
    const headline = title.slice(index).trim();
    const before = /[\p{L}'’]*$/u.exec(kicker)?.[0] ?? '';
    const after = /^\p{Lu}[\p{Ll}'’]*/u.exec(headline)?.[0] ?? '';
    const fused = `${before}${after}`;
    const used = new RegExp(`(?<!\\p{L})${escapeRegExp(fused)}(?!\\p{Ll})`, 'u').test(context);
    if (before.length < 3 || NAME_PREFIXES.has(before.toLowerCase())) continue;
    if (CAMEL_CASE_WORDS.has(fused.toLowerCase()) || used) continue;
    if (kicker.includes(':') || kicker.length > 80 || headline.split(/\s+/u).length < 2) continue;
    return { kicker, headline };
  }
  return { headline: title };
}

/**
 * Whether a line under a kicker-only title reads as its headline: a question or exclamation of a
 * few words ("Wer rettet die Eckkneipe?", "Endlich wieder Kirmes!").
 */
export function readsAsHeadline(line: string): boolean {
  const text = line.trim();
  const words = text.split(/\s+/u);
  return /[?!]["“”»«]?$/u.test(text) && words.length >= 2 && words.length <= 8 && text.length <= 70;
}
