import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { absolutizeLinks, buildFeed, getFeedUrl, listFeedChannels, toListParam } from '../../../src/lib/feeds.ts';
import { makeNewsroom } from '../../helpers/make-newsroom.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['item', 'entry', 'author', 'dc:creator', 'category'].includes(name),
});

describe('feeds', () => {
  const newsroom = makeNewsroom(
    [
      { id: 1, date: '2024-01-10 10:00', topics: ['a'], authors: ['jb'], headline: 'Ein ]]> Ende & <b>fett</b>' },
      { id: 2, date: '2024-01-09 10:00', section: 'wirtschaft' },
      { id: 3 },
    ],
    { site: { feeds: { fullText: true, items: 50 } } },
  );

  it('has a channel for the paper and every section, topic and author, without undated articles', () => {
    const channels = listFeedChannels(newsroom);
    expect(channels.map((channel) => channel.pageUrl)).toEqual([
      '/',
      '/politik/',
      '/wirtschaft/',
      '/thema/a/',
      '/thema/b/',
      '/thema/c/',
      '/thema/d/',
      '/autor/jb/',
    ]);
    expect(channels[0]?.articles.map((article) => article.id)).toEqual([1, 2]);
  });

  it('lives beside its list page', () => {
    expect(getFeedUrl('/thema/a/', 'xml')).toBe('/thema/a/feed.xml');
    expect(toListParam('/thema/a/')).toBe('thema/a');
    expect(toListParam('/')).toBeUndefined();
  });

  it('writes well-formed RSS 2.0 with the elements the spec requires, authors as dc:creator', () => {
    const channel = listFeedChannels(newsroom)[0]!;
    const { xml } = buildFeed({
      newsroom,
      channel,
      extras: new Map([[1, { html: '<p>Text <a href="/x/">Link</a></p>' }]]),
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const rss = parser.parse(xml).rss;
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel).toMatchObject({ title: 'Testblatt', link: 'https://test.example/' });
    const [first] = rss.channel.item;
    expect(first.title).toBe('Ein ]]> Ende & <b>fett</b>');
    expect(first.pubDate).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(first['dc:creator']).toEqual(['Jana Beispiel']);
    expect(first.author).toBeUndefined();
    expect(first['content:encoded']).toBe('<p>Text <a href="https://test.example/x/">Link</a></p>');
  });

  it('writes well-formed Atom 1.0 with id, title, updated and an author per entry', () => {
    const channel = listFeedChannels(newsroom)[0]!;
    const atom = parser.parse(buildFeed({ newsroom, channel, extras: new Map() }).atom).feed;
    expect(atom['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(atom).toMatchObject({ id: 'https://test.example/', title: 'Testblatt' });
    expect(atom.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    for (const entry of atom.entry) {
      expect(entry.id).toMatch(/^https:\/\//);
      expect(entry.updated).toBeDefined();
      expect(entry.title).toBeDefined();
    }
    expect(atom.entry[0].author).toEqual([{ name: 'Jana Beispiel', uri: 'https://test.example/autor/jb/' }]);
  });

  it('writes JSON Feed 1.1 with the full text when the site asks for it', () => {
    const channel = listFeedChannels(newsroom)[0]!;
    const json = JSON.parse(buildFeed({ newsroom, channel, extras: new Map([[1, { html: '<p>Text</p>' }]]) }).json);
    expect(json).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Testblatt',
      feed_url: 'https://test.example/feed.json',
    });
    expect(json.items[0]).toMatchObject({
      id: 'https://test.example/2024/01/10/artikel-1/',
      content_html: '<p>Text</p>',
      date_published: '2024-01-10T10:00:00+01:00',
      authors: [{ name: 'Jana Beispiel', url: 'https://test.example/autor/jb/' }],
    });
    expect(json.items[1]).toMatchObject({ content_text: 'Teaser.' });
  });

  it('makes site-relative links absolute and leaves others alone', () => {
    expect(
      absolutizeLinks(
        '<a href="/a/">x</a><img src="/b.jpg"><a href="https://o.example/">y</a><a href="//cdn">z</a>',
        'https://s.example',
      ),
    ).toBe(
      '<a href="https://s.example/a/">x</a><img src="https://s.example/b.jpg"><a href="https://o.example/">y</a><a href="//cdn">z</a>',
    );
  });
});
