/**
 * Splitting a title line into kicker and headline: "Nach dem Stromausfall: Rechenzentrum wieder
 * am Netz". Only ": " with a space after it separates; colons inside words ("Leser:innen",
 * "jede:r") and in scores ("1:2") do not.
 */

export interface KickerHeadline {
  kicker?: string | undefined;
  headline: string;
  /** The title was cut by the source ("…" at its end). */
  truncated: boolean;
}

/** A separating colon: after a non-space character, followed by a space. */
const SEPARATOR = /(?<=\S): /gu;

/**
 * Splits at the last separating ": ", since a kicker may itself contain one ("Streit um die
 * Rente: Die SPD: Ein Kompromiss" has kicker "Streit um die Rente: Die SPD"). A kicker ending in
 * "?" or "!" keeps its mark. An empty kicker (": Headline") yields none.
 */
export function splitKickerHeadline(title: string): KickerHeadline {
  const text = title.replace(/^■\s*/u, '').trim();
  const truncated = /(?:…|\.\.\.)$/u.test(text);
  if (text.startsWith(': ')) return { headline: text.slice(2).trim(), truncated };
  const separators = [...text.matchAll(SEPARATOR)];
  const last = separators.at(-1);
  if (!last || last.index === undefined) return { headline: text, truncated };
  const kicker = text.slice(0, last.index).trim();
  const headline = text.slice(last.index + 2).trim();
  if (!headline) return { headline: kicker, truncated };
  return { kicker: kicker || undefined, headline, truncated };
}
