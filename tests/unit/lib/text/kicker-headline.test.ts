import { describe, expect, it } from 'vitest';
import { splitKickerHeadline } from '../../../../src/lib/text/kicker-headline.ts';

describe('splitKickerHeadline', () => {
  it('splits kicker and headline at ": "', () => {
    expect(splitKickerHeadline('Nach dem Stromausfall: Rechenzentrum wieder am Netz')).toEqual({
      kicker: 'Nach dem Stromausfall',
      headline: 'Rechenzentrum wieder am Netz',
      truncated: false,
    });
  });

  it('splits at the last ": " when the kicker contains one', () => {
    expect(splitKickerHeadline('Streit um die Rente: Die SPD: Ein Kompromiss')).toMatchObject({
      kicker: 'Streit um die Rente: Die SPD',
      headline: 'Ein Kompromiss',
    });
  });

  it('keeps a kicker’s question or exclamation mark', () => {
    expect(splitKickerHeadline('Wer zahlt?: Die Kommune muss ran')).toMatchObject({
      kicker: 'Wer zahlt?',
      headline: 'Die Kommune muss ran',
    });
    expect(splitKickerHeadline('Endlich!: Die Brücke ist fertig')).toMatchObject({ kicker: 'Endlich!' });
  });

  it('does not split at colons inside words or scores', () => {
    expect(splitKickerHeadline('Was Leser:innen wollen')).toEqual({
      headline: 'Was Leser:innen wollen',
      truncated: false,
    });
    expect(splitKickerHeadline('Bayern siegt 2:1 in Dortmund')).toEqual({
      headline: 'Bayern siegt 2:1 in Dortmund',
      truncated: false,
    });
    expect(splitKickerHeadline('Fußball: Bayern siegt 2:1')).toMatchObject({
      kicker: 'Fußball',
      headline: 'Bayern siegt 2:1',
    });
  });

  it('reads an empty kicker as none and drops a leading ■', () => {
    expect(splitKickerHeadline(': Nur eine Schlagzeile')).toEqual({
      headline: 'Nur eine Schlagzeile',
      truncated: false,
    });
    expect(splitKickerHeadline('■ Kommentar: Der falsche Weg')).toMatchObject({
      kicker: 'Kommentar',
      headline: 'Der falsche Weg',
    });
  });

  it('marks a title cut with "…"', () => {
    expect(
      splitKickerHeadline('Nach dem langen Streit um die Finanzierung: Stadt und Land einigen sich …').truncated,
    ).toBe(true);
  });
});
