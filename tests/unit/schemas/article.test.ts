import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { createArticleSchema } from '../../../src/schemas/article.ts';

const schema = createArticleSchema(() => z.string());
const minimal = {
  id: 5130574,
  headline: 'Amazon hackt sich selbst',
  teaser: 'Teaser.',
  date: '2010-12-13 18:45',
  section: 'wirtschaft',
};

describe('article schema', () => {
  it('accepts the minimal article and fills list defaults', () => {
    expect(schema.parse(minimal)).toEqual({
      ...minimal,
      topics: [],
      authors: [],
      credits: [],
      related: [],
      aliases: [],
      draft: false,
    });
  });

  it('accepts every field of a full taz-style article', () => {
    const full = {
      ...minimal,
      slug: 'amazon',
      kicker: 'Nach vermeintlicher Hacker-Attacke',
      updated: '2010-12-14T09:10:00+01:00',
      correction: 'Korrigiert.',
      topics: ['netzpolitik'],
      authors: ['tkleinz'],
      credits: ['dpa', 'rtr'],
      dateline: 'LONDON/BERLIN',
      image: { src: './a.jpg', alt: 'Alt', caption: 'Caption', credit: 'Foto: X/dpa' },
      related: [1],
      comments: 12,
      draft: true,
      lang: 'en-GB',
      aliases: ['/2010/12/13/alter-titel/'],
    };
    expect(schema.parse(full)).toEqual(full);
  });

  it('refuses ids that are not positive whole numbers', () => {
    for (const id of [0, -1, 1.5, '5130574'])
      expect(schema.safeParse({ ...minimal, id }).success, String(id)).toBe(false);
  });

  it('refuses an image without alternative text', () => {
    expect(schema.safeParse({ ...minimal, image: { src: './a.jpg' } }).success).toBe(false);
  });
});
