/**
 * Content problems and their one formatter. Every message a newsroom sees about its files goes
 * through `formatProblem`, so each names file, line, field, what was expected and what was found.
 */

export type Severity = 'error' | 'warning';

export interface ContentProblem {
  severity: Severity;
  /** Path of the file, relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line in that file, where it is known. */
  line?: number | undefined;
  /** Field path such as `authors[1]` or `image.src`, where the problem belongs to one field. */
  field?: string | undefined;
  /** What was expected and what was found, as a sentence fragment starting in lower case. */
  message: string;
}

/** Thrown by the content loader when the newsroom has errors; carries all of them, not the first. */
export class ContentProblemsError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    super(formatProblemReport(problems));
    this.name = 'ContentProblemsError';
    this.problems = problems;
  }
}

/** `authors[1]`, `image.src`, `navigation[0].url`: how a path into front matter reads in a message. */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text;
}

/** One problem on one line: `content/articles/2010/amazon.md:7 authors[1] — no author "tkleinz" …`. */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const field = problem.field ? ` ${problem.field}` : '';
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return `${prefix}${where}${field} — ${problem.message}`;
}

function compareProblems(a: ContentProblem, b: ContentProblem): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0);
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * All problems of a run, errors first, sorted by file and line, with a closing sentence that says
 * what happened and what to do.
 */
export function formatProblemReport(problems: readonly ContentProblem[]): string {
  const sorted = [...problems].sort(compareProblems);
  const errors = sorted.filter((problem) => problem.severity === 'error');
  const files = new Set(errors.map((problem) => problem.file));
  const lines = sorted.map(formatProblem);
  if (errors.length > 0) {
    lines.push(
      '',
      `The content has ${plural(errors.length, 'error', 'errors')} in ${plural(files.size, 'file', 'files')}, ` +
        'so nothing was published. Fix the fields named above and build again.',
    );
  }
  return lines.join('\n');
}

/** How a found value reads in a message: strings quoted and cut, other values by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
    return `"${shown.replace(/\n/g, '\\n')}"`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return `a list of ${plural(value.length, 'item', 'items')}`;
  if (value instanceof Date) return 'a date';
  return 'a group of fields';
}
