import type { APIRoute } from 'astro';
import { getNewsroom } from '../data/page-data.ts';
import { buildRobotsTxt } from '../lib/site/news-sitemap.ts';

export const GET: APIRoute = async ({ locals }) =>
  new Response(buildRobotsTxt((await getNewsroom(locals)).site.url), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
