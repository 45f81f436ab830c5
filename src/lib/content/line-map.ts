/**
 * The lines of an entry's values, kept with a stored entry so that its `locate` answers without
 * the file or its YAML: checks across files name `file:line field` for stored entries exactly as
 * for freshly read ones.
 *
 * `recordLines` asks the reader's own `locate` for the line of every value the entry holds as
 * written (`raw`), and keeps only the lines that differ from their parent's. `locateFromLines`
 * answers a path with the line of its longest recorded prefix — which is what `locate` itself
 * answers: for a path that exists it was recorded (or equals its parent's line), and for one that
 * does not, the readers' `locate` falls back to the nearest parent that exists.
 */

type Locate = (path: ReadonlyArray<PropertyKey>) => number;

/** Recorded lines: the entry's own line, then pairs of a path (segments joined by NUL) and its line. */
export type LineMap = Array<string | number>;

const SEPARATOR = '\u0000';

/** The lines of `raw`'s values, as `locate` gives them. */
export function recordLines(raw: unknown, locate: Locate): LineMap {
  const rootLine = locate([]);
  const lines: LineMap = [rootLine];
  const walk = (value: unknown, path: Array<string | number>, parentLine: number): void => {
    const children: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : value !== null && typeof value === 'object'
        ? Object.entries(value)
        : [];
    for (const [segment, child] of children) {
      const childPath = [...path, segment];
      const line = locate(childPath);
      if (line !== parentLine) lines.push(childPath.join(SEPARATOR), line);
      walk(child, childPath, line);
    }
  };
  walk(raw, [], rootLine);
  return lines;
}

/** A `locate` over recorded lines; the map is indexed on the first question, not before. */
export function locateFromLines(lines: LineMap): Locate {
  let index: Map<string, number> | undefined;
  const build = (): Map<string, number> => {
    const map = new Map<string, number>([['', lines[0] as number]]);
    for (let at = 1; at + 1 < lines.length; at += 2) map.set(lines[at] as string, lines[at + 1] as number);
    return map;
  };
  return (path) => {
    index ??= build();
    for (let length = path.length; length > 0; length--) {
      const line = index.get(path.slice(0, length).map(String).join(SEPARATOR));
      if (line !== undefined) return line;
    }
    return index.get('')!;
  };
}
