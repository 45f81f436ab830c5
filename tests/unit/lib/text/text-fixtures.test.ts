/**
 * The plain-text fixtures in tests/fixtures/text: each `<case>.txt` with the fields a correct
 * parser extracts in `<case>.expected.json`, written from the format's rules, not from the parser.
 * An optional `warnings` list names words each expected warning contains.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGopherEdition } from '../../../../src/lib/text/gopher-edition.ts';
import type { TextArticle } from '../../../../src/lib/text/text-article.ts';
import { parseWebPageText } from '../../../../src/lib/text/web-page-text.ts';

const root = new URL('../../../fixtures/text/', import.meta.url);

function comparable(article: TextArticle): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    kicker: article.kicker,
    headline: article.headline,
    teaser: article.teaser,
    imageCaption: article.imageCaption,
    imageCredit: article.imageCredit,
    dateline: article.dateline,
    credits: article.credits,
    date: article.date,
    authors: article.authors,
    paragraphs: article.paragraphs,
    related: article.related.map((item) =>
      Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)),
    ),
    truncated: article.truncated,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

for (const [folder, parse] of [
  ['gopher', parseGopherEdition],
  ['web', parseWebPageText],
] as const) {
  describe(`${folder} fixtures`, () => {
    const cases = readdirSync(new URL(`${folder}/`, root)).filter((name) => name.endsWith('.txt'));
    it('has fixtures', () => {
      expect(cases.length).toBeGreaterThanOrEqual(10);
    });
    for (const name of cases) {
      it(`reads ${name.replace(/\.txt$/, '')} as expected`, () => {
        const text = readFileSync(new URL(`${folder}/${name}`, root), 'utf8');
        const expected = JSON.parse(
          readFileSync(new URL(`${folder}/${name.replace(/\.txt$/, '.expected.json')}`, root), 'utf8'),
        ) as Record<string, unknown>;
        const { warnings, ...fields } = expected as { warnings?: string[] };
        const article = parse(text);
        expect(comparable(article)).toEqual({ truncated: false, ...fields });
        // A case that names warnings expects each among the parser's notes (a guess it made, say).
        for (const warning of warnings ?? []) {
          expect(article.warnings.map((note) => note.message)).toContainEqual(expect.stringContaining(warning));
        }
      });
    }
  });
}
