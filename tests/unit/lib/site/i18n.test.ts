import { describe, expect, it } from 'vitest';
import {
  formatDay,
  formatLongDay,
  formatMonth,
  formatPublicationTime,
  getDictionary,
  getLanguage,
  getRouteWords,
} from '../../../../src/lib/site/i18n.ts';

const date = new Date('2010-12-13T17:45:00Z');

describe('i18n', () => {
  it('formats dates the way a German paper prints them', () => {
    expect(formatPublicationTime(date, 'de-DE', 'Europe/Berlin')).toBe('13.12.2010, 18:45 Uhr');
    expect(formatDay(date, 'de-DE', 'Europe/Berlin')).toBe('13.12.2010');
    expect(formatLongDay(date, 'de-DE', 'Europe/Berlin')).toBe('Montag, 13. Dezember 2010');
    expect(formatMonth(2010, 12, 'de-DE')).toBe('Dezember 2010');
  });

  it('formats dates in English for an English paper', () => {
    expect(formatPublicationTime(date, 'en-GB', 'Europe/London')).toBe('13 December 2010, 17:45');
    // ICU versions differ on the comma after the weekday.
    expect(formatLongDay(date, 'en-GB', 'Europe/London')).toMatch(/^Monday,? 13 December 2010$/);
  });

  it('picks German for any German locale and English for everything else', () => {
    expect(getLanguage('de-AT')).toBe('de');
    expect(getLanguage('en-US')).toBe('en');
    expect(getLanguage('fr-FR')).toBe('en');
  });

  it('has the same keys in both dictionaries, none empty', () => {
    const de = getDictionary('de-DE');
    const en = getDictionary('en-GB');
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const [key, value] of Object.entries(en)) {
      if (typeof value === 'string' && key !== 'timeSuffix') expect(value, key).not.toBe('');
    }
  });

  it('pluralises counts', () => {
    expect(getDictionary('de-DE').comments(1)).toBe('1 Kommentar');
    expect(getDictionary('de-DE').comments(12)).toBe('12 Kommentare');
    expect(getDictionary('en').articleCount(1)).toBe('1 article');
  });

  it('uses URL words in the paper’s language', () => {
    expect(getRouteWords('de-DE')).toEqual({
      article: 'artikel',
      topic: 'thema',
      author: 'autor',
      archive: 'archiv',
      search: 'suche',
    });
    expect(getRouteWords('en-GB')).toEqual({
      article: 'article',
      topic: 'topic',
      author: 'author',
      archive: 'archive',
      search: 'search',
    });
  });
});
