/**
 * The reader-support appeal of the paper's web pages, in whatever campaign wording: "taz lesen
 * kann jede:r … Jetzt unterstützen", "Niemand muss taz lesen …", "Sie lesen diesen Text
 * kostenlos …". It is recognised by what it says and how, not by one first sentence: it speaks to
 * the reader ("Sie", "wir") about the cooperative, its readers, texts free of charge, support and
 * an amount in euros. A body paragraph rarely does more than one of these, never addressing the
 * reader, and quotes people when it does — so it stays.
 */

interface Line {
  text: string;
}

const TOPICS: readonly RegExp[] = [
  /genossenschaft|genoss(?:inn|:inn|\*inn|_inn)?en\b/iu,
  /\bleser|\blesen\b|jede:r\b/iu,
  /kostenlos|kostenfrei|gratis|frei zugänglich|frei verfügbar|frei lesbar|ohne (?:bezahlschranke|paywall)|\bpaywall|allen offen|für alle (?:frei|offen|zugänglich)/iu,
  /unterstütz|\bbeitrag\b|freiwillig|spende|taz zahl ich|mitmachen|solidarisch|finanzier|\bzahlen\b/iu,
  /\d+(?:[.,]\d+)?\s?(?:€|euro\b)|€\s?\d/iu,
];
const COOPERATIVE = 0;
const FREE = 2;
/** The reader addressed ("Sie", "Ihre") or the paper speaking ("wir", "unsere"). */
const ADDRESS = /\b(?:Sie|Ihnen|Ihre?[mnrs]?)\b|\b(?:wir|uns|unser(?:e[mnrs]?)?)\b/u;
/** Reported speech: a quoted voice talking about support is the story, not the appeal. */
const REPORTED = /[„“”"»«]|\b(?:sagt|sagte|sagen|erklärt|erklärte|betont|betonte|so die|so der)\b/iu;
/** Openings of campaign texts that are unmistakable alone. */
const OPENINGS =
  /^(?:taz lesen kann jede:r|niemand muss taz lesen|taz zahl ich|unabhängigen journalismus unterstützen)/iu;
/** Short calls to action and headings around the appeal. */
const CALL_TO_ACTION =
  /^(?:jetzt\s+\p{L}+|ja,? ich\b.*|.*\b(?:unterstützen|spenden) sie\b.*|.*\btaz zahl ich\b.*|.*\bunterstütz\w* (?:die taz|uns)\b.*|schon dabei\?|sind sie dabei\?)\s*[.!]?$/iu;

function topicsOf(text: string): Set<number> {
  const found = new Set<number>();
  TOPICS.forEach((pattern, index) => {
    if (pattern.test(text)) found.add(index);
  });
  return found;
}

/** A line that carries the appeal on its own. */
function isAppealCore(text: string): boolean {
  if (OPENINGS.test(text)) return true;
  if (REPORTED.test(text) || !ADDRESS.test(text)) return false;
  const topics = topicsOf(text);
  return topics.size >= 3 || (topics.size >= 2 && (topics.has(COOPERATIVE) || topics.has(FREE)));
}

/** A short line that belongs to an appeal it stands next to: its heading or its button. */
function isAppealFringe(text: string): boolean {
  if (text.length > 120 || REPORTED.test(text)) return false;
  if (CALL_TO_ACTION.test(text)) return true;
  return topicsOf(text).size >= 1 && (ADDRESS.test(text) || /\btaz\b/iu.test(text));
}

/** Index ranges (inclusive) of the appeals among `lines`, in order. */
export function findSupportAppeals(lines: readonly Line[]): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  for (let index = 0; index < lines.length; index++) {
    if (!isAppealCore(lines[index]!.text.trim())) continue;
    let start = index;
    let end = index;
    while (start > 0 && isAppealFringe(lines[start - 1]!.text.trim())) start--;
    while (end + 1 < lines.length) {
      const next = lines[end + 1]!.text.trim();
      if (!next) break;
      if (isAppealCore(next) || isAppealFringe(next)) end++;
      else break;
    }
    const previous = ranges.at(-1);
    if (previous && start <= previous.end + 1) previous.end = end;
    else ranges.push({ start: Math.max(start, previous ? previous.end + 1 : 0), end });
    index = end;
  }
  return ranges;
}
