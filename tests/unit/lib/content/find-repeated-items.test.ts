import { describe, expect, it } from 'vitest';
import { findRepeatedItems } from '../../../../src/lib/content/find-repeated-items.ts';
import { createArticleSchema } from '../../../../src/schemas/article.ts';
import { imagePath } from '../../../../src/schemas/fields.ts';

const where = { file: 'content/articles/a.md', locate: (path: ReadonlyArray<PropertyKey>) => 10 + Number(path[1] ?? 0) };

describe('findRepeatedItems', () => {
  it('warns once per repeated value, at its first repeat, however often it is repeated', () => {
    const topics = ['wohnen', 'mieten', ...Array<string>(10_000).fill('wohnen')];
    const problems = findRepeatedItems({ topics }, ['topics'], where);
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: 'content/articles/a.md',
        line: 12,
        field: 'topics[2]',
        message: 'expected each item once, found "wohnen" 10000 more times (first as topics[0]); it counts once. Remove the repeat',
      },
    ]);
  });

  it('compares guest bylines by their fields and leaves lists without repeats alone', () => {
    const authors = ['ngraf', { name: 'Jana Beispiel' }, { name: 'Jana Beispiel' }];
    expect(findRepeatedItems({ authors, credits: ['dpa', 'afp'] }, ['authors', 'credits'], where).map((p) => p.field)).toEqual(['authors[2]']);
  });
});

describe('the article schema', () => {
  it('counts a repeated topic, author, credit, related article and alias once', () => {
    const data = createArticleSchema(imagePath).parse({
      id: 1,
      headline: 'Titel',
      teaser: 'Vorspann',
      section: 'politik',
      topics: ['wohnen', 'wohnen', 'mieten'],
      authors: ['ngraf', 'ngraf'],
      credits: ['dpa', 'dpa'],
      related: [7, 7],
      aliases: ['/alt/', '/alt/'],
    });
    expect([data.topics, data.authors, data.credits, data.related, data.aliases]).toEqual([['wohnen', 'mieten'], ['ngraf'], ['dpa'], [7], ['/alt/']]);
  });
});
