/**
 * The edits the bench makes to a synthetic paper's files, as an editor would: a sentence added
 * to a body, a headline reworded, an author's bio replaced. They work on both shapes of paper
 * (paper-shape.ts): the plain paper writes its front matter unquoted, the rich one quoted.
 */

/** The article with `sentence` added to the end of its body. */
export function appendToBody(text: string, sentence: string): string {
  return `${text.trimEnd()} ${sentence}\n`;
}

/** The article with `addition` after its headline, which stays valid YAML quoted or not. */
export function editHeadline(text: string, addition: string): string {
  return text.replace(/^headline: (.*)$/m, (_line, value: string) => {
    const headline = value.startsWith('"') ? (JSON.parse(value) as string) : value;
    return `headline: ${JSON.stringify(`${headline}${addition}`)}`;
  });
}

/** The author file with `bio` as the author's biography. */
export function replaceBio(text: string, bio: string): string {
  return text.replace(/^bio: .*$/m, `bio: ${JSON.stringify(bio)}`);
}
