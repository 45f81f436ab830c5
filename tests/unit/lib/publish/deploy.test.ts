import { describe, expect, it } from 'vitest';
import { planDeploy } from '../../../../src/lib/publish/deploy.ts';
import type { ReleaseManifest } from '../../../../src/lib/publish/manifest.ts';

const manifest = (files: Record<string, string>): ReleaseManifest => ({
  version: 1,
  id: 'r2',
  createdAt: '2026-11-21T08:00:00.000Z',
  siteUrl: 'https://zeitung.example',
  previous: null,
  searchDigest: null,
  files: Object.fromEntries(Object.entries(files).map(([file, hash]) => [file, { hash, size: 10 }])),
  changes: { added: [], changed: [], removed: [] },
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
