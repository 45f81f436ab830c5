/**
 * A live ticker's body, read into its entries. The editor writes one `##` heading per entry, with
 * the entry's time first, then an optional headline, and `{.pinned}` at the end to pin it:
 *
 *     Zusammenfassung: what the reader needs first (everything before the first entry).
 *
 *     ## 14:32 Polizei räumt den Platz {.pinned}
 *     Text in Markdown, pictures included. (dpa)
 *
 *     ## 3.12. 00:15
 *     An entry past midnight names its day (`3.12.`, `3.12.2026` or `2026-12-03`).
 *
 * An entry without a day is on the ticker's own day (the article's `date`, in the paper's time
 * zone), so one that would come before the ticker started is refused: it belongs to another day,
 * which must be written. A signature after the entry's last sentence ("(dpa)", "(taz/rtr)") is the
 * entry's credit and leaves its text. Entries may be written in any order; they come back newest
 * first, entries of the same minute in the order written. Pure: no I/O, no clock.
 */
import type { Heading, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { splitTrailingCredits } from '../text/closing-credits.ts';
import { formatIsoWithOffset, getCalendarDay, parseWrittenTime, resolveWrittenTime } from './dates.ts';
import type { ContentProblem } from './problems.ts';

export interface TickerEntry {
  /** The entry's anchor, from its time: stable while its text and headline are edited. */
  id: string;
  /** When the entry was posted. */
  time: Date;
  /** The entry's headline, when the heading has one. */
  headline: string | undefined;
  /** The entry's text, Markdown, without its heading and closing credit. */
  markdown: string;
  /** Agencies and sources the entry closes with ("dpa", "taz"). */
  credits: string[];
  /** Shown above the others while the ticker runs. */
  pinned: boolean;
  /** The heading's line in the body, 1-based. */
  line: number;
}

export interface TickerBody {
  /** What the editor wrote before the first entry: the ticker's summary, Markdown. */
  summary: string | undefined;
  /** Newest first. */
  entries: TickerEntry[];
}

export interface ReadTickerOptions {
  /** The ticker's start: the article's publication time. */
  start: Date;
  /** The paper's time zone, in which entry times are written. */
  timeZone: string;
  /** The article's file, relative to the project root, for problems. */
  file: string;
  /** The file's line on which the body starts, 1-based, so problems name the file's lines. */
  bodyLine: number;
}

const PINNED = /\s*\{\.pinned\}\s*$/u;
const ENTRY_HEADING =
  /^(?:(?<iso>\d{4}-\d{2}-\d{2})\s+|(?<day>\d{1,2})\.(?<month>\d{1,2})\.(?<year>\d{4})?\s+)?(?<hour>\d{1,2})[:.](?<minute>\d{2})(?:\s*Uhr)?(?:\s+(?<headline>.*\S))?\s*$/u;

const parser = unified().use(remarkParse);

/** Reads a ticker's entries; every heading that cannot be read is a problem, all of them at once. */
export function readTickerBody(
  markdown: string,
  options: ReadTickerOptions,
): { body: TickerBody; problems: ContentProblem[] } {
  const tree = parser.parse(markdown) as Root;
  const problems: ContentProblem[] = [];
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading' && node.depth === 2);
  const startOf = (node: RootContent): number => node.position!.start.offset!;
  const summary = markdown.slice(0, headings[0] === undefined ? markdown.length : startOf(headings[0])).trim();
  const written: TickerEntry[] = [];
  const ids = new Map<string, number>();
  headings.forEach((heading, index) => {
    const line = heading.position!.start.line;
    const next = headings[index + 1];
    const source = markdown.slice(startOf(heading), next === undefined ? markdown.length : startOf(next));
    const newline = source.indexOf('\n');
    const title = (newline === -1 ? source : source.slice(0, newline)).replace(/^##\s*/u, '').replace(/(?:\s+#+)?\s*$/u, '');
    const text = newline === -1 ? '' : source.slice(newline + 1).trim();
    const problem = (message: string): void => {
      problems.push({ severity: 'error', file: options.file, line: options.bodyLine + line - 1, field: 'body', message });
    };
    const pinned = PINNED.test(title);
    const match = ENTRY_HEADING.exec(title.replace(PINNED, ''));
    if (!match?.groups) {
      problem(
        `expected a ticker entry heading with its time first, like "## 14:32 Überschrift" or "## 3.12. 00:15", found "## ${title}"`,
      );
      return;
    }
    const time = readEntryTime(match.groups, options);
    if (typeof time === 'string') {
      problem(`${time}, found "## ${title}"`);
      return;
    }
    if (time.getTime() < options.start.getTime()) {
      problem(
        `expected an entry at or after the ticker's start (its date); an entry on a later day names that day, like "## 3.12. 00:15", found "## ${title}"`,
      );
      return;
    }
    if (text === '') {
      problem(`expected the entry's text below its heading, found none under "## ${title}"`);
      return;
    }
    const id = describeEntryId(time, options.timeZone);
    const seen = ids.get(id) ?? 0;
    ids.set(id, seen + 1);
    const { markdown: entryText, credits } = takeEntryCredits(text);
    written.push({
      id: seen === 0 ? id : `${id}-${seen + 1}`,
      time,
      headline: match.groups.headline,
      markdown: entryText,
      credits,
      pinned,
      line: options.bodyLine + line - 1,
    });
  });
  // Newest first; `sort` is stable, so entries of one minute keep the order they were written in.
  const entries = written.sort((a, b) => b.time.getTime() - a.time.getTime());
  return { body: { summary: summary === '' ? undefined : summary, entries }, problems };
}

/** The instant a heading's time names, or what was expected instead of it. */
function readEntryTime(groups: Record<string, string | undefined>, options: ReadTickerOptions): Date | string {
  const hour = Number(groups.hour);
  const minute = Number(groups.minute);
  if (hour > 23 || minute > 59) return 'expected a time of day from 00:00 to 23:59';
  const startDay = getCalendarDay(options.start, options.timeZone);
  let year = startDay.year;
  let month = startDay.month;
  let day = startDay.day;
  if (groups.iso !== undefined) [year, month, day] = groups.iso.split('-').map(Number) as [number, number, number];
  else if (groups.day !== undefined) {
    day = Number(groups.day);
    month = Number(groups.month);
    // A ticker over New Year's Eve: "1.1." after a December start is the next year's.
    year = groups.year !== undefined ? Number(groups.year) : month < startDay.month ? startDay.year + 1 : startDay.year;
  }
  const pad = (value: number): string => String(value).padStart(2, '0');
  // The publication-time reader's own rule for a real calendar time, so 31.2. is refused alike.
  const written = parseWrittenTime(`${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`);
  if (!written) return 'expected a real calendar day before the time';
  return resolveWrittenTime(written, options.timeZone);
}

/** `eintrag-2026-12-02-1432`: the entry's day and minute in the paper's zone. */
function describeEntryId(time: Date, timeZone: string): string {
  const local = formatIsoWithOffset(time, timeZone);
  return `eintrag-${local.slice(0, 10)}-${local.slice(11, 13)}${local.slice(14, 16)}`;
}

/** The entry's closing signature, taken from the end of its last paragraph. */
function takeEntryCredits(text: string): { markdown: string; credits: string[] } {
  const split = text.lastIndexOf('\n\n');
  const last = split === -1 ? text : text.slice(split + 2);
  const trailing = splitTrailingCredits(last);
  if (!trailing) return { markdown: text, credits: [] };
  return { markdown: `${split === -1 ? '' : text.slice(0, split + 2)}${trailing.text}`, credits: trailing.sources };
}
