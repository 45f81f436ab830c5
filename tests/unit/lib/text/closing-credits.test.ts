import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { takeClosingCredits } from '../../../../src/lib/text/closing-credits.ts';
import { parseGopherEdition } from '../../../../src/lib/text/gopher-edition.ts';
import { emptyTextArticle } from '../../../../src/lib/text/text-article.ts';
import { parseWebPageText } from '../../../../src/lib/text/web-page-text.ts';

function articleWith(paragraphs: string[], credits: string[] = []): ReturnType<typeof emptyTextArticle> {
  return { ...emptyTextArticle(), paragraphs, credits };
}

describe('takeClosingCredits', () => {
  it('moves a last line of agencies into the credits, each once', () => {
    const article = articleWith(['Erster Absatz.', 'TAZ, DPA'], ['taz']);
    takeClosingCredits(article);
    expect(article).toMatchObject({ paragraphs: ['Erster Absatz.'], credits: ['taz', 'DPA'] });
  });

  it('takes "(dpa)" after the last sentence', () => {
    const article = articleWith(['Erster Absatz.', 'Die Strecke bleibt gesperrt. (dpa/afp)']);
    takeClosingCredits(article);
    expect(article).toMatchObject({
      paragraphs: ['Erster Absatz.', 'Die Strecke bleibt gesperrt.'],
      credits: ['dpa', 'afp'],
    });
  });

  it('leaves a last line alone that names no known agency', () => {
    const article = articleWith(['Erster Absatz.', 'ende']);
    takeClosingCredits(article);
    expect(article.paragraphs).toEqual(['Erster Absatz.', 'ende']);
  });
});

describe('closing credits in the parsers', () => {
  const gopher = readFileSync(
    new URL('../../../fixtures/text/gopher/credits-signature-slash.txt', import.meta.url),
    'utf8',
  );

  it('can be switched off, as a live ticker whose entries carry their own credits needs', () => {
    const read = parseGopherEdition(gopher, 1, { closingCredits: false });
    expect(read.credits).toEqual([]);
    expect(read.paragraphs.at(-1)).toBe('taz/epd');
    const web = parseWebPageText('Titel: Eine Meldung\nEin Vorspann.\nErster Absatz.\n(rtr)\n', 1, {
      closingCredits: false,
    });
    expect(web.paragraphs).toEqual(['Erster Absatz.', '(rtr)']);
  });
});
