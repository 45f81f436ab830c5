/**
 * `npm run deploy -- <target dir>`: copies the published release's new and changed files to a
 * target folder, repairs files that were deleted or altered in the target since the last deploy,
 * removes what the release no longer has, and prints the URLs a CDN must purge. Unchanged,
 * intact files are never copied again.
 *
 *   node src/cli/deploy.ts <target> [--from dist] [--verify] [--force] [--dry-run] [--purge-list <file>]
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCommandLine } from './command-line.ts';
import { applyDeploy, checkTarget, findTargetRefusal, planDeploy, readDeployedState } from '../lib/publish/deploy.ts';
import { listReleases, readPublishedId, readReleaseFiles, resolveReleasesDir } from '../lib/publish/release-store.ts';

const USAGE = `npm run deploy -- <target folder> [--from dist] [--verify] [--force] [--dry-run] [--purge-list <file>]

  --from <dir>         the published path whose release is deployed (default: dist)
  --verify             compare every file in the target by its content hash, not only size and time
  --force              deploy into a non-empty folder that never received a deploy
  --dry-run            print what would be copied, repaired and removed, and change nothing
  --purge-list <file>  also write the URLs to purge from the CDN to this file`;

const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: {
      from: { type: 'string', default: 'dist' },
      verify: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'purge-list': { type: 'string' },
    },
  },
  USAGE,
);

const [target] = positionals;
if (!target || positionals.length > 1) {
  console.error(`Name one target folder.\n\nUsage: ${USAGE}`);
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

const toDeploy = { ...release.manifest, files: await readReleaseFiles(releasesDir, release) };
const targetDir = path.resolve(target);
const deployed = await readDeployedState(targetDir);
const refusal = await findTargetRefusal(targetDir, releasesDir, deployed, values.force);
if (refusal) {
  console.error(`Nothing was deployed: ${refusal}`);
  process.exit(1);
}
// A target without a record is checked too, against an empty one: a forced deploy lists what it leaves.
const check = await checkTarget(targetDir, deployed ?? { release: '', files: {} }, { verify: values.verify });
const plan = planDeploy(toDeploy, deployed, check);
const bytes = plan.upload.reduce((sum, file) => sum + (toDeploy.files[file]?.size ?? 0), 0);
const checked = deployed
  ? ` Checked the target: ${Object.keys(deployed.files).length} files by size and time, ${check.hashed} by content hash${values.verify ? ' (--verify)' : ''}; ${plan.repair.length} to repair.`
  : '';
const summary = `release ${release.id} → ${target}${deployed ? ` (had ${deployed.release})` : ' (first deploy)'}: ${plan.upload.length} files to copy (${(bytes / 1024).toFixed(0)} KB), ${plan.remove.length} to remove, ${plan.unchanged} unchanged.${checked}`;

const missing = new Set(check.missing);
const foreign = check.foreign.filter((file) => !(file in toDeploy.files));
const repairLines = plan.repair.map(
  (file) => `repair ${file} (${missing.has(file) ? 'missing from the target' : 'altered in the target'})`,
);
if (values['dry-run']) {
  console.log(`Dry run, nothing copied: ${summary}`);
  for (const line of repairLines) console.log(line);
  for (const file of plan.upload) console.log(`copy   ${file}`);
  for (const file of plan.remove) console.log(`remove ${file}`);
} else {
  await applyDeploy(release.siteDir, toDeploy, plan, targetDir, check.intact);
  console.log(`Deployed ${summary}`);
  for (const line of repairLines) console.log(line);
}
if (foreign.length)
  console.log(
    `${foreign.length} files in the target are not part of the release and were left alone (e.g. ${foreign.slice(0, 3).join(', ')}).`,
  );
if (values['purge-list']) await writeFile(values['purge-list'], plan.purgeUrls.map((url) => `${url}\n`).join(''));
console.log(`\nPurge from the CDN (${plan.purgeUrls.length} URLs):`);
for (const url of plan.purgeUrls) console.log(url);
