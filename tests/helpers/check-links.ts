/**
 * Finds links in a built site that lead nowhere: in HTML (href, src, srcset), in feeds and
 * sitemaps (absolute URLs on the site), and in the plain-text edition. It reads the files rather
 * than crawling a server, so it also follows links no crawler of HTML pages would see.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface BrokenLink {
  file: string;
  link: string;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

function extractLinks(file: string, text: string, origin: string): string[] {
  const links: string[] = [];
  if (file.endsWith('.html')) {
    for (const match of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) links.push(match[1]!);
    for (const match of text.matchAll(/\ssrcset="([^"]*)"/g))
      links.push(...match[1]!.split(',').map((part) => part.trim().split(/\s+/)[0]!));
  }
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const match of text.matchAll(new RegExp(`${escaped}(/[^\\s"'<>)\\]]*)`, 'g'))) links.push(match[1]!);
  return links;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}

export async function findBrokenLinks(siteDir: string, origin: string): Promise<BrokenLink[]> {
  const broken: BrokenLink[] = [];
  const checked = new Map<string, boolean>();
  for (const file of await listFiles(siteDir)) {
    if (!/\.(html|xml|atom|json|txt)$/.test(file) || file.includes(`${path.sep}pagefind${path.sep}`)) continue;
    const text = await readFile(file, 'utf8');
    for (const raw of extractLinks(file, text, origin)) {
      if (!raw || /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(raw)) continue;
      const pathname = decodeURIComponent(
        new URL(raw, `https://x${path.posix.join('/', path.relative(siteDir, file).split(path.sep).join('/'))}`)
          .pathname,
      );
      // The search index is written by Pagefind at run time of the search page, not linked statically.
      if (pathname.startsWith('/pagefind/')) continue;
      const target = path.join(siteDir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
      let ok = checked.get(target);
      if (ok === undefined) checked.set(target, (ok = await exists(target)));
      if (!ok) broken.push({ file: path.relative(siteDir, file), link: raw });
    }
  }
  return broken;
}
