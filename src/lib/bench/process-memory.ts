/**
 * The resident memory of a process and all its descendants, read from Linux's /proc. A build runs
 * as several processes (the build, Astro's render step, Pagefind), and what a machine must have is
 * their sum at the worst moment, which `/usr/bin/time` (the largest single process) does not tell.
 * The sum counts pages that processes share (the Node binary, libraries) once per process, so it
 * errs high by some tens of megabytes.
 */
import { readFileSync } from 'node:fs';

/** The process ids of `pid` and every process below it; empty when `pid` no longer runs. */
export function listProcessTree(pid: number): number[] {
  const tree: number[] = [];
  const pending = [pid];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    let children: string;
    try {
      children = readFileSync(`/proc/${current}/task/${current}/children`, 'utf8');
    } catch {
      continue;
    }
    tree.push(current);
    for (const child of children.split(' ')) if (child.trim()) pending.push(Number(child));
  }
  return tree;
}

/** Resident memory in bytes of `pid` and its descendants together, at this moment. */
export function readTreeRss(pid: number): number {
  let total = 0;
  for (const member of listProcessTree(pid)) {
    try {
      const rss = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${member}/status`, 'utf8'));
      total += Number(rss?.[1] ?? 0) * 1024;
    } catch {
      // The process ended between listing and reading: it holds no memory now.
    }
  }
  return total;
}
