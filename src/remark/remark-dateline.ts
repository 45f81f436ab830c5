/**
 * remark-dateline: makes the dateline open the first paragraph, as a paper prints it —
 * "LONDON/BERLIN dpa/rtr | Am Dienstag …". The place and credits come from front matter; a body
 * that already opens with a dateline has it marked up instead, and what was read is reported on
 * `file.data.dateline` so the article's fields can be filled from it.
 */
import type { Paragraph, PhrasingContent, Root } from 'mdast';
import type { Plugin } from 'unified';
import { formatDateline, parseDateline, type Dateline } from '../lib/text/dateline.ts';
import { escapeHtml } from '../lib/site/escape-html.ts';

export interface RemarkDatelineOptions {
  /** Place from front matter, e.g. "LONDON/BERLIN". */
  dateline?: string | undefined;
  /** Agencies from front matter, e.g. ["dpa", "rtr"]. */
  credits?: readonly string[] | undefined;
}

declare module 'vfile' {
  interface DataMap {
    /** The dateline found at the start of the body, if the body opened with one. */
    dateline: Omit<Dateline, 'length'>;
  }
}

function datelineNode(place: string | undefined, credits: readonly string[]): PhrasingContent {
  const children: string[] = [];
  if (place) children.push(`<span class="dateline-place">${escapeHtml(place)}</span>`);
  if (credits.length) children.push(`<span class="dateline-credits">${escapeHtml(credits.join('/'))}</span>`);
  return { type: 'html', value: `<span class="dateline">${children.join(' ')} | </span>` };
}

const remarkDateline: Plugin<[RemarkDatelineOptions?], Root> =
  (options = {}) =>
  (tree, file) => {
    const first = tree.children.find((node): node is Paragraph => node.type === 'paragraph');
    if (!first) return;
    const opening = first.children[0];
    if (opening?.type === 'text') {
      const found = parseDateline(opening.value);
      if (found) {
        file.data.dateline = { place: found.place, credits: found.credits };
        opening.value = opening.value.slice(found.length);
        first.children.unshift(datelineNode(found.place, found.credits));
        return;
      }
    }
    const credits = options.credits ?? [];
    if (formatDateline(options.dateline, credits)) first.children.unshift(datelineNode(options.dateline, credits));
  };

export default remarkDateline;
