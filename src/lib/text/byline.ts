/**
 * Bylines as the paper's texts print them: "■ Von Anna Berg", "von Anna Berg und Tom Kern",
 * "Kommentar von …", "Eine Kolumne von …", "Interview: …", "Aus Kairo Karim El-Sayed", or glued to
 * the end of the teaser after two spaces. A line counts only when what follows the byline word
 * reads as names: "Von den 40 Beschäftigten …" is a sentence, not a byline.
 */

/** A capitalised name word ("Anna", "El-Sayed", "Aydın", "McLeod", "O’Brien") or an initial ("K."). */
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}\p{Lu}'’]*\p{Ll}[\p{Ll}'’]*(?:-\p{Lu}[\p{L}'’]*)*|\p{Lu}\.)$/u;
/** Lower-case parts of names: "Ursula von der Leyen", "Karim el Sayed", "Jan ter Horst". */
const PARTICLES: ReadonlySet<string> = new Set([
  'von',
  'van',
  'de',
  'der',
  'den',
  'zu',
  'di',
  'da',
  'del',
  'dos',
  'ter',
  'le',
  'la',
  'al',
  'el',
  'bin',
  'ibn',
]);
/** Capitalised words that open sentences or name things, never a first name. */
const NOT_A_NAME: ReadonlySet<string> = new Set(
  'Der Die Das Den Dem Des Ein Eine Einer Einem Unserer Unserem Unseren Unser Ihrer Seiner Allen Redaktion Agenturen'.split(
    ' ',
  ),
);
const KINDS =
  'Kommentar|Kolumne|Analyse|Essay|Reportage|Gastbeitrag|Gastkommentar|Bericht|Porträt|Rezension|Glosse|Kritik|Text|Interview|Protokoll|Recherche|Nachruf|Leitartikel|Feature';
/** "von …" with an optional "Ein Kommentar", "Eine Kolumne" before it. */
const VON_LINE = new RegExp(`^(?:(?:Ein|Eine)\\s+)?(?:(?:${KINDS})\\s+)?[Vv]on\\s+(.+)$`, 'u');
/** "Interview: …", "Text: …", "Protokoll: …". */
const LABEL_LINE = /^(?:Interview|Text|Protokoll|Recherche|Moderation|Aufgezeichnet von):\s*(.+)$/u;
/** "Aus Kairo Karim El-Sayed": a correspondent's place, then the name. */
const FROM_LINE = /^Aus\s+(.+)$/u;
const SENTENCE_END = /[.!?…:;]["'“”»«)\]]*$/u;

export type BylineReading = { names: string[] } | { unsure: true } | null;

/** Splits names in a byline: "Jana Beispiel und Tom Muster", "A, B und C". */
export function splitNames(byline: string): string[] {
  return byline
    .split(/\s*(?:,|\bund\b|\band\b|&)\s*/u)
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Whether a text reads as one person's name: two to five words, capitalised apart from particles. */
export function isPersonName(name: string): boolean {
  const words = name.trim().split(/\s+/u);
  if (words.length < 2 || words.length > 5) return false;
  const [first] = words;
  const last = words.at(-1)!;
  if (!first || NOT_A_NAME.has(first) || !NAME_WORD.test(first) || !NAME_WORD.test(last) || /^\p{Lu}\.$/u.test(last)) {
    return false;
  }
  return words.every((word) => NAME_WORD.test(word) || PARTICLES.has(word));
}

function readNames(text: string): string[] | null {
  const names = splitNames(text.replace(/[.]$/u, ''));
  return names.length > 0 && names.length <= 6 && names.every(isPersonName) ? names : null;
}

/** "Kairo Karim El-Sayed": the last two name words (with particles) are the name, the rest the place. */
function readFromLine(text: string): string[] | null {
  const [firstChunk, ...others] = splitNames(text);
  if (!firstChunk) return null;
  const words = firstChunk.split(/\s+/u);
  for (let start = words.length - 2; start >= 1; start--) {
    const name = words.slice(start).join(' ');
    const place = words.slice(0, start);
    if (!isPersonName(name) || !place.every((word) => /^\p{Lu}/u.test(word) || PARTICLES.has(word))) continue;
    const rest = others.length ? readNames(others.join(', ')) : [];
    return rest ? [name, ...rest] : null;
  }
  return null;
}

/**
 * Reads a line as a byline: the names it carries, `unsure` for a short line that opens like a
 * byline but names no one ("Von unserer Korrespondentin"), or `null` for anything else.
 */
export function readBylineLine(line: string): BylineReading {
  const text = line.replace(/^■\s*/u, '').trim();
  if (text.length > 120) return null;
  const from = FROM_LINE.exec(text);
  if (from) {
    const names = readFromLine(from[1]!);
    return names ? { names } : null;
  }
  const match = VON_LINE.exec(text) ?? LABEL_LINE.exec(text);
  if (!match) return null;
  const names = readNames(match[1]!);
  if (names) return { names };
  // A sentence that opens with "Von" goes on and ends; a byline that names no one stays short.
  return text.length <= 80 && !SENTENCE_END.test(text) && !/,/.test(text) ? { unsure: true } : null;
}

/**
 * A byline glued to the end of a teaser: "… sind die Kräne still.  ■ Von Anna Berg" (two spaces,
 * or a ■). Returns the teaser without it and the names, or `null`.
 */
export function splitGluedByline(teaser: string): { teaser: string; names: string[] } | null {
  const match = /^(.*\S)(?:\s*■\s*|\s{2,})((?:[Vv]on|Interview:|Text:)\s.+)$/u.exec(teaser);
  if (!match) return null;
  const reading = readBylineLine(match[2]!);
  return reading && 'names' in reading ? { teaser: match[1]!.trim(), names: reading.names } : null;
}
