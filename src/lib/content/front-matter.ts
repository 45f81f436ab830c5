/**
 * Splits a content file into front matter and body with gray-matter, and keeps the YAML's source
 * positions so a problem in `authors[1]` can name the line it stands on.
 */
import matter from 'gray-matter';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ContentProblem } from './problems.ts';

/** YAML limits that keep a hostile file (alias bombs, absurd nesting) from exhausting the build. */
const YAML_OPTIONS = { maxAliasCount: 100, uniqueKeys: true, prettyErrors: false } as const;

export interface ParsedYaml {
  /** The parsed value, or `undefined` when the YAML had errors. */
  value: unknown;
  /** File line of a value at `path`, or of the nearest parent that exists. */
  locate(path: ReadonlyArray<PropertyKey>): number;
  problems: ContentProblem[];
}

/**
 * Parses YAML text that starts on `firstLine` of `file`. YAML 1.2's core schema keeps dates as
 * strings, so a publication time is validated as written rather than silently shifted.
 */
export function parseYaml(text: string, file: string, firstLine = 1): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line + firstLine - 1;
  const problems: ContentProblem[] = [];
  for (const error of doc.errors) {
    const message = `expected valid YAML, found an error: ${describeYamlError(error.code, error.message)}`;
    // One cause can surface as several parser errors; each message is reported once.
    if (!problems.some((problem) => problem.message === message)) problems.push({ severity: 'error', file, line: lineAt(error.pos[0]), message });
  }
  let value: unknown;
  if (problems.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: YAML_OPTIONS.maxAliasCount });
    } catch (error) {
      problems.push({
        severity: 'error',
        file,
        line: firstLine,
        message: `expected valid YAML, found an error: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  const locate = (path: ReadonlyArray<PropertyKey>): number => {
    let node: unknown = doc.contents;
    let line = node && isRanged(node) ? lineAt(node.range[0]) : firstLine;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => String((item.key as Node | null)?.toJSON?.() ?? item.key) === String(segment));
        if (!pair) break;
        const key = pair.key as unknown;
        if (isRanged(key)) line = lineAt(key.range[0]);
        node = pair.value;
        if (isRanged(node) && !isMap(node)) line = lineAt(node.range[0]);
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        if (!isRanged(node)) break;
        line = lineAt(node.range[0]);
      } else break;
    }
    return line;
  };
  return { value, locate, problems };
}

function isRanged(node: unknown): node is { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as { range?: unknown }).range);
}

function describeYamlError(code: string, message: string): string {
  if (/call stack|stack overflow/i.test(message)) return 'values nested too deeply to read (lists or groups inside each other thousands of levels down)';
  const first = message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
  if (code === 'TAB_AS_INDENT') return 'a tab used for indentation (indent with spaces)';
  if (code === 'DUPLICATE_KEY') return `${first.replace(/\.$/, '')} (each field may appear once)`;
  return first.replace(/\.$/, '');
}

export interface FrontMatterFile {
  /** Front-matter fields; an empty object when the file has none. */
  data: Record<string, unknown>;
  /** Whether the file opened with a `---` block at all. */
  hasFrontMatter: boolean;
  body: string;
  /** File line on which the body starts. */
  bodyLine: number;
  locate(path: ReadonlyArray<PropertyKey>): number;
  problems: ContentProblem[];
}

/** Reads a Markdown (or other text) file with a YAML front-matter block. */
export function readFrontMatter(source: string, file: string): FrontMatterFile {
  let parsed: ParsedYaml | undefined;
  const result = matter(source, {
    engines: {
      yaml: (text: string) => {
        // gray-matter hands over the text from the end of the opening `---`, newline included,
        // so the YAML's first line is the file's first line.
        parsed = parseYaml(text, file, 1);
        const value = parsed.value;
        return (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as object;
      },
    },
  });
  const bodyOffset = source.length - result.content.length;
  const bodyLine = source.slice(0, bodyOffset).split('\n').length;
  const problems = parsed?.problems ?? [];
  if (parsed && problems.length === 0 && parsed.value !== null && parsed.value !== undefined) {
    if (typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      problems.push({
        severity: 'error',
        file,
        line: 2,
        message: 'expected front matter made of "field: value" lines, found a single value or a list',
      });
    }
  }
  return {
    data: result.data as Record<string, unknown>,
    hasFrontMatter: /^\uFEFF?---/.test(source),
    body: result.content,
    bodyLine,
    locate: parsed ? parsed.locate : () => 1,
    problems,
  };
}
