import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../src/lib/content/decode-text.ts';

describe('decodeText', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    expect(decodeText(new TextEncoder().encode('\uFEFF„Straße“ – …'), false)).toEqual({ text: '„Straße“ – …' });
  });

  it('reads Windows-1252 when allowed, keeping typographic characters', () => {
    const bytes = Uint8Array.from([0x84, 0x53, 0x74, 0x72, 0x61, 0xdf, 0x65, 0x93, 0x20, 0x96, 0x20, 0x85, 0x0a, 0xe4]);
    expect(decodeText(bytes, true)).toEqual({ text: '„Straße“ – …\nä', legacyEncoding: 'windows-1252', firstInvalidLine: 1 });
  });

  it('refuses non-UTF-8 when not allowed, naming the line of the first bad byte', () => {
    expect(decodeText(Uint8Array.from([0x61, 0x0a, 0x62, 0x0a, 0xdf]), false)).toEqual({ text: '', firstInvalidLine: 3 });
  });

  it('gives every reader LF line ends and composed umlauts, whatever the editor saved', () => {
    const saved = 'Über\r\nStraße\rEnde\n'.normalize('NFD');
    expect(decodeText(new TextEncoder().encode(saved), false)?.text).toBe('Über\nStraße\nEnde\n'.normalize('NFC'));
    expect(decodeText(Uint8Array.from([0xdc, 0x62, 0x65, 0x72, 0x0d, 0x0a, 0x45, 0x0d]), true)?.text).toBe('Über\nE\n');
  });
});
