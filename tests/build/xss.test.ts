/**
 * Text from content files cannot inject markup or script. A paper is generated with every payload
 * of tests/fixtures/xss/payloads.json in every text field of front matter and settings and in
 * Markdown bodies; the built pages, feeds, JSON-LD and text edition are inspected, and the pages
 * are opened in Chromium, where no payload may run.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import type { Browser } from 'playwright-core';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { buildFixture, projectRoot, type BuiltFixture } from '../helpers/build-fixture.ts';
import { getShown, keepXmlChars, readJsonFeed, readXmlField, type FeedField } from '../helpers/feed-fields.ts';
import { readUrl } from '../helpers/html-injections.ts';
import { startPreview, type PreviewedSite } from '../helpers/preview.ts';

const payloads = JSON.parse(
  await readFile(path.join(projectRoot, 'tests/fixtures/xss/payloads.json'), 'utf8'),
) as string[];
/** Every payload at once, for the fields a paper has only one of: its title, a section's name … */
const all = payloads.join(' ');
let contentDir: string;
let site: BuiltFixture;

const yaml = (data: unknown): string => stringify(data, { lineWidth: 0 });

async function writePaper(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'articles'), { recursive: true });
  await mkdir(path.join(dir, 'authors'), { recursive: true });
  await mkdir(path.join(dir, 'pages'), { recursive: true });
  await mkdir(path.join(dir, 'images'), { recursive: true });
  await copyFile(
    path.join(projectRoot, 'tests/fixtures/basic/content/images/server.jpg'),
    path.join(dir, 'images/bild.jpg'),
  );
  await writeFile(
    path.join(dir, 'site.yaml'),
    yaml({
      title: `Blatt ${all}`,
      tagline: all,
      url: 'https://xss.example',
      support: { heading: payloads[1], text: all, label: payloads[2], url: '/' },
      navigation: [{ section: 'politik' }, { label: payloads[3], url: '/politik/' }],
    }),
  );
  await writeFile(path.join(dir, 'sections.yaml'), yaml([{ id: 'politik', name: `Politik ${all}`, description: all }]));
  await writeFile(path.join(dir, 'topics.yaml'), yaml([{ id: 'thema', name: `Thema ${all}`, description: all }]));
  await writeFile(
    path.join(dir, 'authors/autorin.yaml'),
    yaml({
      name: `Autorin ${all}`,
      role: payloads[7],
      bio: all,
      links: [{ label: payloads[8], url: 'https://example.org/' }],
    }),
  );
  await writeFile(
    path.join(dir, 'pages/seite.md'),
    `---\n${yaml({ title: `Seite ${payloads[9]}`, description: all, footer: 1 })}---\n${payloads.join('\n\n')}\n`,
  );
  for (const [index, payload] of payloads.entries()) {
    const front = {
      id: 1000 + index,
      kicker: payload,
      headline: `Schlagzeile ${index} ${payload}`,
      teaser: payload,
      date: `2024-01-${String((index % 28) + 1).padStart(2, '0')} 10:00`,
      updated: `2024-02-${String((index % 28) + 1).padStart(2, '0')} 10:00`,
      correction: payload,
      section: 'politik',
      topics: ['thema'],
      authors: ['autorin', { name: payload }],
      credits: [payload, 'dpa'],
      dateline: payload,
      image: { src: '../images/bild.jpg', alt: payload, caption: payload, credit: payload },
      related: index ? [1000, { kicker: payload, headline: `Anderswo ${payload}`, teaser: payload }] : [],
      comments: index,
    };
    const body = [
      `Erster Absatz ${payload}`,
      payload,
      `[Link ${index}](${payload.startsWith('javascript') ? payload : 'https://example.org/'})`,
      `> ${payload}`,
      `- ${payload}`,
    ].join('\n\n');
    await writeFile(path.join(dir, `articles/a${index}.md`), `---\n${yaml(front)}---\n${body}\n`);
  }
}

