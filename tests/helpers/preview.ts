/** A built site served by Astro's own preview server on a free loopback port, as `npm run preview` serves it. */
import { preview } from 'astro';
import { projectRoot } from './build-fixture.ts';

export interface PreviewedSite {
  /** `http://127.0.0.1:<port>` */
  base: string;
  stop(): Promise<void>;
}

export async function startPreview(outDir: string): Promise<PreviewedSite> {
  const server = await preview({ root: projectRoot, outDir, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  return { base: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
}
