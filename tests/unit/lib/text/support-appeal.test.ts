import { describe, expect, it } from 'vitest';
import { findSupportAppeals } from '../../../../src/lib/text/support-appeal.ts';

const lines = (...texts: string[]): Array<{ text: string }> => texts.map((text) => ({ text }));

describe('findSupportAppeals', () => {
  it('finds an appeal by what it says, with its heading and button', () => {
    const found = findSupportAppeals(
      lines(
        'Die Stadtwerke spülen das Netz. Das kann mehrere Tage dauern.',
        'Die taz gehört ihren Leserinnen und Lesern',
        'Damit alle unsere Artikel kostenlos bleiben, bitten wir Sie um einen freiwilligen Beitrag – schon 5 Euro im Monat helfen.',
        'Ja, ich unterstütze die taz',
        'Verbraucherschützer raten, Wasserfilter auszutauschen.',
      ),
    );
    expect(found).toEqual([{ start: 1, end: 3 }]);
  });

  it('leaves paragraphs that mention the cooperative or quote a plea for support', () => {
    expect(
      findSupportAppeals(
        lines(
          'Die taz ist seit 1992 als Genossenschaft organisiert, ähnlich arbeiten viele Wohnungsbaugenossenschaften.',
          '„Wir brauchen die Unterstützung unserer Leserinnen, schon 5 Euro helfen“, sagte die Vorständin der Genossenschaft.',
          'Wir zahlen 5 Euro Eintritt und bekommen dafür einen Stempel.',
        ),
      ),
    ).toEqual([]);
  });
});
