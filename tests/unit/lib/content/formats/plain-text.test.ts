import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveTeaser, plainTextFormat } from '../../../../../src/lib/content/formats/plain-text.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/mixed/content/articles/${name}`, import.meta.url), 'utf8');

describe('plain-text format', () => {
  it('reads a gopher dump into front-matter fields, with the id from the file name', () => {
    const { data, body } = plainTextFormat.read(fixture('wirtschaft/5130574.txt'), 'articles/wirtschaft/5130574.txt');
    expect(data).toMatchObject({
      id: 5130574,
      kicker: 'Nach dem Stromausfall',
      headline: 'Rechenzentrum wieder am Netz',
      date: '2014-03-04',
      dateline: 'KASSEL',
      credits: ['taz'],
      authors: [{ name: 'Jana Beispiel' }, { name: 'Tom Neuling' }],
      image: { caption: 'Ein Techniker prüft ein Serverrack: Alltag im Rechenzentrum' },
    });
    expect(data['related']).toHaveLength(2);
    expect(body.split('\n\n')).toHaveLength(2);
    expect(body).toContain('[Angaben des Betreibers](https://example.org/meldung)');
  });

  it('reads web-page text and leaves the boilerplate out, saying so', () => {
    const { data, body, problems } = plainTextFormat.read(fixture('politik/5130600.txt'), 'x/5130600.txt');
    expect(data).toMatchObject({ id: 5130600, kicker: 'Landtag', headline: 'Streit um Leser:innen-Beteiligung', dateline: 'WIESBADEN', credits: ['dpa'] });
    expect(body).not.toMatch(/taz lesen|meistkommentiert|Verträge gekündigt|taz logo/);
    expect(problems.map((problem) => problem.severity)).toEqual(['warning', 'warning']);
  });

  it('lets a front-matter block override what the text says, and locates its fields', () => {
    const text = '---\nsection: politik\nheadline: Überschrieben\n---\nKommentar: Mehr Mut, bitte\nDie Stadt braucht Mut.\nErster Absatz.\n';
    const read = plainTextFormat.read(text, 'k.txt');
    expect(read.data).toMatchObject({ section: 'politik', headline: 'Überschrieben', kicker: 'Kommentar', teaser: 'Die Stadt braucht Mut.' });
    expect(read.locate(['section'])).toBe(2);
    expect(read.locate(['kicker'])).toBe(5);
    expect(read.bodyLine).toBe(7);
  });

  it('stands in the first sentences for a missing teaser, with a warning', () => {
    const read = plainTextFormat.read('Schlagzeile ohne Vorspann\nBERLIN taz | Erster Satz. Zweiter Satz.\n', 'a.txt');
    expect(read.data['teaser']).toBe('Erster Satz. Zweiter Satz.');
    expect(read.problems.map((problem) => problem.message)).toContain('expected a teaser, found none; the first sentences of the body stand in for it');
  });

  it('gives an article whose title is only a kicker its kicker as headline, with a warning', () => {
    const text = [
      'Die Wochenvorschau:',
      'Was in den kommenden Tagen in der Stadt wichtig wird: ein Streik, eine Ratssitzung und ein Fest.',
      'Am Montag streiken die Stadtwerke. Busse und Bahnen fahren bis 14 Uhr nicht.',
      'Am Mittwoch entscheidet der Stadtrat über das alte Hallenbad.',
    ].join('\n');
    const read = plainTextFormat.read(text, 'lokal/5130700.txt');
    expect(read.data['headline']).toBe('Die Wochenvorschau');
    expect(read.data).not.toHaveProperty('kicker');
    expect(read.problems).toContainEqual(
      expect.objectContaining({ severity: 'warning', line: 1, message: expect.stringContaining('is only a kicker') }),
    );
  });

  it('keeps kicker and headline when a short question under a kicker-only title is the headline', () => {
    const read = plainTextFormat.read('rubrik der woche:\nWer rettet die Eckkneipe?\nDie letzte Kneipe hat zu.\nErster Absatz.\n', 'k/1.txt');
    expect(read.data).toMatchObject({ kicker: 'rubrik der woche', headline: 'Wer rettet die Eckkneipe?', teaser: 'Die letzte Kneipe hat zu.' });
  });

  it('never throws on garbage', () => {
    for (const text of ['', '|', '| |', '# --', '---\n', '---\nfoo: [\n---\n', '\u0000\u0001', '> nur teaser', '## AUTOREN']) {
      expect(() => plainTextFormat.read(text, 'g.txt'), JSON.stringify(text)).not.toThrow();
    }
  });
});

describe('deriveTeaser', () => {
  it('takes whole sentences up to about 200 characters, without link syntax', () => {
    expect(deriveTeaser('Nach [Angaben](https://example.org) der Polizei. Zweiter Satz! Dritter?')).toBe('Nach Angaben der Polizei. Zweiter Satz! Dritter?');
    const long = `${'Ein langer Satz ohne Ende '.repeat(20)}.`;
    expect(deriveTeaser(long).length).toBeLessThanOrEqual(205);
  });
});
