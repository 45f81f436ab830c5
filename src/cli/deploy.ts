/**
 * `npm run deploy -- <target dir>`: copies the published release's new and changed files to a
 * target folder, removes what the release no longer has, and prints the URLs a CDN must purge.
 * Unchanged files are never copied again.
 *
 *   node src/cli/deploy.ts <target> [--from dist] [--dry-run] [--purge-list <file>]
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCommandLine } from './command-line.ts';
import { applyDeploy, planDeploy, readDeployedState } from '../lib/publish/deploy.ts';
import { listReleases, readPublishedId, resolveReleasesDir } from '../lib/publish/release-store.ts';

const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: {
      from: { type: 'string', default: 'dist' },
      'dry-run': { type: 'boolean', default: false },
      'purge-list': { type: 'string' },
    },
  },
  'npm run deploy -- <target folder> [--from dist] [--dry-run] [--purge-list <file>]',
);

const [target] = positionals;
if (!target || positionals.length > 1) {
  console.error('Name one target folder: npm run deploy -- /srv/www/zeitung [--dry-run] [--purge-list purge.txt]');
  process.exit(2);
}

const outDir = path.resolve(values.from);
const releasesDir = resolveReleasesDir(outDir);
const publishedId = await readPublishedId(outDir, releasesDir);
const release = (await listReleases(releasesDir)).find(({ id }) => id === publishedId);
if (!release) {
  console.error(`${values.from} is not a published release. Run npm run build first, then deploy.`);
  process.exit(1);
}

const targetDir = path.resolve(target);
const deployed = await readDeployedState(targetDir);
const plan = planDeploy(release.manifest, deployed);
const bytes = plan.upload.reduce((sum, file) => sum + (release.manifest.files[file]?.size ?? 0), 0);
const summary = `release ${release.id} → ${target}${deployed ? ` (had ${deployed.release})` : ' (first deploy)'}: ${plan.upload.length} files to copy (${(bytes / 1024).toFixed(0)} KB), ${plan.remove.length} to remove, ${plan.unchanged} unchanged.`;

if (values['dry-run']) {
  console.log(`Dry run, nothing copied: ${summary}`);
  for (const file of plan.upload) console.log(`copy   ${file}`);
  for (const file of plan.remove) console.log(`remove ${file}`);
} else {
  await applyDeploy(release.siteDir, release.manifest, plan, targetDir);
  console.log(`Deployed ${summary}`);
}
if (values['purge-list']) await writeFile(values['purge-list'], plan.purgeUrls.map((url) => `${url}\n`).join(''));
console.log(`\nPurge from the CDN (${plan.purgeUrls.length} URLs):`);
for (const url of plan.purgeUrls) console.log(url);
