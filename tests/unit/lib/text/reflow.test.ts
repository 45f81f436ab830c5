import { describe, expect, it } from 'vitest';
import { estimateWrapWidth, joinWrapped, reflowParagraphs } from '../../../../src/lib/text/reflow.ts';

/** Greedy wrapping, as the text edition does it: as many words on a line as fit in `width`. */
function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const paragraphs = [
  'Am Dienstagmorgen fiel im Rechenzentrum der Stadtwerke von Nordheim ein Netzteil aus. Die Reserve, die für genau diesen Fall angeschafft worden war, sprang nicht an, weil ein Schalter falsch stand. Erst gegen Mittag lief der Betrieb wieder, nachdem ein Techniker aus der Nachbarstadt gekommen war.',
  'Betroffen waren nach Angaben des Betreibers rund 40.000 Haushalte, die weder ihre Rechnungen einsehen noch Störungen melden konnten. Auch die Ampelsteuerung in der Innenstadt fiel für eine halbe Stunde aus.',
  'Kurz.',
  '„Wir werden die Abläufe prüfen“, sagte eine Sprecherin. „Das darf sich nicht wiederholen.“',
  'Die Ursache soll nun ein externer Gutachter klären, der bis Ende des Monats einen Bericht vorlegen wird. Der Stadtrat will sich in seiner nächsten Sitzung mit dem Vorfall befassen, die Opposition fordert einen Sonderausschuss und personelle Konsequenzen.',
  'Ein Sprecher der Stadtwerke wies die Kritik zurück: Man habe schnell und transparent informiert.',
];

describe('reflowParagraphs', () => {
  it('rebuilds the paragraphs of a long text wrapped at 75 columns with no blank lines', () => {
    const lines = paragraphs.flatMap((paragraph) => wrap(paragraph, 75));
    expect(reflowParagraphs(lines, 75)).toEqual(paragraphs);
  });

  it('finds the wrap width by itself', () => {
    const lines = paragraphs.flatMap((paragraph) => wrap(paragraph, 75));
    expect(estimateWrapWidth(lines)).toBeLessThanOrEqual(75);
    expect(reflowParagraphs(lines)).toEqual(paragraphs);
  });

  it('rebuilds paragraphs at other widths too', () => {
    for (const width of [60, 72, 80]) {
      expect(reflowParagraphs(paragraphs.flatMap((paragraph) => wrap(paragraph, width))), String(width)).toEqual(
        paragraphs,
      );
    }
  });

  it('keeps a full line that happens to end a sentence inside its paragraph', () => {
    const text =
      'Erste Zeile füllt die Breite aus und endet zufällig genau hier mit Punkt. Dann geht der Absatz weiter.';
    const lines = wrap(text, 73);
    expect(lines[0]?.endsWith('.')).toBe(true);
    expect(reflowParagraphs(lines, 73)).toEqual([text]);
  });

  it('treats blank lines as paragraph breaks as well', () => {
    expect(reflowParagraphs(['Eins.', '', 'Zwei ohne Punkt', '', 'Drei.'])).toEqual([
      'Eins.',
      'Zwei ohne Punkt',
      'Drei.',
    ]);
  });
});

describe('joinWrapped', () => {
  it('joins words with one space', () => {
    expect(joinWrapped('am Dienstag ', ' im Rat')).toBe('am Dienstag im Rat');
  });

  it('rejoins a compound broken after its hyphen, but keeps a suspended compound', () => {
    expect(joinWrapped('ein Hardware-', 'Fehler')).toBe('ein Hardware-Fehler');
    expect(joinWrapped('auf Bundes-', 'und Landesebene')).toBe('auf Bundes- und Landesebene');
  });
});

describe('gopher edition details', () => {
  it('separates related entries at blank lines, even one without a teaser', async () => {
    const { parseGopherEdition } = await import('../../../../src/lib/text/gopher-edition.ts');
    const text = [
      '# Blatt -- Kicker: Titel',
      'Text.',
      '## ARTIKEL ZUM THEMA',
      'Ohne Teaser',
      '',
      'K: Zwei',
      'Ein Satz.',
    ].join('\n');
    expect(parseGopherEdition(text).related).toEqual([
      { headline: 'Ohne Teaser' },
      { kicker: 'K', headline: 'Zwei', teaser: 'Ein Satz.' },
    ]);
  });

  it('escapes a paragraph’s start only at the start, not after a link', async () => {
    const { parseGopherEdition } = await import('../../../../src/lib/text/gopher-edition.ts');
    const text = ['# Blatt -- Titel', '[1][Nord]- und Süd', '## LINKS', '[1] https://example.org/n'].join('\n');
    expect(parseGopherEdition(text).paragraphs).toEqual(['[Nord](https://example.org/n)- und Süd']);
  });
});
