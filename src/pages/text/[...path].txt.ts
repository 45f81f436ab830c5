import type { APIRoute } from 'astro';
import { loadDevNewsroom } from '../../data/newsroom.ts';
import { getArticleMarkdown, getNewsroom, getRouteProps } from '../../data/page-data.ts';
import { listTextFileRoutes, type TextFileProps } from '../../lib/site/routes.ts';
import { formatTextEdition } from '../../lib/text/text-edition.ts';
import { formatTextIndex } from '../../lib/site/text-index.ts';

export async function getStaticPaths() {
  return listTextFileRoutes(await loadDevNewsroom());
}

export const GET: APIRoute = async (context) => {
  const { site } = await getNewsroom(context.locals);
  const file = getRouteProps<TextFileProps>(context);
  let text: string;
  if (file.kind === 'index') {
    text = formatTextIndex(site.title, file.title, file.groups, site.url);
  } else {
    text = formatTextEdition({
      siteTitle: site.title,
      article: file.article,
      bodyMarkdown: await getArticleMarkdown(context.locals, file.article),
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
