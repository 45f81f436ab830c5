/**
 * Property: whatever a dump looks like — cut anywhere, lines dropped or doubled, frames broken,
 * bytes garbled — reading it yields an article or problems, never an exception.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainTextFormat } from '../../../../src/lib/content/formats/plain-text.ts';
import { parseGopherEdition } from '../../../../src/lib/text/gopher-edition.ts';
import { parseWebPageText } from '../../../../src/lib/text/web-page-text.ts';

const root = new URL('../../../fixtures/text/', import.meta.url);
const fixtures = ['gopher', 'web'].flatMap((folder) =>
  readdirSync(new URL(`${folder}/`, root))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => readFileSync(new URL(`${folder}/${name}`, root), 'utf8')),
);

/** One way of damaging a text, as real dumps are damaged. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('drop-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('double-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 20 }) }),
  fc.record({ kind: fc.constant('unframe' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('swap' as const),
    at: fc.nat(),
    with: fc.constantFrom(
      '|',
      '| |',
      '## AUTOREN',
      '## LINKS',
      '[1][',
      '> ',
      'Bild:',
      '# x -- ',
      ': ',
      '---',
      '\r',
      '\u0000',
      '■ ',
      'taz lesen kann jede:r',
      'meistkommentiert',
      // The shapes of real pages (issue 15): title-case datelines, bylines, run-together titles,
      // appeals in other wordings, closing signatures, briefs, captions, kicker-only titles.
      'Berlin taz | ',
      'Frankfurt am Main dpa/afp | Am Dienstag',
      'Kiew/Berlin afp/rtr/taz |',
      '■ Von Anna Berg',
      'Ein Vorspann.  ■ Von',
      'Kommentar von Jana Beispiel und',
      'Interview: ',
      'Aus Kairo Karim El-Sayed',
      'Von unserer Korrespondentin',
      'Von den 40 Beschäftigten, die geblieben sind.',
      'Streit um die RadwegeNeue Pläne',
      'Das neue iPhone bei McDonald’sStreit',
      'Als Genossenschaft gehören wir unseren Leser:innen. Schon 5 Euro helfen, damit Sie kostenlos lesen.',
      'Ja, ich unterstütze die taz',
      'TAZ, DPA',
      'dpa/afp',
      '(rtr)',
      'Ende. (dpa)',
      ': SV Eichwalde verliert 1:2',
      'Am Landtag. Foto: K. Brandt/epd Die Feuerwehr war mit 80 Kräften vor Ort und blieb bis zum Abend.',
      'Foto: ',
      'rubrik der woche:',
      'Wer rettet die Eckkneipe?',
      '# taz.de -- Liebeserklärung:',
      ':',
    ),
  }),
);

type Mutation = { kind: string; at: number; text?: string; with?: string };

function damage(text: string, mutations: readonly Mutation[]): string {
  let result = text;
  for (const step of mutations) {
    const lines = result.split('\n');
    const line = lines.length ? step.at % lines.length : 0;
    const at = result.length ? step.at % result.length : 0;
    switch (step.kind) {
      case 'cut':
        result = result.slice(0, at);
        break;
      case 'drop-line':
        lines.splice(line, 1);
        result = lines.join('\n');
        break;
      case 'double-line':
        lines.splice(line, 0, lines[line] ?? '');
        result = lines.join('\n');
        break;
      case 'insert':
        result = result.slice(0, at) + (step.text ?? '') + result.slice(at);
        break;
      case 'unframe':
        lines[line] = (lines[line] ?? '').replace(/^\| /, '').replace(/ \| \|$/, '');
        result = lines.join('\n');
        break;
      case 'swap':
        lines[line] = step.with ?? '';
        result = lines.join('\n');
        break;
    }
  }
  return result;
}

describe('reading damaged plain text', () => {
  it('never throws, whatever the damage', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (text, mutations) => {
          const damaged = damage(text, mutations);
          expect(() => parseGopherEdition(damaged)).not.toThrow();
          expect(() => parseWebPageText(damaged)).not.toThrow();
          expect(() => parseGopherEdition(damaged, 1, { closingCredits: false })).not.toThrow();
          const read = plainTextFormat.read(damaged, 'fuzz/5130574.txt');
          expect(read.problems.every((problem) => problem.message.length > 0)).toBe(true);
        },
      ),
      { numRuns: 1500, seed: 20261121 },
    );
  });

  it('never throws on arbitrary text either', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expect(() => plainTextFormat.read(text, 'fuzz/1.txt')).not.toThrow();
      }),
      { numRuns: 1500, seed: 20261121 },
    );
  });
});
