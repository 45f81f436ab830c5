import { describe, expect, it } from 'vitest';
import {
  formatIsoWithOffset,
  getCalendarDay,
  getZoneOffsetMinutes,
  parsePublicationTime,
  parseWrittenTime,
} from '../../../../src/lib/content/dates.ts';

const BERLIN = 'Europe/Berlin';

describe('parseWrittenTime', () => {
  it('reads a local date and time as a newsroom writes it', () => {
    expect(parseWrittenTime('2010-12-13 18:45')).toEqual({
      year: 2010,
      month: 12,
      day: 13,
      hour: 18,
      minute: 45,
      second: 0,
      offsetMinutes: null,
    });
  });

  it('reads ISO 8601 with seconds, fractions and an offset', () => {
    expect(parseWrittenTime('2010-12-13T18:45:30.250+01:00')?.offsetMinutes).toBe(60);
    expect(parseWrittenTime('2010-12-13T18:45:30-0530')?.offsetMinutes).toBe(-330);
    expect(parseWrittenTime('2010-12-13T17:45Z')?.offsetMinutes).toBe(0);
  });

  it('reads a bare date as midnight', () => {
    expect(parseWrittenTime('2010-12-13')).toMatchObject({ hour: 0, minute: 0 });
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    for (const text of [
      '2010-02-30',
      '2011-02-29 10:00',
      '2010-13-01',
      '2010-12-13 24:00',
      '2010-12-13 18:60',
      '13.12.2010',
      '',
      'gestern',
    ]) {
      expect(parseWrittenTime(text), text).toBeNull();
    }
  });

  it('accepts the 29th of February in a leap year', () => {
    expect(parseWrittenTime('2012-02-29')).not.toBeNull();
  });
});

describe('parsePublicationTime', () => {
  it('reads a local time in the paper’s zone, winter and summer', () => {
    expect(parsePublicationTime('2010-12-13 18:45', BERLIN)?.toISOString()).toBe('2010-12-13T17:45:00.000Z');
    expect(parsePublicationTime('2024-07-01 12:00', BERLIN)?.toISOString()).toBe('2024-07-01T10:00:00.000Z');
  });

  it('reads years below 100 as written, not shifted by 1900 years', () => {
    expect(parsePublicationTime('0001-01-01 12:00', 'UTC')?.toISOString()).toBe('0001-01-01T12:00:00.000Z');
    expect(parsePublicationTime('0099-12-31T23:00:00+00:00', BERLIN)?.getUTCFullYear()).toBe(99);
    expect(parseWrittenTime('0004-02-29')).not.toBeNull();
    expect(parseWrittenTime('0001-02-29')).toBeNull();
  });

  it('keeps an explicit offset whatever the paper’s zone', () => {
    expect(parsePublicationTime('2010-12-13T18:45:00-05:00', BERLIN)?.toISOString()).toBe('2010-12-13T23:45:00.000Z');
  });

  it('reads a time in the skipped spring-forward hour as the wall clock shows it after the jump', () => {
    // 2024-03-31 02:30 does not exist in Berlin; the earlier offset (+01:00) is applied.
    expect(parsePublicationTime('2024-03-31 02:30', BERLIN)?.toISOString()).toBe('2024-03-31T01:30:00.000Z');
  });

  it('returns null for text that is no date', () => {
    expect(parsePublicationTime('2010-02-30', BERLIN)).toBeNull();
  });
});

describe('zone helpers', () => {
  it('knows Berlin’s offset in winter and summer', () => {
    expect(getZoneOffsetMinutes(new Date('2010-12-13T12:00:00Z'), BERLIN)).toBe(60);
    expect(getZoneOffsetMinutes(new Date('2010-07-13T12:00:00Z'), BERLIN)).toBe(120);
  });

  it.each([
    [BERLIN, '2010-03-28'],
    [BERLIN, '2010-10-31'],
    ['America/New_York', '2010-11-07'],
    ['Australia/Lord_Howe', '2010-04-04'],
    ['Pacific/Apia', '2011-12-29'],
  ])('gives %s’s offset around the transition on %s minute by minute, as Intl reads it', (zone, day) => {
    const reference = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    const offsetOf = (date: Date): number => {
      const name = reference.formatToParts(date).find((part) => part.type === 'timeZoneName')!.value;
      const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
      return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
    };
    const start = new Date(`${day}T00:00:00Z`).getTime() - 86_400_000;
    for (let minute = 0; minute < 3 * 24 * 60; minute += 7) {
      const date = new Date(start + minute * 60_000);
      expect(getZoneOffsetMinutes(date, zone), date.toISOString()).toBe(offsetOf(date));
    }
  });

  it('puts a late-evening UTC time on the next day in Berlin', () => {
    expect(getCalendarDay(new Date('2010-12-13T23:30:00Z'), BERLIN)).toEqual({ year: 2010, month: 12, day: 14 });
  });

  it('formats RFC 3339 with the paper’s offset', () => {
    expect(formatIsoWithOffset(new Date('2010-12-13T17:45:00Z'), BERLIN)).toBe('2010-12-13T18:45:00+01:00');
    expect(formatIsoWithOffset(new Date('2010-12-13T17:45:00Z'), 'America/New_York')).toBe('2010-12-13T12:45:00-05:00');
    expect(formatIsoWithOffset(new Date('2010-12-13T17:45:00Z'), 'Asia/Kolkata')).toBe('2010-12-13T23:15:00+05:30');
  });
});
