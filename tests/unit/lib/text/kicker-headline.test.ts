import { describe, expect, it } from 'vitest';
import { readsAsHeadline, splitKickerHeadline, splitRunTogether } from '../../../../src/lib/text/kicker-headline.ts';

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

describe('a title that is only a kicker', () => {
  it('is a kicker without the colon, never a headline ending in one', () => {
    expect(splitKickerHeadline('rubrik der woche:')).toEqual({ kicker: 'rubrik der woche', truncated: false });
    expect(splitKickerHeadline('■ Die Wochenvorschau:')).toEqual({ kicker: 'Die Wochenvorschau', truncated: false });
  });

  it('takes a short question or exclamation under it as its headline, nothing longer', () => {
    expect(readsAsHeadline('Wer rettet die Eckkneipe?')).toBe(true);
    expect(readsAsHeadline('Endlich wieder Kirmes!')).toBe(true);
    expect(readsAsHeadline('Die letzte Kneipe im Viertel hat geschlossen.')).toBe(false);
    expect(
      readsAsHeadline('Wie viel Tempo verträgt eine Stadt, deren Straßen für Pferdefuhrwerke gebaut wurden?'),
    ).toBe(false);
  });
});

describe('splitRunTogether', () => {
  it('splits a kicker run into its headline at the lower-to-upper seam', () => {
    expect(splitRunTogether('Streit um die RadwegeNeue Pläne für die Friedrichstraße')).toEqual({
      kicker: 'Streit um die Radwege',
      headline: 'Neue Pläne für die Friedrichstraße',
    });
  });

  it('does not split inside words with a capital inside', () => {
    expect(splitRunTogether('Das neue iPhone im TestSchneller, teurer, schwerer')).toEqual({
      kicker: 'Das neue iPhone im Test',
      headline: 'Schneller, teurer, schwerer',
    });
    expect(splitRunTogether('Drive-in von McDonald’sStreit um die Zufahrt')).toMatchObject({
      kicker: 'Drive-in von McDonald’s',
    });
    expect(splitRunTogether('Neue Preise für die BahnCard 100')).toEqual({
      headline: 'Neue Preise für die BahnCard 100',
    });
    expect(splitRunTogether('Mehr Strom vom SolarPark Nordheim', 'Der SolarPark liegt am Ortsrand.')).toEqual({
      headline: 'Mehr Strom vom SolarPark Nordheim',
    });
    expect(splitRunTogether('Neues von taz.FUTURZWEI')).toEqual({ headline: 'Neues von taz.FUTURZWEI' });
  });
});