beforeAll(async () => {
  contentDir = await mkdtemp(path.join(os.tmpdir(), 'depesche-xss-content-'));
  await writePaper(contentDir);
  site = await buildFixture(contentDir, '2024-06-01T12:00:00+02:00');
});

afterAll(async () => {
  await site?.remove();
  await rm(contentDir, { recursive: true, force: true });
});

// Elements content may never bring in. The site's own search form (action on the site) is allowed,
// and so is <source>, which the Markdown allow-list keeps for <picture> (its attributes are checked).
const DANGEROUS_ELEMENTS =
  'iframe, object, embed, base, video, audio, svg, math, style:not(head style), meta[http-equiv]';

function findInjections($: CheerioAPI): string[] {
  const found: string[] = [];
  $('*').each((_, node) => {
    const element = $(node);
    const tag = String(element.prop('tagName') ?? '').toLowerCase();
    for (const [name, value] of Object.entries(element.attr() ?? {})) {
      if (/^on/i.test(name)) found.push(`${tag} ${name}`);
      if (
        /^(href|src|action|data|formaction|xlink:href)$/i.test(name) &&
        /^(javascript|data|vbscript):/i.test(readUrl(value))
      ) {
        found.push(`${tag} ${name}=${value}`);
      }
    }
  });
  $('script').each((_, script) => {
    const type = $(script).attr('type');
    const src = $(script).attr('src');
    if (type === 'application/ld+json') return;
    if (type === 'module' && src?.startsWith('/_astro/')) return;
    found.push(`script ${$.html(script).slice(0, 80)}`);
  });
  $(DANGEROUS_ELEMENTS).each((_, element) => {
    found.push(`element ${String($(element).prop('tagName')).toLowerCase()}`);
  });
  $('form').each((_, form) => {
    const action = $(form).attr('action') ?? '';
    if (!/^\/[a-z]+\/$/.test(action) || !$(form).is('.site-search, .search-form')) found.push(`element form ${action}`);
  });
  $('input, button, select, textarea').each((_, field) => {
    if (!$(field).closest('form.site-search, form.search-form, .search .search-more').length)
      found.push(`element ${field.tagName} outside the search forms`);
  });
  return found;
}

async function listFiles(extension: string): Promise<string[]> {
  const entries = await readdir(site.outDir, { recursive: true });
  return entries
    .filter((file) => file.endsWith(extension) && !file.startsWith('pagefind'))
    .map((file) => path.join(site.outDir, file));
}

function listInjections(fields: readonly FeedField[], file: string): string[] {
  return fields.flatMap((field) => field.injections.map((injection) => `${file} ${field.path}: ${injection}`));
}

type FeedFormat = 'rss' | 'atom' | 'json';

/** Paths of the paper feed's fields in each format. */
const FEED_PATHS: Record<FeedFormat, Record<string, string>> = {
  rss: {
    title: 'rss/channel/title',
    description: 'rss/channel/description',
    rights: 'rss/channel/copyright',
    link: 'rss/channel/item/link',
    entryTitle: 'rss/channel/item/title',
    summary: 'rss/channel/item/description',
    content: 'rss/channel/item/content:encoded',
    authors: 'rss/channel/item/dc:creator',
    contributors: 'rss/channel/item/dc:contributor',
    categories: 'rss/channel/item/category',
  },
  atom: {
    title: 'feed/title',
    description: 'feed/subtitle',
    rights: 'feed/rights',
    link: 'feed/entry/id',
    entryTitle: 'feed/entry/title',
    summary: 'feed/entry/summary',
    authors: 'feed/entry/author/name',
    contributors: 'feed/entry/contributor/name',
    categories: 'feed/entry/category/@term',
  },
  json: {
    title: 'title',
    description: 'description',
    link: 'items/url',
    entryTitle: 'items/title',
    summary: 'items/summary',
    content: 'items/content_text',
    authors: 'items/authors/name',
    contributors: 'items/_depesche/credits',
    categories: 'items/tags',
  },
};

