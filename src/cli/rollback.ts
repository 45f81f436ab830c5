/**
 * `npm run rollback`: publishes the release before the current one again, in one step, after
 * checking that every file of it is still intact. `--list` shows the kept releases; a release id
 * publishes that one.
 *
 *   node src/cli/rollback.ts [<release id>] [--list] [--out dist]
 */
import path from 'node:path';
import { parseCommandLine } from './command-line.ts';
import { findDamagedFiles } from '../lib/publish/finish-release.ts';
import {
  listReleases,
  readPublishedId,
  readReleaseFiles,
  resolveReleasesDir,
  switchPublished,
} from '../lib/publish/release-store.ts';

const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: { out: { type: 'string', default: 'dist' }, list: { type: 'boolean', default: false } },
  },
  'npm run rollback -- [<release id>] [--list] [--out <dir>]',
);

const outDir = path.resolve(values.out);
const releasesDir = resolveReleasesDir(outDir);
const releases = await listReleases(releasesDir);
const publishedId = await readPublishedId(outDir, releasesDir);

if (values.list) {
  if (releases.length === 0) console.log(`No releases of ${values.out} yet. Run npm run build.`);
  for (const release of releases)
    console.log(
      `${release.id === publishedId ? '*' : ' '} ${release.id}  ${release.manifest.fileCount} files, ${release.manifest.changes.added.length} added, ${release.manifest.changes.changed.length} changed, ${release.manifest.changes.removed.length} removed`,
    );
  process.exit(0);
}

const publishedIndex = releases.findIndex(({ id }) => id === publishedId);
const [wanted] = positionals;
const target = wanted
  ? releases.find(({ id }) => id === wanted)
  : publishedIndex > 0
    ? releases[publishedIndex - 1]
    : undefined;
if (!target) {
  console.error(
    wanted
      ? `There is no release ${wanted}. npm run rollback -- --list shows the releases kept.`
      : `There is no release before ${publishedId ?? 'the published one'} to go back to. npm run rollback -- --list shows the releases kept.`,
  );
  process.exit(1);
}
const damaged = await findDamagedFiles(target.siteDir, await readReleaseFiles(releasesDir, target));
if (damaged.length > 0) {
  console.error(
    `Release ${target.id} is damaged (${damaged.length} files differ from its manifest, e.g. ${damaged.slice(0, 3).join(', ')}), so it was not published. Choose another with npm run rollback -- <id>.`,
  );
  process.exit(1);
}
await switchPublished(outDir, releasesDir, target.id);
console.log(
  `Published release ${target.id} again (was ${publishedId ?? 'none'}). The next npm run build makes a new release from the content as it is.`,
);
