/**
 * Deciding what importing one plain-text article does: the Markdown it becomes, and whether an
 * existing file may be replaced. Pure, so the import command stays a thin loop over files.
 */
import { hashBytes } from '../hash.ts';
import matter from 'gray-matter';
import { plainTextFormat } from './formats/plain-text.ts';
import { formatProblem } from './problems.ts';

/** Hash of an imported article's fields and body, so an edit after import can be recognised. */
export function hashImport(data: Record<string, unknown>, body: string): string {
  const { imported: _imported, ...fields } = data;
  const sorted = JSON.stringify(fields, Object.keys(fields).sort());
  return hashBytes(`${sorted}\n${body.trim()}`, 16);
}

export type ImportOutcome = 'imported' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface ImportPlan {
  outcome: ImportOutcome;
  /** File name (without folder) the article is written to: the source's name with `.md`. */
  targetName?: string;
  /** The Markdown to write, for `imported` and `updated`. */
  output?: string;
  /** Why, for `skipped` and `failed`; warnings otherwise. */
  notes: string[];
  /** What was recognised in the text, for `imported` and `updated`: "dateline Berlin", "appeal removed …". */
  recognised: string[];
}

/**
 * Plans the import of `text` (read from `sourceName`). `existing` is the current text of the
 * target file, if there is one; `force` allows replacing a file edited since its import.
 */
export function planImport(text: string, sourceName: string, existing: string | undefined, force: boolean, targetName?: string): ImportPlan {
  const read = plainTextFormat.read(text, sourceName);
  const errors = read.problems.filter((problem) => problem.severity === 'error');
  if (errors.length) return { outcome: 'failed', notes: errors.map(formatProblem), recognised: [] };
  if (typeof read.data['headline'] !== 'string') {
    return {
      outcome: 'failed',
      notes: [`${sourceName} — expected a headline on the first line, found none`],
      recognised: [],
    };
  }
  // The Markdown keeps the dump's name, so the slug and the URL stay what they were.
  const stem = sourceName.split('/').pop()!.replace(/\.[^.]+$/, '');
  const name = targetName ?? `${stem}.md`;
  const hash = hashImport(read.data, read.body);
  const output = matter.stringify(`${read.body}\n`, { ...read.data, imported: { source: sourceName, hash } });
  // A warning the recognised list already names (the appeal that was left out) is reported once.
  const named = new Set((read.recognised ?? []).map((part) => part.problem));
  const notes = read.problems
    .filter((problem) => problem.severity === 'warning' && !named.has(problem))
    .map((problem) => problem.message);
  const recognised = (read.recognised ?? []).map((part) => part.label);

  if (existing === undefined) return { outcome: 'imported', targetName: name, output, notes, recognised };
  const current = matter(existing);
  const recorded = (current.data['imported'] as { hash?: unknown } | undefined)?.hash;
  const edited = recorded === undefined || hashImport(current.data, current.content) !== recorded;
  if (edited && !force) {
    const why = recorded === undefined ? 'exists and was not written by import' : 'was edited since it was imported';
    return {
      outcome: 'skipped',
      targetName: name,
      notes: [`the target ${why}; --force overwrites it`],
      recognised: [],
    };
  }
  if (!edited && recorded === hash) return { outcome: 'unchanged', targetName: name, notes: [], recognised: [] };
  return { outcome: 'updated', targetName: name, output, notes, recognised };
}
