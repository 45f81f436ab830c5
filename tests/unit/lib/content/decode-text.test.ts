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
});
