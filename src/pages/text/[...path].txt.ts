import type { APIRoute } from 'astro';
import { getEntry } from 'astro:content';
import { getNewsroom } from '../../data/newsroom.ts';
import { listTextFileRoutes, type TextFileProps } from '../../lib/site/routes.ts';
import { formatTextEdition } from '../../lib/text/text-edition.ts';
import { formatTextIndex } from '../../lib/site/text-index.ts';

export async function getStaticPaths() {
  return listTextFileRoutes(await getNewsroom());
}

export const GET: APIRoute = async ({ props }) => {
  const { site } = await getNewsroom();
  const file = props as TextFileProps;
  let text: string;
  if (file.kind === 'index') {
    text = formatTextIndex(site.title, file.title, file.groups, site.url);
  } else {
    const entry = await getEntry('articles', String(file.article.id));
    text = formatTextEdition({
      siteTitle: site.title,
      article: file.article,
      bodyMarkdown: entry?.body ?? '',
      related: [...file.related, ...file.article.relatedHeadlines].map(({ kicker, headline, teaser }) => ({
        kicker,
        headline,
        teaser,
      })),
      siteUrl: site.url,
    });
  }
  return new Response(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
