/**
 * Feeds read field by field the way a feed reader reads them: the XML parsed, and the fields that
 * readers render as HTML (Atom `type="html"`, RSS `title`, `description` and `content:encoded`,
 * JSON Feed `content_html`) parsed again as HTML.
 */
import { load } from 'cheerio';
import { listHtmlInjections, readHtmlText } from './html-injections.ts';

export interface FeedField {
  /** Element names from the root, e.g. `rss/channel/item/title`; an attribute as `…/category/@term`. */
  path: string;
  /** Which item or entry the field belongs to, counted from 0; -1 for the channel's own fields. */
  entry: number;
  html: boolean;
  /** What the reader shows: the XML text, or for an HTML field the text of the parsed HTML. */
  shown: string;
  /** What a browser would act on in an HTML field, e.g. `img onerror`. */
  injections: string[];
}

/** An XML element's text as a reader of that feed format treats it. */
export function readXmlField(
  raw: { path: string; entry: number; text: string; type?: string | undefined },
  format: 'rss' | 'atom',
): FeedField {
  const name = raw.path.split('/').at(-1)!;
  const html =
    format === 'atom'
      ? ['html', 'xhtml'].includes(raw.type ?? 'text')
      : ['title', 'description', 'content:encoded'].includes(name);
  return html
    ? {
        path: raw.path,
        entry: raw.entry,
        html,
        shown: readHtmlText(raw.text),
        injections: listHtmlInjections(raw.text),
      }
    : { path: raw.path, entry: raw.entry, html, shown: raw.text, injections: [] };
}

export function readXmlFeed(xml: string): FeedField[] {
  const $ = load(xml, { xml: true });
  const format = $.root().children('feed').length ? 'atom' : 'rss';
  const fields: FeedField[] = [];
  $('*').each((_, node) => {
    if (!('tagName' in node)) return;
    const lineage = [...$(node).parents().toArray().reverse(), node];
    const path = lineage.map((element) => element.tagName).join('/');
    const item = lineage.find((element) => ['item', 'entry'].includes(element.tagName));
    const entry = item ? $(item).prevAll(item.tagName).length : -1;
    for (const [name, value] of Object.entries($(node).attr() ?? {}))
      fields.push({ path: `${path}/@${name}`, entry, html: false, shown: value, injections: [] });
    if (!$(node).children().length)
      fields.push(readXmlField({ path, entry, text: $(node).text(), type: $(node).attr('type') }, format));
  });
  return fields;
}

export function readJsonFeed(json: string): FeedField[] {
  const fields: FeedField[] = [];
  const walk = (value: unknown, path: string, entry: number): void => {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, path, path === 'items' ? index : entry));
    else if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}/${key}` : key, entry);
    else if (typeof value === 'string' && path.endsWith('content_html'))
      fields.push({ path, entry, html: true, shown: readHtmlText(value), injections: listHtmlInjections(value) });
    else if (typeof value === 'string') fields.push({ path, entry, html: false, shown: value, injections: [] });
  };
  walk(JSON.parse(json), '', -1);
  return fields;
}

/** What readers show at a path, in document order; for one item or entry if given. */
export function getShown(fields: readonly FeedField[], path: string, entry?: number): string[] {
  return fields
    .filter((field) => field.path === path && (entry === undefined || field.entry === entry))
    .map((field) => field.shown);
}

/** XML 1.0 cannot carry these characters at all, not even as references. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    codePoint >= 0x10000
  );
}

/** Text as an XML feed can carry it: without the characters XML cannot hold. */
export function keepXmlChars(text: string): string {
  return [...text].filter((char) => isXmlChar(char.codePointAt(0)!)).join('');
}
