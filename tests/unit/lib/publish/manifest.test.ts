import { describe, expect, it } from 'vitest';
import { diffFiles, listPurgeUrls, parseManifest } from '../../../../src/lib/publish/manifest.ts';

const record = (hash: string) => ({ hash, size: 1 });

describe('diffFiles', () => {
  it('sorts files into added, changed and removed, and ignores unchanged ones', () => {
    const previous = { 'a.html': record('1'), 'b.html': record('2'), 'c.html': record('3') };
    const next = { 'a.html': record('1'), 'b.html': record('9'), 'd.html': record('4') };
    expect(diffFiles(previous, next)).toEqual({ added: ['d.html'], changed: ['b.html'], removed: ['c.html'] });
  });

  it('treats every file as added when there is no previous release', () => {
    expect(diffFiles(undefined, { 'z.xml': record('1'), 'a.html': record('2') }).added).toEqual(['a.html', 'z.xml']);
  });
});

describe('listPurgeUrls', () => {
  it('purges a changed page both as its folder and by file name, and skips compressed twins', () => {
    const urls = listPurgeUrls('https://zeitung.example', {
      added: [],
      changed: ['2026/11/20/streik/index.html', '2026/11/20/streik/index.html.gz', 'feed.xml'],
      removed: ['index.html'],
    });
    expect(urls).toEqual([
      'https://zeitung.example/',
      'https://zeitung.example/2026/11/20/streik/',
      'https://zeitung.example/2026/11/20/streik/index.html',
      'https://zeitung.example/feed.xml',
      'https://zeitung.example/index.html',
    ]);
  });

  it('encodes file names that are not plain ASCII', () => {
    expect(
      listPurgeUrls('https://zeitung.example/', { added: ['thema/öl/index.html'], changed: [], removed: [] }),
    ).toContain('https://zeitung.example/thema/%C3%B6l/');
  });
});

describe('parseManifest', () => {
  it('refuses a manifest of another version instead of misreading it', () => {
    expect(() => parseManifest('{"version": 7, "id": "x", "root": "a"}', 'r/release.json')).toThrow(
      /r\/release.json is not a release manifest of version 2/,
    );
  });

  it('refuses a manifest of the version before folder trees, which lists files instead of a root folder', () => {
    expect(() => parseManifest('{"version": 1, "id": "x", "files": {}}', 'r/release.json')).toThrow(
      /written by another Depesche version/,
    );
  });
});
