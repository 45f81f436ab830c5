import { describe, expect, it } from 'vitest';
import { buildFrontPage } from '../../../../src/lib/site/front-page.ts';
import { ids, makeNewsroom } from '../../../helpers/make-newsroom.ts';

describe('buildFrontPage', () => {
  it('leads with the newest story that has a picture from the latest hours', () => {
    const newsroom = makeNewsroom([
      { id: 1, date: '2024-01-10 18:00' },
      { id: 2, date: '2024-01-10 09:00', image: true },
      { id: 3, date: '2024-01-09 09:00', image: true },
    ]);
    expect(buildFrontPage(newsroom).lead?.id).toBe(2);
  });

  it('leads with the newest story when no recent story has a picture', () => {
    const newsroom = makeNewsroom([
      { id: 1, date: '2024-01-10 18:00' },
      { id: 2, date: '2024-01-01 09:00', image: true },
    ]);
    expect(buildFrontPage(newsroom).lead?.id).toBe(1);
  });

  it('shows no article twice: lead, then latest, then the sections', () => {
    const newsroom = makeNewsroom(
      Array.from({ length: 12 }, (_, i) => ({
        id: i + 1,
        date: `2024-01-${String(20 - i).padStart(2, '0')} 10:00`,
        section: i % 2 ? 'wirtschaft' : 'politik',
      })),
    );
    const front = buildFrontPage(newsroom, { latestCount: 3, perSection: 2 });
    const shown = [front.lead!.id, ...ids(front.latest), ...front.sections.flatMap((block) => ids(block.articles))];
    expect(new Set(shown).size).toBe(shown.length);
    expect(ids(front.latest)).toEqual([2, 3, 4]);
    expect(front.sections.map((block) => [block.section.id, ids(block.articles)])).toEqual([
      ['politik', [5, 7]],
      ['wirtschaft', [6, 8]],
    ]);
  });

  it('has an empty front page for an empty paper', () => {
    expect(buildFrontPage(makeNewsroom([]))).toEqual({ lead: undefined, latest: [], sections: [], mostCommented: [] });
  });
});
