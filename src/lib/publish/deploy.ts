/**
 * `npm run deploy`: brings a target folder (the stand-in for a bucket or a CDN's origin) to the
 * published release by copying only what differs from what the target last received, and names
 * the URLs a CDN must purge. The target remembers what it holds in `.depesche-deployed.json`, so
 * a target several releases behind still receives exactly the difference.
 */
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diffFiles, listPurgeUrls, type FileChanges, type FileRecord, type ReleaseManifest } from './manifest.ts';

export const DEPLOYED_STATE_FILE = '.depesche-deployed.json';

export interface DeployedState {
  release: string;
  files: Record<string, FileRecord>;
}

export interface DeployPlan {
  /** New and changed files, pages last, so a page never arrives before the files it links to. */
  upload: string[];
  remove: string[];
  unchanged: number;
  changes: FileChanges;
  purgeUrls: string[];
}

/** HTML goes up after everything else; the rest keeps its sorted order. */
function orderForUpload(files: readonly string[]): string[] {
  const isPage = (file: string): boolean => /\.html(\.gz|\.br)?$/.test(file);
  return [...files.filter((file) => !isPage(file)), ...files.filter(isPage)];
}

export function planDeploy(manifest: ReleaseManifest, deployed: DeployedState | undefined): DeployPlan {
  const changes = diffFiles(deployed?.files, manifest.files);
  return {
    upload: orderForUpload([...changes.added, ...changes.changed].sort()),
    remove: changes.removed,
    unchanged: Object.keys(manifest.files).length - changes.added.length - changes.changed.length,
    changes,
    purgeUrls: listPurgeUrls(manifest.siteUrl, changes),
  };
}

export async function readDeployedState(targetDir: string): Promise<DeployedState | undefined> {
  const text = await readFile(path.join(targetDir, DEPLOYED_STATE_FILE), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as DeployedState);
}

/**
 * Carries out a plan. Each file arrives under a temporary name and is renamed into place, so the
 * target never serves half a file; the state file is written last, so after an interrupted
 * deploy the next one sends the same difference again.
 */
export async function applyDeploy(
  siteDir: string,
  manifest: ReleaseManifest,
  plan: DeployPlan,
  targetDir: string,
): Promise<void> {
  for (const file of plan.upload) {
    const target = path.join(targetDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.depesche-upload`;
    await copyFile(path.join(siteDir, file), temporary);
    await rename(temporary, target);
  }
  for (const file of plan.remove) await rm(path.join(targetDir, file), { force: true });
  const state: DeployedState = { release: manifest.id, files: manifest.files };
  await writeFile(path.join(targetDir, `${DEPLOYED_STATE_FILE}.tmp`), JSON.stringify(state));
  await rename(path.join(targetDir, `${DEPLOYED_STATE_FILE}.tmp`), path.join(targetDir, DEPLOYED_STATE_FILE));
}
