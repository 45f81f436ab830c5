import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../../src/lib/content/model.ts';
import {
  convertBodyMarkdown,
  formatTextEdition,
  type TextEditionInput,
} from '../../../../src/lib/text/text-edition.ts';
import { escapeMarkdown, isGopherEdition, parseGopherEdition } from '../../../../src/lib/text/gopher-edition.ts';
import { makeNewsroom, makePicture } from '../../../helpers/make-newsroom.ts';

const SITE_URL = 'https://depesche.example';

/** A dated article by a staff author (Jana Beispiel) and a guest (Tom Gast), through the real newsroom. */
/** `date: null` builds an undated article. */
function makeArticle(overrides: Partial<Article> = {}, date: string | null = '2010-12-13 18:45'): Article {
  const spec = { id: 5130574, authors: ['jb', { name: 'Tom Gast' }], image: true };
  const [article] = makeNewsroom([date === null ? spec : { ...spec, date }]).articles;
  if (!article) throw new Error('makeNewsroom built no article');
  return { ...article, ...overrides };
}

const realistic: TextEditionInput = {
  siteTitle: 'Die Depesche',
  siteUrl: SITE_URL,
  article: makeArticle({
    kicker: 'Nach dem Stromausfall',
    headline: 'Rechenzentrum wieder am Netz',
    teaser:
      'Einen Tag lang ging in Nordheim nichts mehr. Jetzt sucht die Stadt nach den Ursachen – und die Opposition nach Schuldigen.',
    dateline: 'NORDHEIM/BERLIN',
    credits: ['dpa', 'rtr'],
    image: {
      src: makePicture(),
      alt: 'Bild',
      caption: 'Techniker im Rechenzentrum der Stadtwerke.',
      credit: 'Foto: Jana Beispiel/dpa',
    },
  }),
  bodyMarkdown: `Am Dienstagmorgen fiel im Rechenzentrum der Stadtwerke von Nordheim ein Netzteil aus. Die Reserve sprang **nicht** an, weil ein Schalter falsch stand.

Betroffen waren nach Angaben des Betreibers rund 40.000 Haushalte, wie aus einem [Bericht der Stadtwerke](/2010/12/12/stadtwerke-bericht/) hervorgeht. Auch die Ampelsteuerung in der Innenstadt fiel für eine halbe Stunde aus.

„Wir werden die Abläufe prüfen“, sagte eine Sprecherin.
`,
  related: [
    {
      kicker: 'Stadtwerke Nordheim',
      headline: 'Neuer Chef für das Netz',
      teaser: 'Der Aufsichtsrat hat sich für einen Externen entschieden. Er soll die Technik modernisieren.',
    },
    { headline: 'Die Ampeln der Innenstadt', teaser: 'Warum die Steuerung so anfällig ist.' },
  ],
};

/** Paragraphs of varied length, with links, bold text and the traps a greedy wrapper walks into. */
const longBody = `Am Dienstagmorgen fiel im Rechenzentrum der Stadtwerke von Nordheim ein Netzteil aus. Die Reserve, die für genau diesen Fall angeschafft worden war, sprang **nicht** an, weil ein Schalter falsch stand. Erst gegen Mittag lief der Betrieb wieder, nachdem ein Techniker aus der Nachbarstadt gekommen war.

Kurz.

Betroffen waren nach Angaben des Betreibers rund 40.000 Haushalte, die weder ihre Rechnungen einsehen noch Störungen melden konnten. Laut einem [Bericht des Landesrechnungshofs](https://example.org/rechnungshof/bericht-2010.pdf) war das Problem seit Jahren bekannt. Auch die Ampelsteuerung fiel aus.

## Die Ursache

Erste Zeile füllt die Breite aus und endet zufällig genau hier mit Punkt. Dann geht der Absatz weiter, ohne dass der Leser davon etwas merkt, bis er an sein Ende kommt.

„Wir werden die Abläufe prüfen“, sagte eine Sprecherin der Stadtwerke. „Das darf sich nicht wiederholen.“ Ein Gutachten soll bis Ende des Monats vorliegen; die [frühere Meldung](/2010/12/12/stromausfall/) nannte noch den Freitag. Die Opposition fordert einen Sonderausschuss – und einen _neuen_ Vorstand.

Der Stadtrat befasst sich am Donnerstag mit dem Vorfall. Eine Sitzung auf Bundes- und Landesebene ist nicht geplant, ein Hardware-Fehler aber nicht ausgeschlossen. Schon am 3 Mar 2009 war ein Netzteil ausgefallen, wie der [Bericht des Landesrechnungshofs](https://example.org/rechnungshof/bericht-2010.pdf) vermerkt.

- Die Stadtwerke prüfen ihre Notstromversorgung.
- Die Ampeln bekommen eine eigene Batterie.
`;

