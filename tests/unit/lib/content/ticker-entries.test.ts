import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../../src/lib/content/problems.ts';
import { readTickerBody } from '../../../../src/lib/content/ticker-entries.ts';

// 2 December 2026, 10:00 in Berlin (UTC+1).
const options = {
  start: new Date('2026-12-02T09:00:00Z'),
  timeZone: 'Europe/Berlin',
  file: 'content/articles/2026/wahl-ticker.md',
  bodyLine: 10,
};

describe('readTickerBody', () => {
  it('reads each ## heading as an entry with its time in the paper’s zone, newest first', () => {
    const { body, problems } = readTickerBody(
      ['## 10:05 Wahllokale geöffnet', 'Die ersten Wähler sind da.', '', '## 14:32', 'Hohe Beteiligung.', ''].join('\n'),
      options,
    );
    expect(problems).toEqual([]);
    expect(body.entries.map((entry) => [entry.time.toISOString(), entry.headline, entry.markdown])).toEqual([
      ['2026-12-02T13:32:00.000Z', undefined, 'Hohe Beteiligung.'],
      ['2026-12-02T09:05:00.000Z', 'Wahllokale geöffnet', 'Die ersten Wähler sind da.'],
    ]);
    expect(body.entries.map((entry) => [entry.id, entry.line])).toEqual([
      ['eintrag-2026-12-02-1432', 13],
      ['eintrag-2026-12-02-1005', 10],
    ]);
  });

  it('takes what comes before the first entry as the summary, and none when nothing does', () => {
    const withSummary = readTickerBody('Das Wichtigste in Kürze.\n\n## 10:05\nText.\n', options);
    expect(withSummary.body.summary).toBe('Das Wichtigste in Kürze.');
    expect(readTickerBody('## 10:05\nText.\n', options).body.summary).toBeUndefined();
  });

  it('moves a closing signature into the entry’s credits and keeps it in the text otherwise', () => {
    const { body } = readTickerBody(
      '## 10:05\nErster Absatz.\n\nDie Polizei meldet Festnahmen. (dpa/rtr)\n\n## 10:10\nOhne Quelle (und das ist gut).\n',
      options,
    );
    const [later, earlier] = body.entries;
    expect(earlier!.credits).toEqual(['dpa', 'rtr']);
    expect(earlier!.markdown).toBe('Erster Absatz.\n\nDie Polizei meldet Festnahmen.');
    expect(later!.credits).toEqual([]);
    expect(later!.markdown).toBe('Ohne Quelle (und das ist gut).');
  });

  it('drops a heading’s closing hashes but not a hash its headline ends with', () => {
    const { body } = readTickerBody('## 10:05 Neu in C# ##\nText.\n\n## 10:06 Auch C#\nText.\n', options);
    expect(body.entries.map((entry) => entry.headline)).toEqual(['Auch C#', 'Neu in C#']);
  });

  it('reads {.pinned} at the end of a heading as a pinned entry, not as part of its headline', () => {
    const { body } = readTickerBody('## 10:05 Stichwahl nötig {.pinned}\nText.\n\n## 10:06\nText.\n', options);
    expect(body.entries.map((entry) => [entry.headline, entry.pinned])).toEqual([
      [undefined, false],
      ['Stichwahl nötig', true],
    ]);
  });

  it('puts an entry past midnight on the day its heading names, in any of the written forms', () => {
    const { body, problems } = readTickerBody(
      '## 3.12. 00:15\nA.\n\n## 2026-12-03 01:00\nB.\n\n## 3.12.2026 02:30 Uhr Ergebnis\nC.\n',
      options,
    );
    expect(problems).toEqual([]);
    expect(body.entries.map((entry) => entry.time.toISOString())).toEqual([
      '2026-12-03T01:30:00.000Z',
      '2026-12-03T00:00:00.000Z',
      '2026-12-02T23:15:00.000Z',
    ]);
    expect(body.entries[0]!.headline).toBe('Ergebnis');
  });

  it('reads a day of January after a December start as the next year’s', () => {
    const { body } = readTickerBody('## 1.1. 00:05\nFrohes neues Jahr.\n', options);
    expect(body.entries[0]!.time.toISOString()).toBe('2026-12-31T23:05:00.000Z');
  });

  it('keeps entries of the same minute in the order written, each with an anchor of its own', () => {
    const { body } = readTickerBody('## 10:05\nErst.\n\n## 10:05\nDann.\n', options);
    expect(body.entries.map((entry) => [entry.markdown, entry.id])).toEqual([
      ['Erst.', 'eintrag-2026-12-02-1005'],
      ['Dann.', 'eintrag-2026-12-02-1005-2'],
    ]);
  });

  it('does not take a ## line inside a code block for an entry', () => {
    const { body, problems } = readTickerBody('## 10:05\nSo schreibt man es:\n\n```\n## kein Eintrag\n```\n', options);
    expect(problems).toEqual([]);
    expect(body.entries).toHaveLength(1);
    expect(body.entries[0]!.markdown).toContain('## kein Eintrag');
  });

  it('reports every unreadable heading at once, with the file’s line, and leaves those entries out', () => {
    const { body, problems } = readTickerBody(
      [
        '## Ohne Uhrzeit', // line 10
        'Text.',
        '## 25:10', // line 12
        'Text.',
        '## 09:30 Vor dem Start', // line 14: before 10:00 on the ticker's day
        'Text.',
        '## 31.2. 10:00', // line 16
        'Text.',
        '## 11:00', // line 18: no text
        '## 12:00 Gut', // line 19
        'Text.',
      ].join('\n'),
      options,
    );
    expect(body.entries.map((entry) => entry.headline)).toEqual(['Gut']);
    expect(problems.map((problem) => [problem.line, problem.field, problem.severity])).toEqual([
      [10, 'body', 'error'],
      [12, 'body', 'error'],
      [14, 'body', 'error'],
      [16, 'body', 'error'],
      [18, 'body', 'error'],
    ]);
    expect(formatProblem(problems[2]!)).toContain('content/articles/2026/wahl-ticker.md:14');
    expect(problems[2]!.message).toMatch(/names that day.*found "## 09:30 Vor dem Start"/u);
    expect(problems[1]!.message).toMatch(/00:00 to 23:59, found "## 25:10"/u);
    expect(problems[3]!.message).toMatch(/real calendar day/u);
    expect(problems[4]!.message).toMatch(/text below its heading/u);
  });
});
