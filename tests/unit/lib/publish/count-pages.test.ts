import { describe, expect, it } from 'vitest';
import { countPages } from '../../../../src/lib/publish/count-pages.ts';

describe('countPages', () => {
  it('counts rendered and restored pages, also when several share a line', () => {
    const log = [
      '09:11:41   ├─ /404.html09:11:41   ├─ /robots.txt09:11:41   ├─ /text/index.txt (restored)',
      '09:11:42   ├─ /text/index.html (restored)',
      '09:11:42   ├─ /2026/11/20/streik/index.html (+12ms)',
      '09:11:42   ├─ /feed.xml (cached)',
    ].join('\n');
    expect(countPages(log)).toEqual({ rendered: 3, skipped: 3 });
  });

  it('finds nothing in a log without pages', () => {
    expect(countPages('Complete!')).toEqual({ rendered: 0, skipped: 0 });
  });
});