/**
 * Compares what a reader shows in the paper's feed with the text in the content files: the
 * paper's fields, and for each article (found by its URL) its title, teaser, authors, agencies
 * and categories. Text fields are trimmed as the content schema trims them; XML cannot carry
 * control characters at all.
 */
function checkPaperFeed(fields: readonly FeedField[], format: FeedFormat): string[] {
  const paths = FEED_PATHS[format];
  const text = (value: string) => (format === 'json' ? value.trim() : keepXmlChars(value.trim()));
  const expected: Array<[string, number, string[]]> = [
    [paths['title']!, -1, [text(`Blatt ${all}`)]],
    [paths['description']!, -1, [text(all)]],
    ...(paths['rights'] ? [[paths['rights'], -1, [text(`Blatt ${all}`)]] as [string, number, string[]]] : []),
  ];
  const links = getShown(fields, paths['link']!);
  if (links.length !== payloads.length) return [`${format}: ${links.length} entries, expected ${payloads.length}`];
  links.forEach((link, entry) => {
    const index = Number(/\/a(\d+)\/$/.exec(link)?.[1]);
    const payload = payloads[index]!;
    expected.push(
      [paths['entryTitle']!, entry, [text(`${payload.trim()}: Schlagzeile ${index} ${payload}`)]],
      [paths['summary']!, entry, [text(payload)]],
      [paths['authors']!, entry, [text(`Autorin ${all}`), text(payload)]],
      [paths['contributors']!, entry, [text(payload), 'dpa']],
      [paths['categories']!, entry, [text(`Politik ${all}`), text(`Thema ${all}`)]],
    );
    if (paths['content']) expected.push([paths['content'], entry, [text(payload)]]);
  });
  return expected.flatMap(([fieldPath, entry, values]) => {
    const shown = getShown(fields, fieldPath, entry < 0 ? undefined : entry);
    return JSON.stringify(shown) === JSON.stringify(values)
      ? []
      : [`${format} ${fieldPath} #${entry}: shows ${JSON.stringify(shown)}, expected ${JSON.stringify(values)}`];
  });
}

interface RawXmlField {
  path: string;
  entry: number;
  text: string;
  attribute: boolean;
  type?: string | undefined;
}

/** Runs in Chromium: its XML parser, as strict as a feed reader's, and every leaf and attribute. */
function readXmlInBrowser(xml: string): { error?: string; fields: RawXmlField[] } {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const error = document.querySelector('parsererror');
  if (error) return { error: error.textContent ?? 'parser error', fields: [] };
  const fields: RawXmlField[] = [];
  let entries = -1;
  const visit = (element: Element, parent: string, entry: number): void => {
    const path = parent ? `${parent}/${element.tagName}` : element.tagName;
    const own = ['item', 'entry'].includes(element.tagName) ? ++entries : entry;
    for (const attribute of Array.from(element.attributes))
      fields.push({ path: `${path}/@${attribute.name}`, entry: own, text: attribute.value, attribute: true });
    if (!element.children.length)
      fields.push({
        path,
        entry: own,
        text: element.textContent ?? '',
        attribute: false,
        type: element.getAttribute('type') ?? undefined,
      });
    for (const child of Array.from(element.children)) visit(child, path, own);
  };
  if (document.documentElement) visit(document.documentElement, '', -1);
  return { fields };
}

