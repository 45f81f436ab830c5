import { describe, expect, it } from 'vitest';
import { readPhotoCaption } from '../../../../src/lib/text/photo-caption.ts';

describe('readPhotoCaption', () => {
  it('reads captions that are sentences, credits with initials and agencies alone', () => {
    expect(readPhotoCaption('Demonstrierende vor dem Landtag am Dienstag. Foto: Lena Sommer/dpa')).toEqual({
      caption: 'Demonstrierende vor dem Landtag am Dienstag.',
      credit: 'Foto: Lena Sommer/dpa',
    });
    expect(readPhotoCaption('Karin Ohl im Ratssaal Foto: K. Brandt/epd')).toMatchObject({
      credit: 'Foto: K. Brandt/epd',
    });
    expect(readPhotoCaption('Archivbild: Das Rathaus Foto: dpa')).toEqual({
      caption: 'Archivbild: Das Rathaus',
      credit: 'Foto: dpa',
    });
  });

  it('separates a caption glued to the start of a paragraph at the end of its credit', () => {
    expect(
      readPhotoCaption('Löschfahrzeuge vor der Halle Foto: Tom Weber/dpa Die Feuerwehr war mit 80 Kräften vor Ort.'),
    ).toEqual({
      caption: 'Löschfahrzeuge vor der Halle',
      credit: 'Foto: Tom Weber/dpa',
      rest: 'Die Feuerwehr war mit 80 Kräften vor Ort.',
    });
  });

  it('takes a sentence with "Foto:" or "Bild:" in it for body text', () => {
    expect(
      readPhotoCaption('Er zeigte ein Foto: Es zeigte den Bürgermeister beim Baden im See, und alle lachten.'),
    ).toBeNull();
    expect(readPhotoCaption('Am Ende bot sich ein trauriges Bild: Überall Scherben.')).toBeNull();
  });
});
