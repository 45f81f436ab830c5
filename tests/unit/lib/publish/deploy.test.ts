import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkTarget,
  findTargetRefusal,
  planDeploy,
  type DeployedFile,
  type ReleaseToDeploy,
} from '../../../../src/lib/publish/deploy.ts';

const manifest = (files: Record<string, string>): ReleaseToDeploy => ({
  id: 'r2',
  siteUrl: 'https://zeitung.example',
  files: Object.fromEntries(Object.entries(files).map(([file, hash]) => [file, { hash, size: 10 }])),
});

describe('planDeploy', () => {
  it('copies only what the target does not have yet, pages after the files they link to', () => {
    const deployed = {
      release: 'r1',
      files: manifest({ 'a/index.html': '1', 'old.html': '2', 'style.css': '3' }).files,
    };
    const plan = planDeploy(manifest({ 'a/index.html': '9', 'style.css': '3', 'new.css': '4' }), deployed);
    expect(plan.upload).toEqual(['new.css', 'a/index.html']);
    expect(plan.remove).toEqual(['old.html']);
    expect(plan.unchanged).toBe(1);
    expect(plan.purgeUrls).toContain('https://zeitung.example/a/');
  });

  it('copies everything to a target that has never received a release', () => {
    const plan = planDeploy(manifest({ 'index.html': '1', 'feed.xml': '2' }), undefined);
    expect(plan.upload).toEqual(['feed.xml', 'index.html']);
    expect(plan.unchanged).toBe(0);
  });
});

describe('planDeploy with a checked target', () => {
  it('copies missing and altered files again and has them purged, but not those the release drops', () => {
    const deployed = { release: 'r1', files: manifest({ 'a/index.html': '1', 'b.css': '2', 'old.html': '3' }).files };
    const plan = planDeploy(manifest({ 'a/index.html': '1', 'b.css': '2' }), deployed, {
      missing: ['a/index.html', 'old.html'],
      altered: ['b.css'],
    });
    expect(plan.repair).toEqual(['a/index.html', 'b.css']);
    expect(plan.upload).toEqual(['b.css', 'a/index.html']);
    expect(plan.remove).toEqual(['old.html']);
    expect(plan.unchanged).toBe(0);
    expect(plan.purgeUrls).toEqual(
      expect.arrayContaining(['https://zeitung.example/a/', 'https://zeitung.example/b.css']),
    );
  });
});

describe('checkTarget', () => {
  let target: string;

  beforeEach(async () => {
    target = await mkdtemp(path.join(os.tmpdir(), 'depesche-deploy-'));
  });

  afterEach(async () => {
    await rm(target, { recursive: true, force: true });
  });

  const recordOf = async (file: string, text: string, withTime = true): Promise<DeployedFile> => {
    await mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await writeFile(path.join(target, file), text);
    const hash = createHash('sha256').update(text).digest('hex');
    const mtimeNs = String((await stat(path.join(target, file), { bigint: true })).mtimeNs);
    return withTime ? { hash, size: Buffer.byteLength(text), mtimeNs } : { hash, size: Buffer.byteLength(text) };
  };

  it('tells missing, resized and rewritten files from intact and merely touched ones', async () => {
    const files = {
      'intact.html': await recordOf('intact.html', 'gleich'),
      'touched.html': await recordOf('touched.html', 'berührt'),
      'gone.html': await recordOf('gone.html', 'weg'),
      'resized.html': await recordOf('resized.html', 'kurz'),
      'rewritten.html': await recordOf('rewritten.html', 'alt'),
      'legacy.html': await recordOf('legacy.html', 'ohne Zeit', false),
    };
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(target, 'touched.html'), later, later);
    await rm(path.join(target, 'gone.html'));
    await writeFile(path.join(target, 'resized.html'), 'länger als vorher');
    await writeFile(path.join(target, 'rewritten.html'), 'neu');
    await utimes(path.join(target, 'rewritten.html'), later, later);
    await writeFile(path.join(target, 'fremd.txt'), 'nicht von uns');

    const check = await checkTarget(target, { release: 'r1', files }, { verify: false });
    expect(check.missing).toEqual(['gone.html']);
    expect(check.altered).toEqual(['resized.html', 'rewritten.html']);
    expect(Object.keys(check.intact).sort()).toEqual(['intact.html', 'legacy.html', 'touched.html']);
    expect(check.intact['touched.html']).not.toBe(files['touched.html'].mtimeNs);
    // Only the touched, the rewritten and the one recorded without a time were read.
    expect(check.hashed).toBe(3);
    expect(check.foreign).toEqual(['fremd.txt']);

    // --verify reads every file still there at its size: all but the missing and the resized one.
    const verified = await checkTarget(target, { release: 'r1', files }, { verify: true });
    expect(verified.hashed).toBe(4);
    expect(verified.altered).toEqual(['resized.html', 'rewritten.html']);
  });

  it('counts a folder or a link where a file belongs as missing', async () => {
    const files = { 'seite.html': await recordOf('seite.html', 'x') };
    await rm(path.join(target, 'seite.html'));
    await symlink('/etc/hostname', path.join(target, 'seite.html'));
    expect((await checkTarget(target, { release: 'r1', files }, { verify: false })).missing).toEqual(['seite.html']);
  });
});

describe('findTargetRefusal', () => {
  it('accepts a new or empty folder, and refuses one inside the releases', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'depesche-refusal-'));
    const releasesDir = path.join(dir, '.dist-releases');
    await mkdir(path.join(releasesDir, 'r1'), { recursive: true });
    await mkdir(path.join(dir, 'leer'));
    expect(await findTargetRefusal(path.join(dir, 'neu'), releasesDir, undefined, false)).toBeUndefined();
    expect(await findTargetRefusal(path.join(dir, 'leer'), releasesDir, undefined, false)).toBeUndefined();
    expect(await findTargetRefusal(path.join(releasesDir, 'r1'), releasesDir, undefined, true)).toMatch(
      /inside the releases/,
    );
    await rm(dir, { recursive: true, force: true });
  });
});
