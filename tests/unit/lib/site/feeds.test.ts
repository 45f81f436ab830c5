import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createNewsroom } from '../../../../src/lib/content/create-newsroom.ts';
import { escapeHtml } from '../../../../src/lib/site/escape-html.ts';
import {
  absolutizeLinks,
  buildFeed,
  getFeedUrl,
  listFeedChannels,
  toListParam,
  type FeedFormat,
} from '../../../../src/lib/site/feeds.ts';
import { siteSchema } from '../../../../src/schemas/site.ts';
import { getShown, keepXmlChars, readJsonFeed, readXmlFeed } from '../../../helpers/feed-fields.ts';
import { readHtmlText } from '../../../helpers/html-injections.ts';
import { makeNewsroom, makePicture } from '../../../helpers/make-newsroom.ts';

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
    // Readers render an RSS title as HTML: the headline comes back as the characters it was.
    expect(readHtmlText(first.title)).toBe('Ein ]]> Ende & <b>fett</b>');
    expect(first.pubDate).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(first['dc:creator']).toEqual(['Jana Beispiel']);
    expect(first.author).toBeUndefined();
    expect(first['content:encoded']).toBe('<p>Text <a href="https://test.example/x/">Link</a></p>');
  });

  it('writes well-formed Atom 1.0 with id, title, updated and an author per entry', () => {
    const channel = listFeedChannels(newsroom)[0]!;
    const atom = parser.parse(buildFeed({ newsroom, channel, extras: new Map() }).atom).feed;
    expect(atom['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(atom).toMatchObject({ id: 'https://test.example/', title: { '#text': 'Testblatt', '@_type': 'text' } });
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

/**
 * Every payload of the XSS corpus in every plain-text field that reaches a feed, read back the way
 * a feed reader reads it: the XML parsed, and fields that readers treat as HTML (Atom
 * `type="html"`, RSS `title`, `description` and `content:encoded`, JSON Feed `content_html`)
 * parsed again as HTML.
 */
const payloads = JSON.parse(
  await readFile(path.join(import.meta.dirname, '../../../fixtures/xss/payloads.json'), 'utf8'),
) as string[];

function createHostileNewsroom(payload: string, fullText: boolean) {
  const site = siteSchema.parse({
    title: `Blatt ${payload}`,
    tagline: `Motto ${payload}`,
    url: 'https://test.example',
    feeds: { fullText },
  });
  return createNewsroom(
    {
      site,
      sections: [{ id: 'politik', name: `Ressort ${payload}`, description: `Ressortbeschreibung ${payload}` }],
      topics: [{ id: 'thema', name: `Thema ${payload}`, description: `Themenbeschreibung ${payload}` }],
      authors: [{ id: 'autorin', data: { name: `Autorin ${payload}`, bio: `Über sie ${payload}`, links: [] } }],
      pages: [],
      articles: [
        {
          slug: 'bericht',
          data: {
            id: 1,
            kicker: `Dachzeile ${payload}`,
            headline: `Schlagzeile ${payload}`,
            teaser: `Vorspann ${payload}`,
            date: '2024-01-10 10:00',
            section: 'politik',
            topics: ['thema'],
            authors: ['autorin', { name: `Gast ${payload}` }],
            credits: [`Agentur ${payload}`],
            image: {
              src: makePicture(),
              alt: `Bild ${payload}`,
              caption: `Bildtext ${payload}`,
              credit: `Foto ${payload}`,
            },
            related: [],
            aliases: [],
            draft: false,
          },
        },
        {
          slug: 'meldung',
          data: {
            id: 2,
            headline: `Meldung ${payload}`,
            teaser: `Kurz ${payload}`,
            date: '2024-01-09 10:00',
            section: 'politik',
            topics: [],
            authors: [],
            credits: [`Agentur ${payload}`, 'dpa'],
            related: [],
            aliases: [],
            draft: false,
          },
        },
      ],
    },
    { now: new Date('2030-01-01T00:00:00Z'), preview: false },
  );
}

/** What readers must show for each field of the paper's feed, as [path, values] per format. */
function getExpectedFields(payload: string, format: FeedFormat, fullText: boolean): Array<[string, string[]]> {
  const text = (value: string) => (format === 'json' ? value : keepXmlChars(value));
  const p = (prefix: string) => text(`${prefix} ${payload}`);
  const titles = [`${p('Dachzeile')}: ${p('Schlagzeile')}`, p('Meldung')];
  const teasers = [p('Vorspann'), p('Kurz')];
  const categories = [p('Ressort'), p('Thema'), p('Ressort')];
  const body = fullText ? [`${p('Erster Absatz')} ]]> und ]]> Ende`, p('Kurz')] : teasers;
  if (format === 'xml')
    return [
      ['rss/channel/title', [p('Blatt')]],
      ['rss/channel/description', [p('Motto')]],
      ['rss/channel/copyright', [p('Blatt')]],
      ['rss/channel/item/title', titles],
      ['rss/channel/item/description', teasers],
      ['rss/channel/item/content:encoded', body],
      ['rss/channel/item/category', categories],
      ['rss/channel/item/dc:creator', [p('Autorin'), p('Gast'), p('Agentur'), 'dpa']],
      ['rss/channel/item/dc:contributor', [p('Agentur')]],
    ];
  if (format === 'atom')
    return [
      ['feed/title', [p('Blatt')]],
      ['feed/subtitle', [p('Motto')]],
      ['feed/rights', [p('Blatt')]],
      ['feed/entry/title', titles],
      ['feed/entry/summary', teasers],
      ['feed/entry/content', fullText ? body.slice(0, 1) : []],
      ['feed/entry/category/@term', categories],
      ['feed/entry/author/name', [p('Autorin'), p('Gast'), p('Agentur'), 'dpa']],
      ['feed/entry/contributor/name', [p('Agentur')]],
    ];
  return [
    ['title', [p('Blatt')]],
    ['description', [p('Motto')]],
    ['items/title', titles],
    ['items/summary', teasers],
    [fullText ? 'items/content_html' : 'items/content_text', fullText ? body.slice(0, 1) : teasers],
    ...(fullText ? [['items/content_text', [p('Kurz')]] as [string, string[]]] : []),
    ['items/authors/name', [p('Autorin'), p('Gast'), p('Agentur'), 'dpa']],
    ['items/_depesche/credits', [p('Agentur')]],
    ['items/tags', categories],
  ];
}

describe.each([
  { mode: 'teaser', fullText: false },
  { mode: 'full-text', fullText: true },
])('$mode feeds carrying hostile text', ({ fullText }) => {
  it.each(payloads.map((payload, index) => ({ payload, index })))(
    'show payload $index as the plain text it is in every field, with no markup a reader would run',
    ({ payload }) => {
      const newsroom = createHostileNewsroom(payload, fullText);
      // The body is HTML from the Markdown renderer, which leaves `>` in text unescaped.
      const extras = new Map([[1, { html: `<p>Erster Absatz ${escapeHtml(payload)} ]]> und ]]> Ende</p>` }]]);
      const problems: string[] = [];
      for (const channel of listFeedChannels(newsroom)) {
        const feeds = buildFeed({ newsroom, channel, extras });
        for (const format of ['xml', 'atom', 'json'] as const) {
          const fields = format === 'json' ? readJsonFeed(feeds.json) : readXmlFeed(feeds[format]);
          for (const field of fields)
            for (const injection of field.injections)
              problems.push(`${channel.pageUrl} ${format} ${field.path}: ${injection}`);
          const text = (value: string) => (format === 'json' ? value : keepXmlChars(value));
          const titlePath = { xml: 'rss/channel/title', atom: 'feed/title', json: 'title' }[format];
          const descriptionPath = { xml: 'rss/channel/description', atom: 'feed/subtitle', json: 'description' }[
            format
          ];
          for (const [fieldPath, expected] of [
            [titlePath, [text(channel.title)]],
            [descriptionPath, [text(channel.description)]],
            ...(channel.pageUrl === '/' ? getExpectedFields(payload, format, fullText) : []),
          ] as Array<[string, string[]]>) {
            const shown = getShown(fields, fieldPath);
            if (JSON.stringify(shown) !== JSON.stringify(expected))
              problems.push(
                `${channel.pageUrl} ${format} ${fieldPath}: shows ${JSON.stringify(shown)}, expected ${JSON.stringify(expected)}`,
              );
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );
});
