/**
 * Runs a schema over one entry and turns every zod issue into a content problem that says what
 * was expected and what was found, on the line where the field stands.
 */
import type { z } from 'astro/zod';
import { describeValue, formatFieldPath, type ContentProblem } from './problems.ts';

export interface EntryLocation {
  file: string;
  locate(path: ReadonlyArray<PropertyKey>): number;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: ContentProblem[] };

const KIND_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  date: 'a date',
};

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value: unknown = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** Edit distance, to suggest "headline" for a mistyped "headlin". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

type SchemaDef = Record<string, unknown>;
const defOf = (schema: unknown): SchemaDef | undefined => (schema as { def?: SchemaDef } | undefined)?.def;

/** The schema under optional(), default() and a transform's pipe, where the fields are. */
function unwrap(schema: unknown): SchemaDef | undefined {
  let def = defOf(schema);
  while (def && (def.type === 'optional' || def.type === 'default' || def.type === 'pipe')) {
    def = defOf(def.type === 'pipe' ? def.in : def.innerType);
  }
  return def;
}

function knownKeys(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let def = unwrap(schema);
  for (const segment of path) {
    if (def?.type === 'object') def = unwrap((def.shape as Record<string, unknown>)[String(segment)]);
    else if (def?.type === 'array') def = unwrap(def.element);
    else return [];
  }
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

function describeIssue(issue: z.core.$ZodIssue, found: unknown): string {
  const foundText = describeValue(found);
  switch (issue.code) {
    case 'invalid_type': {
      // A field's own wording ("a whole number like 5130574") beats the generic kind name.
      const expected = issue.message.startsWith('expected') ? issue.message : `expected ${KIND_NAMES[issue.expected] ?? issue.expected}`;
      if (found === undefined) return `${expected}, found nothing: the field is required`;
      return `${expected}, found ${foundText}`;
    }
    case 'too_small':
    case 'too_big': {
      if (issue.message.startsWith('expected')) return issue.message.includes(', found') ? issue.message : `${issue.message}, found ${foundText}`;
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const relation = issue.code === 'too_small' ? 'at least' : 'at most';
      const unit = issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '';
      return `expected ${relation} ${String(bound)}${unit}, found ${foundText}`;
    }
    default: {
      const base = issue.message.startsWith('expected') ? issue.message : `expected a valid value (${issue.message})`;
      return base.includes(', found') ? base : `${base}, found ${foundText}`;
    }
  }
}

/** Validates `data` against `schema`; on failure, one problem per issue, each on its own line. */
export function validateEntry<S extends z.ZodType>(
  schema: S,
  data: unknown,
  where: EntryLocation,
): Validation<z.output<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const problems: ContentProblem[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) {
        const fieldPath = [...path, key];
        const nearest = known
          .map((name) => ({ name, d: distance(name, key) }))
          .sort((a, b) => a.d - b.d)[0];
        const hint = nearest && nearest.d <= 2 ? ` Did you mean "${nearest.name}"?` : '';
        problems.push({
          severity: 'error',
          file: where.file,
          line: where.locate(fieldPath),
          field: formatFieldPath(fieldPath),
          message: `expected one of the known fields (${known.join(', ')}), found the unknown field "${key}".${hint}`,
        });
      }
      continue;
    }
    problems.push({
      severity: 'error',
      file: where.file,
      line: where.locate(path),
      field: formatFieldPath(path) || undefined,
      message: describeIssue(issue, valueAt(data, path)),
    });
  }
  return { ok: false, problems };
}
