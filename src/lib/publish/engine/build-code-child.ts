/** The child process of code-bundle.ts: one `astro build` of the site's code, then exit. */
import { build, type AstroIntegration } from 'astro';
import path from 'node:path';
import { astroSettings } from '../../site/astro-settings.ts';
import type { CodeBuildRequest } from './code-bundle.ts';

/** The local adapter: its entry exports `createApp`, so the renderer can render any route on request. */
function createEngineAdapter(): AstroIntegration {
  return {
    name: 'depesche-engine',
    hooks: {
      'astro:config:done': ({ setAdapter }) => {
        setAdapter({
          name: 'depesche-engine',
          serverEntrypoint: path.join(import.meta.dirname, 'server-entry.ts'),
          entrypointResolution: 'auto',
          supportedAstroFeatures: {
            serverOutput: 'stable',
            staticOutput: 'stable',
            hybridOutput: 'stable',
            sharpImageService: 'stable',
          },
        });
      },
    },
  };
}

async function buildCode(request: CodeBuildRequest): Promise<void> {
  await build({
    root: request.root,
    configFile: false,
    ...astroSettings,
    output: 'server',
    outDir: request.outDir,
    cacheDir: request.cacheDir,
    logLevel: 'warn',
    adapter: createEngineAdapter(),
  });
}

if (process.send) {
  process.on('disconnect', () => process.exit(1));
  process.once('message', (request: CodeBuildRequest) => {
    buildCode(request).then(
      () => process.send?.({ ok: true }, () => process.exit(0)),
      (error: unknown) =>
        process.send?.({ ok: false, error: error instanceof Error ? error : new Error(String(error)) }, () =>
          process.exit(1),
        ),
    );
  });
}