function makeLongInput(overrides: Partial<Article>, date?: string | null): TextEditionInput {
  return {
    siteTitle: 'Die Depesche',
    siteUrl: SITE_URL,
    article: makeArticle(
      {
        headline: 'Rechenzentrum wieder am Netz',
        teaser: 'Einen Tag lang ging in Nordheim nichts mehr. Jetzt werden Bundes- und Landesbehörden tätig.',
        ...overrides,
      },
      date,
    ),
    bodyMarkdown: longBody,
    related: [
      {
        kicker: 'Stadtwerke Nordheim',
        headline: 'Neuer Chef für das Netz',
        teaser:
          'Der Aufsichtsrat hat sich entschieden. Der Neue kommt aus Süddeutschland und soll die Technik erneuern.',
      },
      { headline: 'Die Ampeln der Innenstadt', teaser: 'Warum die Steuerung so anfällig ist.' },
      { kicker: 'Kommentar', headline: 'Mut zur Lücke', teaser: 'Ein Netz ohne Reserve ist kein Netz. Punkt.' },
    ],
  };
}

/** What the parser makes of a `[n][text]` paragraph: Markdown links, the rest escaped. */
function renderAsParsed(paragraph: string, links: readonly string[]): string {
  let markdown = '';
  let last = 0;
  for (const match of paragraph.matchAll(/\[(\d+)\]\[([^\]]*)\]/g)) {
    markdown += escapeMarkdown(paragraph.slice(last, match.index));
    markdown += `[${escapeMarkdown(match[2] ?? '')}](${links[Number(match[1]) - 1] ?? ''})`;
    last = match.index + match[0].length;
  }
  return markdown + escapeMarkdown(paragraph.slice(last));
}

/** Formats, parses back, and compares every field the parser reads with what was put in. */
function expectRoundTrip(input: TextEditionInput, width = 72): void {
  const text = formatTextEdition(input, width);
  const parsed = parseGopherEdition(text);
  const { article } = input;
  const body = convertBodyMarkdown(input.bodyMarkdown, new URL(article.url, SITE_URL).href);
  const context = `width ${width}:\n${text}`;

  expect(parsed.kicker, context).toBe(article.kicker);
  expect(parsed.headline, context).toBe(article.headline);
  expect(parsed.teaser, context).toBe(article.teaser || undefined);
  expect(parsed.dateline, context).toBe(article.dateline);
  expect(parsed.credits, context).toEqual(article.dateline ? article.credits : []);
  expect(parsed.paragraphs, context).toEqual(body.paragraphs.map((paragraph) => renderAsParsed(paragraph, body.links)));
  const day = article.day;
  expect(parsed.date, context).toBe(
    day && `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`,
  );
  expect(parsed.authors, context).toEqual(article.authors.map((author) => author.name));
  expect(parsed.related, context).toEqual(input.related);
  expect(parsed.truncated, context).toBe(false);
}

