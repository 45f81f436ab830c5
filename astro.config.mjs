// @ts-check
// The configuration of `astro dev` and `astro check`. Published pages come from Depesche's engine
// (src/lib/publish/engine/), which builds the same code with the same settings (astroSettings) as
// a server bundle and renders it with the paper's data; sitemaps are written by Depesche too.
import { defineConfig } from 'astro/config';
import { astroSettings } from './src/lib/site/astro-settings.ts';

export default defineConfig({ ...astroSettings });
