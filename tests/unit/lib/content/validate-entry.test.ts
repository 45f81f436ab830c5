import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { validateEntry } from '../../../../src/lib/content/validate-entry.ts';
import { createArticleSchema } from '../../../../src/schemas/article.ts';

const schema = createArticleSchema(() => z.string());
const where = { file: 'a.md', locate: (path: ReadonlyArray<PropertyKey>) => path.length + 1 };
const valid = { id: 1, headline: 'H', teaser: 'T', date: '2010-12-13 18:45', section: 'politik' };

function messages(data: unknown): string[] {
  const result = validateEntry(schema, data, where);
  return result.ok ? [] : result.problems.map((problem) => `${problem.field ?? ''} — ${problem.message}`);
}

describe('validateEntry', () => {
  it('returns the data with defaults when it is valid', () => {
    const result = validateEntry(schema, valid, where);
    expect(result.ok && result.value).toMatchObject({ topics: [], authors: [], credits: [], related: [], draft: false });
  });

  it('says what was expected and what was found, per field', () => {
    expect(messages({ ...valid, id: 'elf', draft: 'ja', topics: 'politik' })).toEqual([
      'id — expected a whole number like 5130574, found "elf"',
      'topics — expected a list, found "politik"',
      'draft — expected true or false, found "ja"',
    ]);
  });

  it('names a missing required field', () => {
    expect(messages({ ...valid, headline: undefined })).toEqual(['headline — expected text, found nothing: the field is required']);
  });

  it('refuses empty text', () => {
    expect(messages({ ...valid, teaser: '  ' })).toEqual(['teaser — expected text, found an empty value']);
  });

  it('refuses unknown fields and suggests the nearest known one', () => {
    expect(messages({ ...valid, kickr: 'x' })[0]).toMatch(/^kickr — expected one of the known fields \(id, slug, kicker, .*\), found the unknown field "kickr"\. Did you mean "kicker"\?$/);
  });

  it('refuses unknown fields in nested groups with their path', () => {
    expect(messages({ ...valid, image: { src: 'a.jpg', alt: 'A', capton: 'x' } })[0]).toMatch(/^image\.capton — expected one of the known fields \(src, alt, caption, credit\)/);
  });

  it('reports list items by index', () => {
    expect(messages({ ...valid, authors: ['ok', 'Nicht OK'] })).toEqual([
      'authors[1] — expected a slug of lower-case letters, digits and hyphens (like "wirtschaft"), found "Nicht OK"',
    ]);
  });

  it('puts each problem on the line the locator gives for its path', () => {
    const result = validateEntry(schema, { ...valid, authors: [1] }, where);
    expect(!result.ok && result.problems[0]?.line).toBe(3);
  });
});
