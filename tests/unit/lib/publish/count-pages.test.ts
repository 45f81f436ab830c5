import { describe, expect, it } from 'vitest';
import { countPages } from '../../../../src/lib/publish/count-pages.ts';

describe('countPages', () => {
  it('reads the rendered and kept pages from the report line', () => {
    const log = [
      'Published release 20261201T…: 3 files added.',
      'Time: code 0.01 s.',
      'Pages: 3 rendered, 74 kept of 77.',
    ].join('\n');
    expect(countPages(log)).toEqual({ rendered: 3, skipped: 74 });
  });

  it('finds nothing in a log without the report line', () => {
    expect(countPages('Complete!')).toEqual({ rendered: 0, skipped: 0 });
  });
});
