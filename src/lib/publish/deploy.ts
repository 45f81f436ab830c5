/**
 * `npm run deploy`: brings a target folder (the stand-in for a bucket or a CDN's origin) to the
 * published release by copying only what differs, and names the URLs a CDN must purge. The target
 * remembers what it received in `.depesche-deployed.json`, so a target several releases behind
 * still receives exactly the difference.
 *
 * The record is not trusted blindly: someone may have deleted or edited a file in the target since.
 * Every deploy checks each recorded file's size and modification time against what the last deploy
 * left there, and `--verify` compares every file's content hash; whatever differs is copied again.
 */
import { copyFile, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashFile } from '../hash.ts';
import { listFilesBelow } from '../paths.ts';
import { runPool } from './finish-release.ts';
import { diffFiles, listPurgeUrls, type FileChanges, type FileRecord, type ReleaseManifest } from './manifest.ts';

/** The release a deploy sends: its manifest's name and address, and every file (readReleaseFiles). */
export type ReleaseToDeploy = Pick<ReleaseManifest, 'id' | 'siteUrl'> & { files: Record<string, FileRecord> };

export const DEPLOYED_STATE_FILE = '.depesche-deployed.json';
/** Raised when the record's shape changes; version 1 (no field) had no modification times. */
export const DEPLOYED_STATE_VERSION = 2;
const UPLOAD_SUFFIX = '.depesche-upload';

export interface DeployedFile extends FileRecord {
  /** The file's modification time in the target as the deploy left it, in nanoseconds. */
  mtimeNs?: string;
}

export interface DeployedState {
  version?: number;
  release: string;
  files: Record<string, DeployedFile>;
}

/** What a look at the target found, against the record of what was deployed to it. */
export interface TargetCheck {
  /** Recorded files the target no longer has as files. */
  missing: string[];
  /** Recorded files whose size, modification time or (when hashed) content differs. */
  altered: string[];
  /** Modification times of the files found intact, as they are now. */
  intact: Record<string, string>;
  /** Files in the target that no deploy put there; left alone. */
  foreign: string[];
  /** How many files were hashed: all with --verify, else those whose time alone changed. */
  hashed: number;
}

export interface DeployPlan {
  /** New, changed and repaired files, pages last, so a page never arrives before the files it links to. */
  upload: string[];
  remove: string[];
  /** Files the record says the target has, but which were missing or altered there. */
  repair: string[];
  unchanged: number;
  changes: FileChanges;
  purgeUrls: string[];
}

/** HTML goes up after everything else; the rest keeps its sorted order. */
function orderForUpload(files: readonly string[]): string[] {
  const isPage = (file: string): boolean => /\.html(\.gz|\.br)?$/.test(file);
  return [...files.filter((file) => !isPage(file)), ...files.filter(isPage)];
}

/** Every file of a target, none when it does not exist yet. */
const listTargetFiles = (targetDir: string): Promise<string[]> => listFilesBelow(targetDir).catch(() => []);

/**
 * Compares the target with the record. A file whose size differs is altered; one whose size and
 * time match is taken as intact, unless `verify` asks for its hash; one whose time alone changed
 * (touched, copied back) is hashed to tell. A record without times (written by an older Depesche)
 * gets every file hashed.
 */
export async function checkTarget(
  targetDir: string,
  deployed: DeployedState,
  options: { verify: boolean },
): Promise<TargetCheck> {
  const check: TargetCheck = { missing: [], altered: [], intact: {}, foreign: [], hashed: 0 };
  await runPool(Object.entries(deployed.files), 16, async ([file, record]) => {
    const target = path.join(targetDir, file);
    const found = await lstat(target, { bigint: true }).catch(() => undefined);
    if (!found?.isFile()) {
      check.missing.push(file);
      return;
    }
    if (Number(found.size) !== record.size) {
      check.altered.push(file);
      return;
    }
    const mtimeNs = String(found.mtimeNs);
    if (!options.verify && record.mtimeNs === mtimeNs) {
      check.intact[file] = mtimeNs;
      return;
    }
    check.hashed++;
    if ((await hashFile(target)) === record.hash) check.intact[file] = mtimeNs;
    else check.altered.push(file);
  });
  check.missing.sort();
  check.altered.sort();
  check.foreign = (await listTargetFiles(targetDir))
    .filter(
      (file) => !(file in deployed.files) && !file.startsWith(DEPLOYED_STATE_FILE) && !file.endsWith(UPLOAD_SUFFIX),
    )
    .sort();
  return check;
}

