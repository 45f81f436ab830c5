/**
 * Decoding content files. Markdown must be UTF-8; plain-text dumps from old systems are often
 * Windows-1252 or Latin-1, so for them a file that is not valid UTF-8 is read as Windows-1252
 * (a superset of Latin-1's printable range) with a warning.
 */

export interface DecodedText {
  text: string;
  /** Set when the bytes were not UTF-8 and were read as Windows-1252. */
  legacyEncoding?: 'windows-1252';
  /** 1-based line of the first byte that is not UTF-8, when there is one. */
  firstInvalidLine?: number;
}

/**
 * Windows editors save CRLF and old Mac ones CR; macOS may write decomposed umlauts (NFD). Every
 * reader gets LF and NFC, so no invisible "\r" or combining mark reaches a field or a slug.
 */
function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

export function decodeText(bytes: Uint8Array, allowLegacy: boolean): DecodedText | undefined {
  try {
    return { text: normalizeText(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')) };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const bad = lossy.indexOf('\uFFFD');
    const firstInvalidLine = bad === -1 ? 1 : lossy.slice(0, bad).split('\n').length;
    if (!allowLegacy) return { text: '', firstInvalidLine };
    return { text: normalizeText(new TextDecoder('windows-1252').decode(bytes)), legacyEncoding: 'windows-1252', firstInvalidLine };
  }
}
