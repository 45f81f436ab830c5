import { describe, expect, it } from 'vitest';
import { ContentProblemsError, describeValue, formatFieldPath, formatProblem, formatProblemReport } from '../../../../src/lib/content/problems.ts';

describe('problem messages', () => {
  it('reads like file:line field — message', () => {
    expect(formatProblem({ severity: 'error', file: 'content/articles/2010/amazon.md', line: 7, field: 'authors[1]', message: 'no author "tkleinz" (known: a, b)' })).toBe(
      'content/articles/2010/amazon.md:7 authors[1] — no author "tkleinz" (known: a, b)',
    );
  });

  it('leaves out what is not known and marks warnings', () => {
    expect(formatProblem({ severity: 'warning', file: 'x.md', message: 'm' })).toBe('warning: x.md — m');
  });

  it('writes field paths with brackets for list items', () => {
    expect(formatFieldPath(['navigation', 0, 'url'])).toBe('navigation[0].url');
    expect(formatFieldPath([2, 'id'])).toBe('[2].id');
  });

  it('describes found values by kind, cutting long text', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(42)).toBe('the number 42');
    expect(describeValue(['a'])).toBe('a list of 1 item');
    expect(describeValue('x'.repeat(100))).toHaveLength(60);
  });

  it('sorts errors before warnings, by file and line, and ends with what to do', () => {
    const report = formatProblemReport([
      { severity: 'warning', file: 'a.md', message: 'w' },
      { severity: 'error', file: 'b.md', line: 9, message: 'late' },
      { severity: 'error', file: 'b.md', line: 2, message: 'early' },
    ]);
    expect(report.split('\n')).toEqual([
      'b.md:2 — early',
      'b.md:9 — late',
      'warning: a.md — w',
      '',
      'The content has 2 errors in 1 file, so nothing was published. Fix the fields named above and build again.',
    ]);
  });

  it('carries all problems in the error the loader throws', () => {
    const error = new ContentProblemsError([{ severity: 'error', file: 'a.md', message: 'm' }]);
    expect(error.name).toBe('ContentProblemsError');
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain('a.md — m');
  });
});
