import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type BuiltFixture } from '../helpers/build-fixture.ts';

let site: BuiltFixture;

afterAll(async () => {
  await site?.remove();
});

beforeAll(async () => {
  site = await buildFixture('english');
});

describe('a paper with an English locale', () => {
  it('uses English URL words for topics, authors and the archive', async () => {
    expect(await site.exists('/topic/climate/')).toBe(true);
    expect(await site.exists('/author/jdoe/')).toBe(true);
    expect(await site.exists('/archive/')).toBe(true);
    expect(await site.exists('/thema/climate/')).toBe(false);
  });

  it('prints interface text and dates in English', async () => {
    const $ = await site.page('/2024/01/10/floods/');
    expect($('html').attr('lang')).toBe('en-GB');
    expect($('.byline').text().replace(/\s+/g, ' ').trim()).toBe('By Jane Doe');
    expect($('.article-dates time').first().text()).toBe('10 January 2024, 18:45');
    expect($('.article-dates time').first().attr('datetime')).toBe('2024-01-10T18:45:00+00:00');
    expect($('.article-body .dateline').text().trim()).toBe('YORK AP |');
    expect((await site.page('/'))('.most-commented h2').text()).toBe('Most commented');
  });
});
