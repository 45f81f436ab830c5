import { describe, expect, it } from 'vitest';
import { siteSchema } from '../../../src/schemas/site.ts';

describe('site settings', () => {
  it('fills defaults for a German paper', () => {
    expect(siteSchema.parse({ title: 'Blatt', url: 'https://blatt.example' })).toMatchObject({
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
      pageSize: 20,
      mostCommented: { days: 7, count: 5 },
    });
  });

  it('refuses an unknown time zone and a relative site address', () => {
    const result = siteSchema.safeParse({ title: 'Blatt', url: '/blatt', timeZone: 'Mars/Olympus' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['timeZone', 'url']);
  });

  it('accepts the four kinds of navigation item and nothing else', () => {
    const navigation = [
      { section: 'politik' },
      { topic: 'klima' },
      { page: 'impressum' },
      { label: 'Podcast', url: 'https://pod.example' },
    ];
    expect(siteSchema.safeParse({ title: 'B', url: 'https://b.example', navigation }).success).toBe(true);
    expect(
      siteSchema.safeParse({
        title: 'B',
        url: 'https://b.example',
        navigation: [{ label: 'X', url: 'javascript:alert(1)' }],
      }).success,
    ).toBe(false);
  });
});
