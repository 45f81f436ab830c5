import { describe, expect, it } from 'vitest';
import { getPublishRate, parseBuildOutput } from '../../../../src/lib/bench/build-output.ts';
import { appendToBody, editHeadline, replaceBio } from '../../../../src/lib/bench/paper-edits.ts';
import { judgeTargets, type JudgedBuild } from '../../../../src/lib/bench/targets.ts';
import { median, readWatchPublish } from '../../../../src/lib/bench/watch-report.ts';

const BUILD_OUTPUT = `Published release 20261201-101010 to dist/: 30 files added, 0 changed, 0 removed; 0 unchanged, 12 compressed anew; search index: 300 articles, parts rebuilt: 2015, 1 kept (de); pictures: 1050 variants of 150 pictures, 1050 made, 0 from the cache, 0 kept from the published release.
Time: prepare 0.01 s, code 12.30 s, content 3.20 s, render 20.00 s, pictures 61.50 s, search index 4.00 s.
Pages: 1500 rendered, 0 kept of 1500 (the site's code was compiled anew).
	Maximum resident set size (kbytes): 1048576
	Elapsed (wall clock) time (h:mm:ss or m:ss): 1:40.50
`;

describe('parseBuildOutput', () => {
  it('reads wall time, peak memory, pages, steps and pictures from a build under /usr/bin/time', () => {
    expect(parseBuildOutput(BUILD_OUTPUT)).toEqual({
      seconds: 100.5,
      peakRssMb: 1024,
      pagesRendered: 1500,
      pagesKept: 0,
      steps: {
        prepare: 0.01,
        code: 12.3,
        content: 3.2,
        render: 20,
        pictures: 61.5,
        'search index': 4,
      },
      pictures: { variants: 1050, generated: 1050, reused: 0, kept: 0 },
    });
  });

  it('reads hours of wall time, and gives NaN where time did not report', () => {
    expect(parseBuildOutput('Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02:03.5').seconds).toBe(3723.5);
    expect(parseBuildOutput('no report').seconds).toBeNaN();
  });
});

describe('getPublishRate', () => {
  it('divides the pages rendered by the render step and by the wall time', () => {
    expect(getPublishRate(parseBuildOutput(BUILD_OUTPUT))).toEqual({ perRenderSecond: 75, perWallSecond: 14.9 });
  });

  it('is NaN without a render step', () => {
    expect(getPublishRate({ seconds: 10, pagesRendered: 5, steps: {} }).perRenderSecond).toBeNaN();
  });
});

describe('readWatchPublish', () => {
  it('reads seconds, files, pages rendered and files changed from the watcher’s line', () => {
    const log =
      '[watch] watching content, public, src; publishing to dist/\n' +
      '[watch] published 0.84 s after the save (content/articles/2015/a3.md): 4 pages rendered, 9 files changed. Watching for changes…\n';
    expect(readWatchPublish(log)).toEqual({
      reportedSeconds: 0.84,
      files: 'content/articles/2015/a3.md',
      pagesRendered: 4,
      filesChanged: 9,
    });
  });

  it('says failed when nothing was published, and nothing while the watcher has not answered', () => {
    expect(readWatchPublish('[watch] nothing was published; the site stays as it was.')).toBe('failed');
    expect(readWatchPublish('[watch] watching content')).toBeUndefined();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3, 2, 4])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('the bench’s edits', () => {
  it('keep a headline valid YAML whether it was quoted or not', () => {
    expect(editHeadline('headline: Die Stadt plant\nteaser: x', ' (aktualisiert)')).toBe(
      'headline: "Die Stadt plant (aktualisiert)"\nteaser: x',
    );
    expect(editHeadline('headline: "Die „Stadt“ plant"', ' (2. Fassung)')).toBe(
      'headline: "Die „Stadt“ plant (2. Fassung)"',
    );
  });

  it('add a sentence to the end of a body and replace an author’s bio', () => {
    expect(appendToBody('---\nid: 1\n---\nText.\n\n', 'Nachtrag.')).toBe('---\nid: 1\n---\nText. Nachtrag.\n');
    expect(replaceBio('name: A\nbio: "Alt."\n', 'Neu.')).toBe('name: A\nbio: "Neu."\n');
  });
});

describe('judgeTargets', () => {
  const build = (scenario: string, kind: JudgedBuild['kind'], seconds: number, peakTotalRssMb = 900): JudgedBuild => ({
    scenario,
    kind,
    seconds,
    peakRssMb: peakTotalRssMb - 100,
    peakTotalRssMb,
    ok: true,
  });

  it('marks each figure met or missed against its target', () => {
    const rows = judgeTargets({
      articles: 10_000,
      builds: [
        build('cold build, first picture fill', 'cold', 39),
        build('cold build, picture cache warm', 'cold', 30, 2100),
        build('second build, no change', 'no change', 2.5),
        build('one article body edited', 'article edit', 5.5),
        build('one author bio edited', 'other edit', 50),
      ],
      watchBodyMedian: 0.9,
      watchHeadlineMedian: 2.4,
      watchOk: true,
    });
    expect(rows.map((row) => [row.target, row.status])).toEqual([
      ['cold ≤ 40 s, peak ≤ 2 GB: cold build, first picture fill', 'met'],
      ['cold ≤ 40 s, peak ≤ 2 GB: cold build, picture cache warm', 'missed'],
      ['nothing changed ≤ 3 s: second build, no change', 'met'],
      ['one-shot edit ≤ 5 s: one article body edited', 'missed'],
      ['watch, body edit, save to published ≤ 1 s (median of 5)', 'met'],
      ['watch, headline edit, save to published ≤ 2 s (median of 5)', 'missed'],
    ]);
  });

  it('says what a --cold-only run did not measure, and at 100,000 whether the paper built', () => {
    const rows = judgeTargets({
      articles: 100_000,
      builds: [{ ...build('cold build, first picture fill', 'cold', 3000, 9000), ok: false }],
      watchBodyMedian: undefined,
      watchHeadlineMedian: undefined,
      watchOk: true,
    });
    expect(rows.map((row) => row.status)).toEqual([
      'failed',
      'not measured',
      'not measured',
      'not measured',
      'not measured',
      'failed',
    ]);
    expect(rows.at(-1)?.target).toBe('100,000 articles build to the end');
  });
});
