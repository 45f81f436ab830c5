/**
 * The server bundle's entry: Astro resolves `astro/app/entrypoint` to its production app inside
 * the bundle it builds, so the renderer gets an `App` that renders the compiled pages on request.
 */
import { createApp } from 'astro/app/entrypoint';

export { createApp };
