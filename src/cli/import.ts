/**
 * `npm run import -- <files or folders> [--out content/articles] [--dry-run] [--force]`
 *
 * Converts plain-text articles (the paper's text edition, or web-page text) into Markdown with
 * front matter, one line of report per file. Running it again changes nothing that is unchanged,
 * and never overwrites a file that was edited since it was imported, unless --force.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toSlashPath } from '../lib/paths.ts';
import { parseCommandLine } from './command-line.ts';
import { decodeText } from '../lib/content/decode-text.ts';
import { planImport, type ImportOutcome } from '../lib/content/import-article.ts';

const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'content/articles' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  },
  'npm run import -- <files or folders> [--out content/articles] [--dry-run] [--force]',
);

const root = process.cwd();
const outDir = path.resolve(root, values.out);
const relative = (file: string): string => toSlashPath(root, file) || '.';

async function collect(target: string): Promise<string[]> {
  const info = await stat(target);
  if (info.isFile()) return [target];
  const files: string[] = [];
  for (const entry of (await readdir(target, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) files.push(...(await collect(full)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.txt')) files.push(full);
  }
  return files;
}

async function importFile(source: string): Promise<{ outcome: ImportOutcome; line: string }> {
  const name = relative(source);
  const decoded = decodeText(await readFile(source), true);
  if (!decoded) return { outcome: 'failed', line: `failed     ${name} — could not be read as text` };
  const firstPlan = planImport(decoded.text, name, undefined, values.force);
  if (firstPlan.outcome === 'failed')
    return { outcome: 'failed', line: `failed     ${firstPlan.notes.join('\n           ')}` };
  const target = path.join(outDir, firstPlan.targetName!);
  const existing = existsSync(target) ? await readFile(target, 'utf8') : undefined;
  const plan = existing === undefined ? firstPlan : planImport(decoded.text, name, existing, values.force);
  const notes = [...(decoded.legacyEncoding ? ['read as Windows-1252, not UTF-8'] : []), ...plan.notes];
  const found = plan.recognised.length ? ` [${plan.recognised.join(', ')}]` : '';
  const suffix = `${found}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  if (plan.output !== undefined && !values['dry-run']) {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, plan.output);
  }
  const verb = values['dry-run'] && plan.output !== undefined ? `would be ${plan.outcome}` : plan.outcome;
  return { outcome: plan.outcome, line: `${verb.padEnd(10)} ${name} → ${relative(target)}${suffix}` };
}

if (positionals.length === 0) {
  console.error(
    'Name the plain-text files or folders to import: npm run import -- <files or folders> [--out content/articles] [--dry-run] [--force]',
  );
  process.exitCode = 2;
} else {
  const counts = new Map<ImportOutcome, number>();
  for (const target of positionals) {
    let files: string[];
    try {
      files = await collect(path.resolve(root, target));
    } catch {
      console.error(`failed     ${target} — no such file or folder`);
      counts.set('failed', (counts.get('failed') ?? 0) + 1);
      continue;
    }
    for (const file of files) {
      const result = await importFile(file);
      counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
      (result.outcome === 'failed' ? console.error : console.log)(result.line);
    }
  }
  const summary = [...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
  console.log(`\n${summary || 'no .txt files found'}${values['dry-run'] ? ' (dry run: nothing was written)' : ''}`);
  if (counts.get('failed')) process.exitCode = 1;
}
