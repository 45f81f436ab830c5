import { describe, expect, it } from 'vitest';
import { getRouteWords } from '../../../../src/lib/site/i18n.ts';
import { createUrls, toAbsoluteUrl } from '../../../../src/lib/site/urls.ts';

const urls = createUrls(getRouteWords('de-DE'));

describe('URL scheme', () => {
  it('puts an article under its publication day and slug, padded', () => {
    expect(urls.article({ year: 2010, month: 3, day: 4 }, 'amazon-hackt-sich-selbst')).toBe(
      '/2010/03/04/amazon-hackt-sich-selbst/',
    );
  });

  it('gives page 1 of a list the list’s own URL and later pages a number', () => {
    expect(urls.section('wirtschaft')).toBe('/wirtschaft/');
    expect(urls.section('wirtschaft', 1)).toBe('/wirtschaft/');
    expect(urls.section('wirtschaft', 3)).toBe('/wirtschaft/3/');
    expect(urls.topic('klimakrise', 2)).toBe('/thema/klimakrise/2/');
    expect(urls.author('jbeispiel')).toBe('/autor/jbeispiel/');
  });

  it('has archive URLs for year, month and day', () => {
    expect(urls.archive()).toBe('/archiv/');
    expect(urls.year(2010)).toBe('/2010/');
    expect(urls.month(2010, 7)).toBe('/2010/07/');
    expect(urls.day({ year: 2010, month: 7, day: 9 })).toBe('/2010/07/09/');
  });

  it('uses English words for an English paper', () => {
    const english = createUrls(getRouteWords('en-GB'));
    expect(english.topic('climate')).toBe('/topic/climate/');
    expect(english.author('jdoe')).toBe('/author/jdoe/');
    expect(english.archive()).toBe('/archive/');
  });

  it('makes absolute URLs with or without a trailing slash on the site address', () => {
    expect(toAbsoluteUrl('https://zeitung.example', '/wirtschaft/')).toBe('https://zeitung.example/wirtschaft/');
    expect(toAbsoluteUrl('https://zeitung.example/', '/wirtschaft/')).toBe('https://zeitung.example/wirtschaft/');
  });
});
