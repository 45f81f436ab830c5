/**
 * Finds items written twice in an entry's list fields (`topics: [wohnen, wohnen]`). The schema
 * counts each once; this says so, once per repeated value, so a pasted list that grew to
 * thousands of copies is one warning rather than thousands.
 */
import { describeValue, type ContentProblem } from './problems.ts';
import type { EntryLocation } from './validate-entry.ts';

/** The article fields whose items count once. */
export const ARTICLE_LIST_FIELDS = ['topics', 'authors', 'credits', 'related', 'aliases'] as const;

export function findRepeatedItems(
  data: Record<string, unknown>,
  fields: readonly string[],
  where: EntryLocation,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const field of fields) {
    const items = data[field];
    if (!Array.isArray(items)) continue;
    const first = new Map<string, { index: number; repeats: number; at: number }>();
    items.forEach((item: unknown, index) => {
      const key = JSON.stringify(item);
      const seen = first.get(key);
      if (!seen) first.set(key, { index, repeats: 0, at: -1 });
      else {
        if (seen.repeats === 0) seen.at = index;
        seen.repeats++;
      }
    });
    for (const [key, { index, repeats, at }] of first) {
      if (repeats === 0) continue;
      const times = repeats === 1 ? 'again' : `${repeats} more times`;
      problems.push({
        severity: 'warning',
        file: where.file,
        line: where.locate([field, at]),
        field: `${field}[${at}]`,
        message: `expected each item once, found ${describeValue(JSON.parse(key))} ${times} (first as ${field}[${index}]); it counts once. Remove the repeat`,
      });
    }
  }
  return problems;
}
