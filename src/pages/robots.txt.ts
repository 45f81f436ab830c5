import type { APIRoute } from 'astro';
import { getNewsroom } from '../data/newsroom.ts';
import { buildRobotsTxt } from '../lib/site/news-sitemap.ts';

export const GET: APIRoute = async () =>
  new Response(buildRobotsTxt((await getNewsroom()).site.url), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
