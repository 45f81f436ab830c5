/**
 * A temporary copy of a fixture's content folder that a test can add files to, for cases that
 * cannot be committed as they are (CRLF line ends, decomposed file names) or that need a paper
 * of their own.
 */
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './build-fixture.ts';

export interface ContentCopy {
  /** The copy's content folder (absolute). */
  dir: string;
  /** Writes a file at a path relative to the content folder, making folders as needed. */
  write(relative: string, text: string | Buffer): Promise<void>;
  remove(): Promise<void>;
}

export async function copyFixtureContent(fixture: string): Promise<ContentCopy> {
  const work = await mkdtemp(path.join(os.tmpdir(), `depesche-${fixture}-copy-`));
  const dir = path.join(work, 'content');
  await cp(path.join(projectRoot, 'tests/fixtures', fixture, 'content'), dir, { recursive: true });
  return {
    dir,
    write: async (relative, text) => {
      const file = path.join(dir, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    },
    remove: () => rm(work, { recursive: true, force: true }),
  };
}

/** Front matter for a valid article of the basic fixture, with fields replaced or added. */
export function writeArticle(fields: Record<string, string>, body = 'Ein Absatz.\n'): string {
  const all: Record<string, string> = {
    id: '9001',
    headline: 'Eine Meldung',
    teaser: 'Ein Vorspann.',
    date: '2020-05-04 10:00',
    section: 'politik',
    ...fields,
  };
  return `---\n${Object.entries(all)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')}\n---\n${body}`;
}

/** Rewrites a content file through `change`, as an editor's save would. */
export async function editFile(dir: string, file: string, change: (text: string) => string): Promise<void> {
  const target = path.join(dir, file);
  await writeFile(target, change(await readFile(target, 'utf8')));
}

/**
 * A copy of the project's code in `root` (its node_modules linked), so that a test changing a
 * component or a page cannot reach the other tests' builds, which share the project's code bundle.
 */
export async function copyProject(root: string): Promise<void> {
  await mkdir(root, { recursive: true });
  for (const entry of ['src', 'public', 'package.json', 'package-lock.json', 'tsconfig.json', 'astro.config.mjs'])
    await cp(path.join(projectRoot, entry), path.join(root, entry), { recursive: true });
  await symlink(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
}