describe('formatTextEdition', () => {
  it('lays out a whole article as the gopher text edition', () => {
    expect(formatTextEdition(realistic)).toBe(
      [
        '# Die Depesche -- Nach dem Stromausfall: Rechenzentrum wieder am Netz',
        '> Einen Tag lang ging in Nordheim nichts mehr. Jetzt sucht die Stadt',
        '> nach den Ursachen – und die Opposition nach Schuldigen.',
        'Bild: Techniker im Rechenzentrum der Stadtwerke. Foto: Jana Beispiel/dpa',
        '',
        'NORDHEIM/BERLIN dpa/rtr | Am Dienstagmorgen fiel im Rechenzentrum der',
        'Stadtwerke von Nordheim ein Netzteil aus. Die Reserve sprang nicht an,',
        'weil ein Schalter falsch stand.',
        '',
        'Betroffen waren nach Angaben des Betreibers rund 40.000 Haushalte, wie',
        'aus einem [1][Bericht der Stadtwerke] hervorgeht. Auch die',
        'Ampelsteuerung in der Innenstadt fiel für eine halbe Stunde aus.',
        '',
        '„Wir werden die Abläufe prüfen“, sagte eine Sprecherin.',
        '',
        '13 Dec 2010',
        '',
        '## AUTOREN',
        'Jana Beispiel',
        'Tom Gast',
        '',
        '## ARTIKEL ZUM THEMA',
        'Stadtwerke Nordheim: Neuer Chef für das Netz',
        'Der Aufsichtsrat hat sich für einen Externen entschieden. Er soll die',
        'Technik modernisieren.',
        '',
        'Die Ampeln der Innenstadt',
        'Warum die Steuerung so anfällig ist.',
        '',
        '## LINKS',
        '[1] https://depesche.example/2010/12/12/stadtwerke-bericht/',
        '',
      ].join('\n'),
    );
  });

  it('keeps every line within the width, except the title, the Bild: line, related headlines and the LINKS entries', () => {
    const input = makeLongInput({ kicker: 'Nach dem Stromausfall', dateline: 'NORDHEIM' });
    // The parser reads a related headline from one line, so it is never wrapped.
    const headlines = new Set(input.related.map((item) => [item.kicker, item.headline].filter(Boolean).join(': ')));
    for (const width of [72, 60, 40]) {
      const text = formatTextEdition(input, width);
      const lines = text.split('\n');
      const links = lines.indexOf('## LINKS');
      const tooLong = lines.filter(
        (line, index) =>
          line.length > width && index > 0 && index < links && !line.startsWith('Bild: ') && !headlines.has(line),
      );
      expect(tooLong, `width ${width}:\n${text}`).toEqual([]);
      expect(links).toBeGreaterThan(0);
    }
  });

  it('reads back as the same article through parseGopherEdition', () => {
    const inputs = [
      makeLongInput({ kicker: 'Nach dem Stromausfall', dateline: 'LONDON/BERLIN', credits: ['dpa', 'rtr'] }),
      makeLongInput({ dateline: 'NORDHEIM', credits: ['taz'] }),
      makeLongInput({ kicker: 'Wer zahlt für die Brücke?', credits: [] }),
      makeLongInput({ kicker: 'Streit um die Rente: Die SPD', teaser: '' }, null),
      realistic,
    ];
    for (const input of inputs) {
      for (const width of [72, 75, 60, 45, 30]) expectRoundTrip(input, width);
    }
  });

  it('reads back a paragraph whose line ends a sentence exactly at the width', () => {
    const paragraph =
      'Erste Zeile füllt die Breite aus und endet zufällig genau hier mit Punkt. Dann geht der Absatz weiter.';
    const article = { ...realistic.article, dateline: undefined, credits: [] };
    const input = { ...realistic, article, bodyMarkdown: `${paragraph}\n\nZweiter Absatz.` };
    const text = formatTextEdition(input, 73);
    expect(text).toContain('\nErste Zeile füllt die Breite aus und endet zufällig genau hier mit Punkt.\n');
    expect(parseGopherEdition(text).paragraphs).toEqual([paragraph, 'Zweiter Absatz.']);
  });

  it('moves a line break the parser would misread: a hyphen, a date, a frame, a section heading', () => {
    const input = {
      ...realistic,
      bodyMarkdown:
        'Der Fehler war ein Hardware- Fehler im Netzteil, sagt man. Am 3 Mar 2009 fiel es aus. Es gilt a | b || c ## d und mehr Text danach.\n\n3 Mar 2009\n\n`## Hinweis` steht am Anfang.',
    };
    for (let width = 20; width <= 90; width++) expectRoundTrip(input, width);
    // A paragraph that is a date, or opens like a section heading, still reads back: its line is split.
    expect(formatTextEdition(input)).toContain('\n\n3 Mar\n2009\n\n##\nHinweis steht am Anfang.\n\n');
  });

  it('reads back generated articles at any width', () => {
    const word = fc.constantFrom(
      'Nordheim',
      'die',
      'Stadtwerke',
      'haben',
      'Ende.',
      'Ja!',
      'wirklich?',
      '„Zitat.“',
      '(dpa).',
      'Hardware-',
      'Bundes-',
      'und',
      '|',
      '||',
      '##',
      '3 Mar 2021',
      '5\u00a0Prozent',
      '**fett**',
      '_kursiv_',
      '`code`',
      '<b>Tag</b>',
      'Donaudampfschifffahrtsgesellschaftskapitänsmützenhalter',
      '[Bericht des Rechnungshofs](https://example.org/bericht)',
      '[frühere Meldung](/2010/12/12/meldung/)',
      '[Kurz](https://example.org/k)',
    );
    const paragraph = fc
      .tuple(
        fc.constantFrom('Am', 'Der', 'Die', 'Kurz'),
        fc.array(word, { maxLength: 60 }),
        fc.constantFrom('.', '!', ''),
      )
      .map(([first, words, end]) => `${[first, ...words].join(' ')} Schluss${end}`);
    const sentence = fc
      .array(
        word.filter((text) => !/[[*_`<|#]/.test(text)),
        { minLength: 1, maxLength: 25 },
      )
      .map((words) => `Anfang ${words.join(' ')} Schluss.`);
    const dateline = fc.constantFrom<{ dateline: string | undefined; credits: string[] }>(
      { dateline: undefined, credits: [] },
      { dateline: 'BERLIN', credits: [] },
      { dateline: 'LONDON/BERLIN', credits: ['dpa', 'rtr'] },
      { dateline: 'NORDHEIM', credits: ['taz'] },
    );
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 8 }),
        fc.option(sentence, { nil: undefined }),
        dateline,
        fc.array(sentence, { maxLength: 3 }),
        fc.boolean(),
        fc.integer({ min: 20, max: 110 }),
        (paragraphs, teaser, opening, relatedTeasers, dated, width) => {
          const input: TextEditionInput = {
            siteTitle: 'Die Depesche',
            siteUrl: SITE_URL,
            article: makeArticle(
              { kicker: 'Der Kicker', headline: 'Die Schlagzeile', teaser: teaser ?? '', ...opening },
              dated ? '2021-03-12 09:00' : null,
            ),
            bodyMarkdown: paragraphs.join('\n\n'),
            related: relatedTeasers.map((relatedTeaser, index) => ({
              kicker: index % 2 ? undefined : 'Verwandt',
              headline: `Artikel ${index + 1}`,
              teaser: relatedTeaser,
            })),
          };
          expectRoundTrip(input, width);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a link marker on one line when it fits', () => {
    const input = {
      ...realistic,
      article: { ...realistic.article, dateline: undefined, credits: [] },
      bodyMarkdown:
        'Die Linke hat im Landtag eine [Kleine Anfrage zu den Kosten des Portals](https://example.com/drucksache) gestellt.',
    };
    const text = formatTextEdition(input);
    expect(text).toContain('\n[1][Kleine Anfrage zu den Kosten des Portals] gestellt.\n');
    expectRoundTrip(input);
  });

  it('never lets raw HTML or a script through', () => {
    const input = {
      ...realistic,
      bodyMarkdown: `<script>alert("block")</script>

Erster Absatz mit <script>alert("inline")</script> Skript und <b onclick="alert(1)">fettem</b> Text.<br>Neue Zeile.

<div class="kasten">
Ein Kasten in HTML.
</div>

<iframe src="https://evil.example/"></iframe>

Zweiter Absatz <img src="x" onerror="alert(2)"> mit Bild. <!-- Kommentar -->

<style>body { display: none }</style>
`,
    };
    const text = formatTextEdition(input);
    expect(text).not.toMatch(/<\/?[a-z!]/i);
    expect(text).not.toMatch(/script|alert|onclick|onerror|iframe|evil|display/);
    expect(parseGopherEdition(text).paragraphs).toEqual([
      'Erster Absatz mit Skript und fettem Text. Neue Zeile.',
      'Zweiter Absatz mit Bild.',
    ]);
  });

  it('numbers links by first appearance, reuses a number for the same URL and makes site links absolute', () => {
    const body = convertBodyMarkdown(
      'Ein [Bericht](https://example.org/b), eine [Meldung](/2010/12/12/m/), noch einmal der [Bericht](https://example.org/b), [Wiki](https://de.example/Nordheim_(Stadt)), eine [Mail](mailto:redaktion@depesche.example) und ein [Trick](javascript:alert(1)).',
      'https://depesche.example/2010/12/13/a/',
    );
    expect(body.paragraphs).toEqual([
      'Ein [1][Bericht], eine [2][Meldung], noch einmal der [1][Bericht], [3][Wiki], eine Mail und ein Trick.',
    ]);
    expect(body.links).toEqual([
      'https://example.org/b',
      'https://depesche.example/2010/12/12/m/',
      'https://de.example/Nordheim_%28Stadt%29',
    ]);
  });

  it('turns headings, list items, quotes and table rows into paragraphs of plain text', () => {
    const body = convertBodyMarkdown(
      '## Die   Lage\n\n> Ein *Zitat*\n> über zwei Zeilen.\n\n1. Erstens\n2. Zweitens mit `Code`\n\n| Partei | Stimmen |\n| --- | --- |\n| CDU | 31 % |\n\n![Bild](bild.jpg)\n\n---\n',
    );
    expect(body.paragraphs).toEqual([
      'Die Lage',
      'Ein Zitat über zwei Zeilen.',
      'Erstens',
      'Zweitens mit Code',
      'Partei / Stimmen',
      'CDU / 31 %',
    ]);
  });

  it('dates the article by its day in the paper’s time zone and leaves the date out for undated ones', () => {
    // 00:30 in Berlin is still the 13th in UTC; the paper's day is the 14th.
    const dated = formatTextEdition({ ...realistic, article: makeArticle({}, '2010-12-14 00:30') });
    expect(dated).toContain('\n\n14 Dec 2010\n\n');
    const undated = formatTextEdition({ ...realistic, article: makeArticle({}, null) });
    expect(undated).not.toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/m);
    expect(parseGopherEdition(undated).date).toBeUndefined();
  });

  it('leaves out the teaser, the Bild: line and the sections an article does not have', () => {
    const text = formatTextEdition({
      siteTitle: 'Die Depesche',
      siteUrl: SITE_URL,
      article: makeArticle({ teaser: '', image: undefined, authors: [] }),
      bodyMarkdown: 'Nur ein Absatz.',
      related: [],
    });
    expect(text).toBe('# Die Depesche -- Artikel 5130574\n\nNur ein Absatz.\n\n13 Dec 2010\n');
  });

  it('is recognised as the gopher edition by the plain-text reader', () => {
    expect(isGopherEdition(formatTextEdition(realistic))).toBe(true);
  });
});
