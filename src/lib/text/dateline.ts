/**
 * The dateline that opens a news story: "LONDON/BERLIN dpa/rtr | Am Dienstag …". Shared by the
 * Markdown renderer and the plain-text formats, so both read a dateline the same way.
 */

export interface Dateline {
  /** Place as printed: "BERLIN", "LONDON/BERLIN", "FRANKFURT/MAIN", or in title case "Frankfurt am Main". */
  place: string;
  /** Agencies and sources: ["dpa", "rtr"]; empty when only a place is given. */
  credits: string[];
  /** Length of the matched prefix including the " | " separator. */
  length: number;
}

/**
 * Agencies written in capitals. Case alone cannot tell "NEW YORK AFP" apart: a capitalised last
 * word is a credit only when it is a known agency, while a word with lower-case letters ("dpa",
 * "taz", "rtr") always is.
 */
export const UPPER_CASE_AGENCIES: ReadonlySet<string> = new Set([
  'AFP',
  'AP',
  'APA',
  'ANSA',
  'DAPD',
  'DDP',
  'DPA',
  'EFE',
  'EPD',
  'KNA',
  'RTR',
  'SDA',
  'SID',
  'UPI',
  'TASS',
  'PAP',
  'CTK',
  'MTI',
  'BTA',
  'ANP',
  'BELGA',
  'TT',
  'NTB',
  'XINHUA',
  'AA',
  'IRNA',
  'REUTERS',
  'TAZ',
]);

// A dateline is text up to the first " | " made of upper-case place words, optionally followed by
// one credit group ("dpa", "dpa/rtr", "AFP"). The separator is required, which is what tells a
// dateline from an interviewer label ("taz:") or a photo credit ("Foto: Name/dpa").
const PREFIX = /^([^|\n]{2,80}?)\s+\|\s+/u;
const PLACE = /^[A-ZÄÖÜ][A-ZÄÖÜß.'-]*(?:[ /-][A-ZÄÖÜ][A-ZÄÖÜß.'-]*)*$/u;
const CREDIT = /^[A-Za-z]{2,10}$/;

// Newer articles print the place in title case ("Berlin taz | ", "Frankfurt am Main dpa/afp | ",
// "Kiew/Berlin afp/rtr | "): capitalised words, joined by short lower-case words ("am", "an der",
// "im", "de") or a slash, or a bracketed river ("Halle (Saale)"). Ordinary sentences are made of
// such words too, so a title-case place counts only with a credit group after it, and not when it
// opens with a word a sentence starts with ("Die Linke dpa | " is no place).
const TITLE_WORD = String.raw`(?:\p{Lu}[\p{L}'’.-]*|\(\p{Lu}\p{Ll}+\))`;
const TITLE_PART = String.raw`${TITLE_WORD}(?: (?:\p{Ll}{1,4}\.? ){0,2}${TITLE_WORD}){0,4}`;
const TITLE_PLACE = new RegExp(String.raw`^${TITLE_PART}(?:/${TITLE_PART})*$`, 'u');
const SENTENCE_OPENERS: ReadonlySet<string> = new Set(
  'Der Die Das Dem Des Ein Eine Einer Er Sie Es Wir Ihr Ich Und Aber Auch Wie Was Wer Wenn Als Im Am In Mit Von Nach Bei Für'.split(
    ' ',
  ),
);

/** Agencies and sources by name, in lower case, for places and signatures too weak to stand alone. */
const KNOWN_AGENCIES: ReadonlySet<string> = new Set([
  ...[...UPPER_CASE_AGENCIES].map((agency) => agency.toLowerCase()),
  'ots',
  'ips',
  'idea',
]);

/** Whether a word is written as papers print an agency or source: "dpa", "rtr", "AFP", "TAZ". */
export function isAgency(word: string): boolean {
  return CREDIT.test(word) && (/[a-z]/.test(word) || UPPER_CASE_AGENCIES.has(word));
}

/** Whether a word names a known agency or source, in any case: "dpa", "AFP", "Reuters", "taz". */
export function isKnownAgency(word: string): boolean {
  return KNOWN_AGENCIES.has(word.toLowerCase());
}

function isCreditGroup(word: string): boolean {
  return word.split('/').every(isAgency);
}

function isTitleCasePlace(place: string, credits: readonly string[]): boolean {
  const first = place.split(/[ /]/, 1)[0] ?? '';
  return (
    credits.every(isKnownAgency) && TITLE_PLACE.test(place) && !SENTENCE_OPENERS.has(first) && /\p{Ll}/u.test(place)
  );
}

/** Reads a dateline at the start of `text`, or returns `null` when the text does not open with one. */
export function parseDateline(text: string): Dateline | null {
  const match = PREFIX.exec(text);
  if (!match) return null;
  const prefix = match[1]!.trim();
  const lastSpace = prefix.lastIndexOf(' ');
  const lastWord = lastSpace === -1 ? prefix : prefix.slice(lastSpace + 1);
  let place = prefix;
  let credits: string[] = [];
  if (lastSpace !== -1 && isCreditGroup(lastWord)) {
    place = prefix.slice(0, lastSpace);
    credits = lastWord.split('/');
  } else if (
    lastSpace === -1 &&
    prefix.split('/').every((part) => /^[a-z]{2,10}$/.test(part) || UPPER_CASE_AGENCIES.has(part))
  ) {
    // Agencies alone, as an agency piece without a place prints them: "dpa | …".
    return { place: '', credits: prefix.split('/'), length: match[0].length };
  }
  if (credits.length && isTitleCasePlace(place, credits)) return { place, credits, length: match[0].length };
  // A single capital or a one-letter abbreviation is too weak to be a place.
  if (!PLACE.test(place) || place.replace(/[^A-ZÄÖÜ]/g, '').length < 2) return null;
  return { place, credits, length: match[0].length };
}

/** "LONDON/BERLIN dpa/rtr | ": the dateline as the paper prints it before the first paragraph. */
export function formatDateline(place: string | undefined, credits: readonly string[]): string {
  const parts = [place, credits.join('/')].filter((part) => part);
  return parts.length ? `${parts.join(' ')} | ` : '';
}
