import { describe, expect, it } from 'vitest';
import { isPersonName, readBylineLine, splitGluedByline } from '../../../../src/lib/text/byline.ts';

describe('readBylineLine', () => {
  it('reads the names of bylines in their many shapes', () => {
    expect(readBylineLine('■ Von Anna Berg und Tom Kern')).toEqual({ names: ['Anna Berg', 'Tom Kern'] });
    expect(readBylineLine('von Lisa Marquardt')).toEqual({ names: ['Lisa Marquardt'] });
    expect(readBylineLine('Kommentar von Malte Brandauer')).toEqual({ names: ['Malte Brandauer'] });
    expect(readBylineLine('Eine Kolumne von Hanna Kleist')).toEqual({ names: ['Hanna Kleist'] });
    expect(readBylineLine('Interview: Sabine Oltmanns')).toEqual({ names: ['Sabine Oltmanns'] });
    expect(readBylineLine('Aus Kairo Karim El-Sayed')).toEqual({ names: ['Karim El-Sayed'] });
    expect(readBylineLine('Aus Rio de Janeiro Ana Lima und Tom Kern')).toEqual({ names: ['Ana Lima', 'Tom Kern'] });
    expect(readBylineLine('Von Ursula von der Brügge')).toEqual({ names: ['Ursula von der Brügge'] });
  });

  it('takes a sentence that opens with "Von" or "Aus" for body text', () => {
    expect(
      readBylineLine('Von den 40 Beschäftigten, die bis zuletzt geblieben sind, haben nur elf eine Stelle.'),
    ).toBeNull();
    expect(readBylineLine('Aus Sicht der Gewerkschaft ist das zu wenig.')).toBeNull();
    expect(readBylineLine('Von Berlin nach Hamburg in 90 Minuten.')).toBeNull();
  });

  it('calls a short byline line that names no one unsure', () => {
    expect(readBylineLine('Von unserer Korrespondentin in Brüssel')).toEqual({ unsure: true });
  });
});

describe('splitGluedByline', () => {
  it('takes a byline glued to the end of the teaser', () => {
    expect(splitGluedByline('Die Kräne stehen still.  ■ Von Jana Petersen')).toEqual({
      teaser: 'Die Kräne stehen still.',
      names: ['Jana Petersen'],
    });
    expect(splitGluedByline('Die Kräne stehen still.  von Jana Petersen')).toMatchObject({ names: ['Jana Petersen'] });
  });

  it('leaves a teaser alone that only mentions "von"', () => {
    expect(splitGluedByline('Die Stadt will von Grund auf neu planen.')).toBeNull();
  });
});

describe('isPersonName', () => {
  it('wants two to five capitalised words, particles aside', () => {
    expect(isPersonName('Deniz Aydın')).toBe(true);
    expect(isPersonName('K. Brandt')).toBe(true);
    expect(isPersonName('Anna')).toBe(false);
    expect(isPersonName('Die SPD')).toBe(false);
    expect(isPersonName('den 40 Beschäftigten')).toBe(false);
  });
});
