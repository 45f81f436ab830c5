/**
 * What a browser or feed reader would act on in a piece of HTML that should hold only text and
 * harmless markup: scripts, active or embedding elements, event handler attributes and script URLs.
 */
import { load } from 'cheerio';

const ACTIVE_ELEMENTS = 'script, iframe, object, embed, svg, math, style, base, meta, link, form, frame, frameset';
const URL_ATTRIBUTES = /^(href|src|action|data|formaction|xlink:href|poster|background|srcset)$/i;

/** A URL as a browser reads it: control characters and spaces inside a scheme are ignored. */
export function readUrl(value: string): string {
  return [...value].filter((char) => char.charCodeAt(0) > 0x20).join('');
}

/** Each finding names the element and what is wrong with it, e.g. `img onerror`. */
export function listHtmlInjections(html: string): string[] {
  const $ = load(html);
  const found: string[] = [];
  $('*').each((_, node) => {
    const element = $(node);
    const tag = String(element.prop('tagName') ?? '').toLowerCase();
    for (const [name, value] of Object.entries(element.attr() ?? {})) {
      if (/^on/i.test(name)) found.push(`${tag} ${name}`);
      if (URL_ATTRIBUTES.test(name) && /^(javascript|vbscript|data:text\/html)/i.test(readUrl(value)))
        found.push(`${tag} ${name}=${value}`);
    }
  });
  $(ACTIVE_ELEMENTS).each((_, element) => {
    found.push(`element ${String($(element).prop('tagName')).toLowerCase()}`);
  });
  return found;
}

/** The text a reader sees when it renders the HTML. */
export function readHtmlText(html: string): string {
  return load(html)('body').text();
}