export function planDeploy(
  manifest: ReleaseToDeploy,
  deployed: DeployedState | undefined,
  check?: Pick<TargetCheck, 'missing' | 'altered'>,
): DeployPlan {
  const changes = diffFiles(deployed?.files, manifest.files);
  const changed = new Set([...changes.added, ...changes.changed]);
  // A damaged file the new release no longer has is simply removed.
  const repair = [...(check?.missing ?? []), ...(check?.altered ?? [])]
    .filter((file) => file in manifest.files && !changed.has(file))
    .sort();
  return {
    upload: orderForUpload([...changed, ...repair].sort()),
    remove: changes.removed,
    repair,
    unchanged: Object.keys(manifest.files).length - changed.size - repair.length,
    changes,
    // What the target served wrongly may sit in the CDN's cache as well.
    purgeUrls: listPurgeUrls(manifest.siteUrl, { ...changes, changed: [...changes.changed, ...repair].sort() }),
  };
}

export async function readDeployedState(targetDir: string): Promise<DeployedState | undefined> {
  const text = await readFile(path.join(targetDir, DEPLOYED_STATE_FILE), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as DeployedState);
}

/**
 * Why a deploy must not write into a target, or undefined when it may: a target that Depesche
 * never deployed to but that holds files (it could be anyone's folder, reached directly or through
 * a link) is refused unless forced; so is a target inside the releases themselves.
 */
export async function findTargetRefusal(
  targetDir: string,
  releasesDir: string,
  deployed: DeployedState | undefined,
  force: boolean,
): Promise<string | undefined> {
  const resolved = await realpath(targetDir).catch(() => undefined);
  if (resolved === undefined) return undefined;
  if (!(await stat(resolved)).isDirectory()) return `${targetDir} is not a folder.`;
  const releases = await realpath(releasesDir).catch(() => path.resolve(releasesDir));
  if (resolved === releases || resolved.startsWith(`${releases}${path.sep}`))
    return `${targetDir} is inside the releases (${releasesDir}); deploy to a folder of its own.`;
  if (deployed || force) return undefined;
  const entries = await readdir(resolved);
  if (entries.length === 0) return undefined;
  const via = resolved === path.resolve(targetDir) ? '' : ` (a link to ${resolved})`;
  return (
    `${targetDir}${via} holds ${entries.length} entries (e.g. ${entries.slice(0, 3).join(', ')}) but never received ` +
    `a deploy (it has no ${DEPLOYED_STATE_FILE}); deploying would overwrite whatever it holds. Name an empty or new ` +
    'folder, or add --force to deploy into this one anyway (its other files are left alone).'
  );
}

/**
 * Carries out a plan. Each file arrives under a temporary name and is renamed into place, so the
 * target never serves half a file; the record is written last, with every file's time as left in
 * the target, so after an interrupted deploy the next one sends the same difference again.
 */
export async function applyDeploy(
  siteDir: string,
  manifest: ReleaseToDeploy,
  plan: DeployPlan,
  targetDir: string,
  intact: Readonly<Record<string, string>> = {},
): Promise<void> {
  await mkdir(targetDir, { recursive: true });
  // Whatever an interrupted deploy left half copied.
  for (const file of await listTargetFiles(targetDir))
    if (file.endsWith(UPLOAD_SUFFIX)) await rm(path.join(targetDir, file), { force: true });
  const times: Record<string, string> = { ...intact };
  for (const file of plan.upload) {
    const target = path.join(targetDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}${UPLOAD_SUFFIX}`;
    await copyFile(path.join(siteDir, file), temporary);
    // A folder where a file belongs cannot be renamed over.
    if ((await lstat(target).catch(() => undefined))?.isDirectory()) await rm(target, { recursive: true });
    await rename(temporary, target);
    times[file] = String((await lstat(target, { bigint: true })).mtimeNs);
  }
  for (const file of plan.remove) await rm(path.join(targetDir, file), { force: true });
  const files: Record<string, DeployedFile> = {};
  for (const [file, record] of Object.entries(manifest.files)) {
    const mtimeNs = times[file];
    files[file] = mtimeNs === undefined ? { ...record } : { ...record, mtimeNs };
  }
  const state: DeployedState = { version: DEPLOYED_STATE_VERSION, release: manifest.id, files };
  await writeFile(path.join(targetDir, `${DEPLOYED_STATE_FILE}.tmp`), JSON.stringify(state));
  await rename(path.join(targetDir, `${DEPLOYED_STATE_FILE}.tmp`), path.join(targetDir, DEPLOYED_STATE_FILE));
}
