import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { hashImport, planImport } from '../../../../src/lib/content/import-article.ts';

const dump = ['| # taz.de -- Kicker: Eine Schlagzeile | |', '| > Ein Vorspann. | |', '| BERLIN taz | Erster Absatz. | |', '| 4 Mar 2014 | |'].join('\n');

describe('planImport', () => {
  it('turns a dump into Markdown with front matter and records where it came from', () => {
    const plan = planImport(dump, 'archiv/5130574.txt', undefined, false);
    expect(plan.outcome).toBe('imported');
    expect(plan.targetName).toBe('5130574.md');
    const written = matter(plan.output!);
    expect(written.data).toMatchObject({ id: 5130574, kicker: 'Kicker', headline: 'Eine Schlagzeile', teaser: 'Ein Vorspann.', date: '2014-03-04', dateline: 'BERLIN', credits: ['taz'] });
    expect(written.data['imported']).toEqual({ source: 'archiv/5130574.txt', hash: hashImport(written.data, written.content) });
    expect(written.content.trim()).toBe('Erster Absatz.');
  });

  it('is idempotent: importing the same dump over its own output changes nothing', () => {
    const first = planImport(dump, 'archiv/5130574.txt', undefined, false);
    expect(planImport(dump, 'archiv/5130574.txt', first.output, false).outcome).toBe('unchanged');
  });

  it('updates an unedited import when the dump changed', () => {
    const first = planImport(dump, 'archiv/5130574.txt', undefined, false);
    const changed = dump.replace('Erster Absatz.', 'Erster, neuer Absatz.');
    expect(planImport(changed, 'archiv/5130574.txt', first.output, false).outcome).toBe('updated');
  });

  it('never overwrites a file edited since its import, unless forced', () => {
    const first = planImport(dump, 'archiv/5130574.txt', undefined, false);
    const edited = first.output!.replace('Erster Absatz.', 'Von Hand verbessert.');
    expect(planImport(dump, 'archiv/5130574.txt', edited, false)).toMatchObject({ outcome: 'skipped', notes: ['the target was edited since it was imported; --force overwrites it'] });
    expect(planImport(dump, 'archiv/5130574.txt', edited, true).outcome).toBe('updated');
  });

  it('never overwrites a file it did not write, unless forced', () => {
    expect(planImport(dump, 'a/5130574.txt', '---\nid: 5130574\n---\nHandgeschrieben.\n', false).outcome).toBe('skipped');
  });

  it('names what it recognised, and reports the appeal it left out once', () => {
    const page = [
      'Nahverkehr: Der Rufbus kommt',
      'Kleinbusse auf Bestellung ersetzen leere Linienbusse.',
      'Kommentar von Jana Beispiel',
      'Berlin taz | Um 7.40 Uhr hält der kleine weiße Bus vor dem Haus.',
      'Die taz gehört ihren Leserinnen und Lesern',
      'Damit alle unsere Artikel kostenlos bleiben, bitten wir Sie um einen freiwilligen Beitrag – schon 5 Euro im Monat helfen.',
      'Die Zahl der Fahrgäste hat sich verdoppelt.',
      'dpa',
    ].join('\n');
    const plan = planImport(page, 'web/5130800.txt', undefined, false);
    expect(plan.recognised).toEqual(['dateline Berlin', 'credits taz/dpa', 'byline Jana Beispiel', 'appeal removed (lines 5–6)']);
    expect(plan.notes.filter((note) => note.includes('appeal'))).toEqual([]);
    expect(matter(plan.output!).content).not.toMatch(/Beitrag|Leserinnen/);
  });

  it('fails with a message for a dump without a headline', () => {
    expect(planImport('', 'leer.txt', undefined, false)).toMatchObject({ outcome: 'failed', notes: ['leer.txt — expected a headline on the first line, found none'] });
  });
});
