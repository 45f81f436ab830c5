/** `npm run import` end to end: real files in, Markdown out, and the rules about overwriting. */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/build-fixture.ts';

const execute = promisify(execFile);
let work: string;

async function runImport(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [path.join(projectRoot, 'src/cli/import.ts'), ...args], {
      cwd: work,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return failed;
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'depesche-import-'));
  await cp(path.join(projectRoot, 'tests/fixtures/text/gopher'), path.join(work, 'dumps'), { recursive: true });
  await cp(
    path.join(projectRoot, 'tests/fixtures/mixed/content/articles/politik/kommentar.txt'),
    path.join(work, 'dumps/kommentar.txt'),
  );
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('npm run import', () => {
  it('writes nothing in a dry run but says what it would do', async () => {
    const result = await runImport('dumps', '--out', 'out', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^would be imported dumps\/long-article\.txt → out\/long-article\.md/m);
    expect(result.stdout).toContain('(dry run: nothing was written)');
    await expect(readdir(path.join(work, 'out'))).rejects.toThrow();
  });

  it('converts every dump to Markdown with front matter, one line of report each', async () => {
    const result = await runImport('dumps', '--out', 'out');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const files = (await readdir(path.join(work, 'dumps'))).filter((name) => name.endsWith('.txt'));
    expect(lines.filter((line) => line.startsWith('imported'))).toHaveLength(files.length);
    expect(lines.at(-1)).toBe(`${files.length} imported`);
    expect(result.stdout).toMatch(
      /imported\s+dumps\/kommentar\.txt → out\/kommentar\.md \(read as Windows-1252, not UTF-8/,
    );
    const written = matter(await readFile(path.join(work, 'out/long-article.md'), 'utf8'));
    expect(written.data['headline']).toBeTypeOf('string');
    expect(written.data['imported']).toMatchObject({ source: 'dumps/long-article.txt' });
    expect(written.content.split('\n\n').length).toBeGreaterThanOrEqual(6);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await readFile(path.join(work, 'out/two-authors.md'), 'utf8');
    const result = await runImport('dumps', '--out', 'out');
    expect(result.stdout).toMatch(/^\d+ unchanged$/m);
    expect(result.stdout).not.toMatch(/^(imported|updated)/m);
    expect(await readFile(path.join(work, 'out/two-authors.md'), 'utf8')).toBe(before);
  });

  it('never overwrites a file edited since import, unless --force', async () => {
    const target = path.join(work, 'out/two-authors.md');
    const edited = (await readFile(target, 'utf8')).replace(/\n\n[^\n]+\n$/, '\n\nVon Hand ergänzt.\n');
    await writeFile(target, edited);
    const kept = await runImport('dumps/two-authors.txt', '--out', 'out');
    expect(kept.stdout).toContain(
      'skipped    dumps/two-authors.txt → out/two-authors.md (the target was edited since it was imported; --force overwrites it)',
    );
    expect(await readFile(target, 'utf8')).toBe(edited);
    const forced = await runImport('dumps/two-authors.txt', '--out', 'out', '--force');
    expect(forced.stdout).toMatch(/^updated\s+dumps\/two-authors\.txt/m);
    expect(await readFile(target, 'utf8')).not.toContain('Von Hand ergänzt.');
  });

  it('names on each line what it recognised: dateline, credits, byline, and the appeal it left out', async () => {
    const page = [
      'Hafen: Die Kräne stehen still',
      'Seit Mittwoch wird im Containerterminal gestreikt.  ■ Von Jana Beispiel',
      'Hamburg taz | Am Terminal bewegt sich seit Mittwochmorgen nichts mehr.',
      'Die Gewerkschaft fordert einen Inflationsausgleich.',
      'taz lesen kann jede:r',
      'Als Genossenschaft gehören wir unseren Leser:innen. Damit alle unsere Texte kostenlos bleiben, bitten wir Sie um 5 Euro im Monat.',
      'Die Verhandlungen gehen am Montag weiter.',
      'dpa',
    ];
    await mkdir(path.join(work, 'web'), { recursive: true });
    await writeFile(path.join(work, 'web/5130900.txt'), `${page.join('\n')}\n`);
    const result = await runImport('web/5130900.txt', '--out', 'out-web');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'imported   web/5130900.txt → out-web/5130900.md [dateline Hamburg, credits taz/dpa, byline Jana Beispiel, appeal removed (lines 5–6)]',
    );
    const written = matter(await readFile(path.join(work, 'out-web/5130900.md'), 'utf8'));
    expect(written.data).toMatchObject({
      teaser: 'Seit Mittwoch wird im Containerterminal gestreikt.',
      dateline: 'Hamburg',
      credits: ['taz', 'dpa'],
      authors: [{ name: 'Jana Beispiel' }],
    });
    expect(written.content.trim().split('\n\n')).toEqual([
      'Am Terminal bewegt sich seit Mittwochmorgen nichts mehr.',
      'Die Gewerkschaft fordert einen Inflationsausgleich.',
      'Die Verhandlungen gehen am Montag weiter.',
    ]);
  });

  it('fails with a non-zero status for a path that does not exist', async () => {
    const result = await runImport('gibt-es-nicht', '--out', 'out');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('failed     gibt-es-nicht — no such file or folder');
  });
});
