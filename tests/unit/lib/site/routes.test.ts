import { describe, expect, it } from 'vitest';
import {
  listArticleRoutes,
  listAuthorRoutes,
  listDayRoutes,
  listSectionRoutes,
  listTopicRoutes,
} from '../../../../src/lib/site/routes.ts';
import { makeNewsroom } from '../../../helpers/make-newsroom.ts';

const newsroom = makeNewsroom(
  [
    { id: 1, date: '2024-01-10 10:00', topics: ['a'], authors: ['jb'] },
    { id: 2, date: '2024-01-10 12:00', section: 'wirtschaft' },
    { id: 3, date: '2024-01-11 10:00', topics: ['a'] },
  ],
  { site: { pageSize: 1 } },
);

describe('routes', () => {
  it('gives every article a path from its day and slug, with its related articles', () => {
    const routes = listArticleRoutes(newsroom);
    expect(routes.map((route) => route.params)).toContainEqual({
      year: '2024',
      month: '01',
      day: '10',
      article: 'artikel-1',
    });
    expect(routes.find((route) => route.props.article.id === 3)?.props.related.map((a) => a.id)).toEqual([1]);
  });

  it('paginates sections, topics and authors with page 1 at the bare URL', () => {
    expect(listSectionRoutes(newsroom).map((route) => [route.params.section, route.params.page])).toEqual([
      ['politik', undefined],
      ['politik', '2'],
      ['wirtschaft', undefined],
    ]);
    expect(
      listTopicRoutes(newsroom)
        .filter((route) => route.params.topic === 'a')
        .map((route) => route.params),
    ).toEqual([
      { topicBase: 'thema', topic: 'a', page: undefined },
      { topicBase: 'thema', topic: 'a', page: '2' },
    ]);
    expect(listAuthorRoutes(newsroom)[0]?.props.pager.pages).toHaveLength(1);
  });

  it('still builds a list page for a topic without articles', () => {
    const empty = listTopicRoutes(newsroom).find((route) => route.params.topic === 'd');
    expect(empty?.props.slice.items).toEqual([]);
  });

  it('builds day pages grouped by section with links to the neighbouring days', () => {
    const days = listDayRoutes(newsroom);
    expect(days.map((day) => day.params.day)).toEqual(['10', '11']);
    expect(days[0]!.props.sections.map((group) => group.section.id)).toEqual(['politik', 'wirtschaft']);
    expect(days[0]!.props.next?.day).toEqual({ year: 2024, month: 1, day: 11 });
    expect(days[1]!.props.previous?.day.day).toBe(10);
  });
});
