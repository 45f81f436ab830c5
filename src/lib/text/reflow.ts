/**
 * Rebuilding paragraphs from text wrapped at a fixed width with no blank lines between them, as
 * the paper's text edition is. A greedy wrapper fills every line until the next word would not
 * fit; so a line that ends a sentence while the next line's first word would still have fit on it
 * was ended on purpose, and closes a paragraph.
 */

/** Punctuation that can end a sentence, optionally followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?…:;]["'“”‘’»«)\]]*$/u;

/** Words after a trailing hyphen that show it is a suspended compound ("Bundes- und Landesebene"). */
const SUSPENSION_WORDS = new Set(['und', 'oder', 'bis', 'sowie', 'noch', 'wie', 'als', 'bzw.', 'or', 'and']);

export function endsSentence(line: string): boolean {
  return SENTENCE_END.test(line.trimEnd());
}

function firstWord(line: string): string {
  return line.trimStart().split(/\s+/, 1)[0] ?? '';
}

/** The wrap width the text was filled to: its longest line, within sane bounds. */
export function estimateWrapWidth(lines: readonly string[]): number {
  const longest = Math.max(0, ...lines.map((line) => line.trimEnd().length));
  return Math.min(Math.max(longest, 40), 200);
}

/** Joins two wrapped lines, undoing a hyphen the wrapper put at a word break. */
export function joinWrapped(left: string, right: string): string {
  const trimmedLeft = left.trimEnd();
  const trimmedRight = right.trimStart();
  if (
    /\p{L}-$/u.test(trimmedLeft) &&
    !SUSPENSION_WORDS.has(firstWord(trimmedRight).toLowerCase()) &&
    /^\p{L}/u.test(trimmedRight)
  ) {
    // "Hardware-" + "Fehler" is one compound word; the hyphen stays, the space does not.
    return `${trimmedLeft}${trimmedRight}`;
  }
  return `${trimmedLeft} ${trimmedRight}`;
}

/**
 * Splits wrapped lines into paragraphs. `width` defaults to the longest line; `slack` allows for
 * a wrapper that left a little room at the end of full lines.
 */
export function reflowParagraphs(lines: readonly string[], width = estimateWrapWidth(lines), slack = 0): string[] {
  const paragraphs: string[] = [];
  let current = '';
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) {
      if (current) paragraphs.push(current);
      current = '';
      return;
    }
    current = current ? joinWrapped(current, line) : line;
    const next = lines[index + 1]?.trim();
    if (!next) return;
    const nextWordFits = line.length + 1 + firstWord(next).length <= width - slack;
    if (endsSentence(line) && nextWordFits) {
      paragraphs.push(current);
      current = '';
    }
  });
  if (current) paragraphs.push(current);
  return paragraphs;
}
