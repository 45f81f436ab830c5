/**
 * Where a page finds what it shows. Published pages are rendered by Depesche's engine
 * (src/lib/publish/engine/), which hands each page its newsroom, its route's props and the bodies
 * it prints through `Astro.locals.depesche`; the code bundle holds no paper. `astro dev` has no
 * engine: there the same things come from Astro's content layer and `getStaticPaths`.
 */
import { getEntry } from 'astro:content';
import type { Article, Newsroom, Page } from '../lib/content/model.ts';
import { loadDevNewsroom } from './newsroom.ts';

/** What the engine puts into `Astro.locals.depesche` for one page. */
export interface PageLocals {
  newsroom: Newsroom;
  /** The route's props, as lib/site/routes.ts lists them. */
  props: unknown;
  /** Rendered bodies and the Markdown the text edition prints, by entry id. */
  bodies: PageBodies;
}

export interface PageBodies {
  article(id: string): string | undefined;
  page(id: string): string | undefined;
  articleMarkdown(id: string): string | undefined;
}

type Locals = { depesche?: PageLocals | undefined };

/** The newsroom the page is rendered from. */
export async function getNewsroom(locals: Locals): Promise<Newsroom> {
  return locals.depesche?.newsroom ?? loadDevNewsroom();
}

/** The route's props: from the engine, or from `getStaticPaths` in dev. */
export function getRouteProps<P>(astro: { locals: Locals; props: unknown }): P {
  return (astro.locals.depesche ? astro.locals.depesche.props : astro.props) as P;
}

function missing(kind: string, id: string): Error {
  return new Error(`The ${kind} "${id}" has no rendered body; it was not loaded with the content it belongs to.`);
}

/** An article's body as HTML. */
export async function getArticleBody(locals: Locals, article: Article): Promise<string> {
  const id = String(article.id);
  const html = locals.depesche ? locals.depesche.bodies.article(id) : (await getEntry('articles', id))?.rendered?.html;
  if (html === undefined) throw missing('article', id);
  return html;
}

/** An article's body as its Markdown, for the plain-text edition. */
export async function getArticleMarkdown(locals: Locals, article: Article): Promise<string> {
  const id = String(article.id);
  return (locals.depesche ? locals.depesche.bodies.articleMarkdown(id) : (await getEntry('articles', id))?.body) ?? '';
}

/** A static page's body as HTML. */
export async function getPageBody(locals: Locals, page: Page): Promise<string> {
  const html = locals.depesche
    ? locals.depesche.bodies.page(page.id)
    : (await getEntry('pages', page.id))?.rendered?.html;
  if (html === undefined) throw missing('page', page.id);
  return html;
}
