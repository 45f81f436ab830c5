import { describe, expect, it } from 'vitest';
import { formatDateline, parseDateline } from '../../../../src/lib/text/dateline.ts';

describe('parseDateline', () => {
  it('reads a place with a single credit', () => {
    expect(parseDateline('BERLIN taz | Am Dienstag')).toEqual({
      place: 'BERLIN',
      credits: ['taz'],
      length: 'BERLIN taz | '.length,
    });
  });

  it('reads several places and several agencies', () => {
    expect(parseDateline('LONDON/BERLIN dpa/dapd/rtr | Text')).toMatchObject({
      place: 'LONDON/BERLIN',
      credits: ['dpa', 'dapd', 'rtr'],
    });
  });

  it('reads places of more than one word and with a slash', () => {
    expect(parseDateline('NEW YORK AFP | Text')).toMatchObject({ place: 'NEW YORK', credits: ['AFP'] });
    expect(parseDateline('FRANKFURT/MAIN dpa | Text')).toMatchObject({ place: 'FRANKFURT/MAIN', credits: ['dpa'] });
    expect(parseDateline('DÜSSELDORF | Text')).toMatchObject({ place: 'DÜSSELDORF', credits: [] });
    expect(parseDateline('BAD HERSFELD | Text')).toMatchObject({ place: 'BAD HERSFELD', credits: [] });
    expect(parseDateline('WASHINGTON AP/dpa | Text')).toMatchObject({ place: 'WASHINGTON', credits: ['AP', 'dpa'] });
  });

  it('reads a place in title case when agencies follow it', () => {
    expect(parseDateline('Berlin taz | Am Dienstag')).toEqual({
      place: 'Berlin',
      credits: ['taz'],
      length: 'Berlin taz | '.length,
    });
    expect(parseDateline('Frankfurt am Main dpa/afp | Text')).toMatchObject({
      place: 'Frankfurt am Main',
      credits: ['dpa', 'afp'],
    });
    expect(parseDateline('Bad Kreuznach taz | Text')).toMatchObject({ place: 'Bad Kreuznach', credits: ['taz'] });
    expect(parseDateline('Kiew/Moskau afp/rtr | Text')).toMatchObject({
      place: 'Kiew/Moskau',
      credits: ['afp', 'rtr'],
    });
    expect(parseDateline('Mülheim an der Ruhr dpa | Text')).toMatchObject({ place: 'Mülheim an der Ruhr' });
    expect(parseDateline('Halle (Saale) epd | Text')).toMatchObject({ place: 'Halle (Saale)', credits: ['epd'] });
  });

  it('does not take a sentence in title case for a place', () => {
    expect(parseDateline('Die Linke dpa | Text')).toBeNull();
    expect(parseDateline('Berlin | ohne Agentur ist das kein Ort')).toBeNull();
    expect(parseDateline('Wir schaffen das taz | Text')).toBeNull();
  });

  it('does not take an interviewer label, a photo credit or a ticker entry for a dateline', () => {
    expect(parseDateline('taz: Herr Müller, warum?')).toBeNull();
    expect(parseDateline('Foto: Jana Beispiel/dpa')).toBeNull();
    expect(parseDateline('14.05 Uhr (taz) Die Polizei meldet')).toBeNull();
    expect(parseDateline('Die SPD | eine Partei')).toBeNull();
  });

  it('reads agencies alone, as an agency piece without a place opens', () => {
    expect(parseDateline('dpa | Die Preise fallen.')).toEqual({ place: '', credits: ['dpa'], length: 6 });
    expect(parseDateline('afp/dpa | Text')).toMatchObject({ place: '', credits: ['afp', 'dpa'] });
    expect(parseDateline('Die | Text')).toBeNull();
  });

  it('formats a dateline as printed', () => {
    expect(formatDateline('LONDON/BERLIN', ['dpa', 'rtr'])).toBe('LONDON/BERLIN dpa/rtr | ');
    expect(formatDateline(undefined, ['dpa'])).toBe('dpa | ');
    expect(formatDateline(undefined, [])).toBe('');
  });
});
