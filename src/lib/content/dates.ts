/**
 * Publication times as newsrooms write them ("2010-12-13 18:45", "2010-12-13T18:45:00+01:00")
 * and as readers see them ("13.12.2010, 18:45 Uhr"). No `astro:*` imports: tested bare.
 */

/** A calendar date and wall-clock time as written in a content file, before any time zone is applied. */
export interface WrittenTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC when the text names an offset (`+01:00`, `Z`); `null` when it is local time. */
  offsetMinutes: number | null;
}

const WRITTEN_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * `Date.UTC` without its two-digit-year rule: `Date.UTC(1, 0, 1)` is 1901, but a content file's
 * year 0001 is year 1.
 */
function toUtcMilliseconds(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(toUtcMilliseconds(year, month + 1, 0)).getUTCDate();
}

/** The years a publication time may name; anything outside is a typo (0024 for 2024, 20244). */
export const PUBLICATION_YEARS = { first: 1000, last: 2100 } as const;

/**
 * Reads a date or date-time written in ISO 8601 style. Returns `null` for anything that is not a
 * real calendar time, so that 2010-02-30 or 25:00 are refused instead of rolling over.
 */
export function parseWrittenTime(text: string): WrittenTime | null {
  const match = WRITTEN_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = match;
  const time: WrittenTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    offsetMinutes: zone === undefined ? null : parseOffset(zone),
  };
  if (time.month < 1 || time.month > 12) return null;
  if (time.day < 1 || time.day > daysInMonth(time.year, time.month)) return null;
  if (time.hour > 23 || time.minute > 59 || time.second > 59) return null;
  if (time.offsetMinutes !== null && Math.abs(time.offsetMinutes) > 14 * 60) return null;
  return time;
}

/** The written date and time read as if in UTC, offset ignored: within a day of the instant it names. */
export function getWallClockMs(time: WrittenTime): number {
  return toUtcMilliseconds(time.year, time.month, time.day, time.hour, time.minute, time.second);
}

function parseOffset(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An `Intl.DateTimeFormat`, made once per locale and options: making one costs far more than
 * formatting with it, and a build of a large paper formats hundreds of thousands of dates.
 */
export function getDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/**
 * Offsets already worked out, per time zone: a paper's 10,000 publication times are turned into
 * calendar days and datelines, and `formatToParts` is the slow part of reading a large paper.
 * A zone's offset is worked out at the start of each UTC day; where it is the same at both ends
 * of the day, the day had no transition (no zone changes its offset twice in one day and back),
 * so every instant of it has that offset. Only a day with a transition is worked out per instant.
 * Emptied when it grows past a few papers' worth.
 */
const offsets = new Map<string, { days: Map<number, number>; instants: Map<number, number> }>();
const OFFSETS_LIMIT = 200_000;
const DAY = 86_400_000;

/** The offset of `timeZone` from UTC, in minutes, at the instant `date`. */
export function getZoneOffsetMinutes(date: Date, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = { days: new Map(), instants: new Map() }));
  const instant = date.getTime();
  const day = Math.floor(instant / DAY);
  const atStart = getDayStartOffset(zone.days, day, timeZone);
  if (atStart === getDayStartOffset(zone.days, day + 1, timeZone)) return atStart;
  let offset = zone.instants.get(instant);
  if (offset === undefined) {
    if (zone.instants.size >= OFFSETS_LIMIT) zone.instants.clear();
    zone.instants.set(instant, (offset = computeZoneOffsetMinutes(date, timeZone)));
  }
  return offset;
}

function getDayStartOffset(days: Map<number, number>, day: number, timeZone: string): number {
  let offset = days.get(day);
  if (offset === undefined) {
    if (days.size >= OFFSETS_LIMIT) days.clear();
    days.set(day, (offset = computeZoneOffsetMinutes(new Date(day * DAY), timeZone)));
  }
  return offset;
}

function computeZoneOffsetMinutes(date: Date, timeZone: string): number {
  const parts = getDateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = toUtcMilliseconds(
    field('year'),
    field('month'),
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/**
 * Turns a written time into an instant. Local times are read in the paper's time zone; in the
 * hour a clock skips or repeats, the earlier reading wins, as a wall clock would show it.
 */
export function resolveWrittenTime(time: WrittenTime, timeZone: string): Date {
  const wall = toUtcMilliseconds(time.year, time.month, time.day, time.hour, time.minute, time.second);
  if (time.offsetMinutes !== null) return new Date(wall - time.offsetMinutes * 60000);
  const firstGuess = wall - getZoneOffsetMinutes(new Date(wall), timeZone) * 60000;
  const offset = getZoneOffsetMinutes(new Date(firstGuess), timeZone);
  return new Date(wall - offset * 60000);
}

/** Parses and resolves in one step; `null` when the text is not a real calendar time. */
export function parsePublicationTime(text: string, timeZone: string): Date | null {
  const time = parseWrittenTime(text);
  return time ? resolveWrittenTime(time, timeZone) : null;
}

/** The calendar day of an instant in the paper's time zone, for archive URLs. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

export function getCalendarDay(date: Date, timeZone: string): CalendarDay {
  const shifted = new Date(date.getTime() + getZoneOffsetMinutes(date, timeZone) * 60000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** RFC 3339 with the paper's offset (`2010-12-13T18:45:00+01:00`), for `<time datetime>`. */
export function formatIsoWithOffset(date: Date, timeZone: string): string {
  const offset = getZoneOffsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