describe('content with injection payloads', () => {
  it('builds, with every article published', async () => {
    expect(await site.exists('/politik/')).toBe(true);
    const articlePages = (await listFiles('.html')).filter((file) =>
      /^2024\/01\/\d\d\/a\d+\/index\.html$/.test(path.relative(site.outDir, file).split(path.sep).join('/')),
    );
    expect(articlePages).toHaveLength(payloads.length);
  });

  it('injects no element, attribute, script or dangerous URL into any HTML page', async () => {
    // Distinct findings with the first page each appears on, so a failure reads as a short list.
    const failures = new Map<string, string>();
    for (const file of await listFiles('.html')) {
      for (const injection of findInjections(load(await readFile(file, 'utf8')))) {
        if (!failures.has(injection)) failures.set(injection, path.relative(site.outDir, file));
      }
    }
    expect([...failures].map(([injection, file]) => `${injection} (${file})`)).toEqual([]);
  });

  it('shows the payloads as text where they were text', async () => {
    const $ = await site.page('/2024/01/01/a0/');
    expect($('h1 .kicker').text()).toBe(payloads[0]);
    expect($('.article-teaser').text()).toBe(payloads[0]);
  });

  it('keeps every JSON-LD block one parseable script, with the payload as data', async () => {
    for (const file of await listFiles('.html')) {
      const html = await readFile(file, 'utf8');
      const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
      if (file.includes(`${path.sep}text${path.sep}`)) continue;
      expect(blocks, file).toHaveLength(1);
      expect(() => JSON.parse(blocks[0]![1]!), file).not.toThrow();
    }
    const $ = await site.page('/2024/01/09/a8/');
    const [article] = JSON.parse($('script[type="application/ld+json"]').text()) as Array<{ headline: string }>;
    expect(article?.headline).toBe(`Schlagzeile 8 ${payloads[8]}`);
  });

  it('shows every payload in JSON Feed as the plain text it was, with HTML content free of injections', async () => {
    const problems: string[] = [];
    for (const file of await listFiles('feed.json')) {
      const fields = readJsonFeed(await readFile(file, 'utf8'));
      problems.push(...listInjections(fields, path.relative(site.outDir, file)));
      if (path.relative(site.outDir, file) === 'feed.json') problems.push(...checkPaperFeed(fields, 'json'));
    }
    expect(problems).toEqual([]);
  });

  it('serves the text edition as plain text, where a payload is only characters', async () => {
    const text = await readFile(path.join(site.outDir, 'text/2024/01/01/a0.txt'), 'utf8');
    const siteTitle = `Blatt ${all}`.replace(/\s+/gu, ' ');
    expect(text.split('\n')[0]).toBe(`# ${siteTitle} -- ${payloads[0]}: Schlagzeile 0 ${payloads[0]}`);
  });
});

describe('in the browser', () => {
  let browser: Browser;
  let server: PreviewedSite;

  beforeAll(async () => {
    server = await startPreview(site.outDir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('writes RSS and Atom feeds the browser parses as XML, each field showing the plain text it was', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const files = [...(await listFiles('feed.xml')), ...(await listFiles('feed.atom'))];
    // The paper, the section, the topic and the author, in two formats.
    expect(files).toHaveLength(8);
    for (const file of files) {
      const name = path.relative(site.outDir, file);
      const format = file.endsWith('.atom') ? 'atom' : 'rss';
      const { error, fields: raw } = await page.evaluate(readXmlInBrowser, await readFile(file, 'utf8'));
      if (error) {
        problems.push(`${name}: ${error}`);
        continue;
      }
      const fields = raw.map((field) =>
        field.attribute
          ? { path: field.path, entry: field.entry, html: false, shown: field.text, injections: [] }
          : readXmlField(field, format),
      );
      problems.push(...listInjections(fields, name));
      if (!name.includes(path.sep)) problems.push(...checkPaperFeed(fields, format));
    }
    await page.close();
    expect(problems).toEqual([]);
  });

  it('runs no payload on any page type', async () => {
    const ran: string[] = [];
    const page = await browser.newPage();
    page.on('dialog', async (dialog) => {
      ran.push(`${page.url()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    const urls = [
      '/',
      '/politik/',
      '/politik/2/',
      '/thema/thema/',
      '/autor/autorin/',
      '/seite/',
      '/archiv/',
      '/2024/01/',
      '/2024/01/05/',
      '/404.html',
      '/text/',
      '/text/2024/01/01/a0/',
    ];
    for (let index = 0; index < payloads.length; index++)
      urls.push(`/2024/01/${String((index % 28) + 1).padStart(2, '0')}/a${index}/`);
    for (const url of urls) {
      await page.goto(`${server.base}${url}`, { waitUntil: 'load' });
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 30)));
    }
    await page.close();
    expect(ran).toEqual([]);
  });
});
