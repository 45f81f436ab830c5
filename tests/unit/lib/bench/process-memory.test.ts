import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listProcessTree, readTreeRss } from '../../../../src/lib/bench/process-memory.ts';

const MB = 1024 * 1024;

/** Resident memory of one process alone, from the same /proc file. */
function readOwnRss(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
}

describe('readTreeRss', () => {
  it('adds the memory of child processes to their parent’s', async () => {
    // An idle parent whose child holds 200 MB of touched memory until both are stopped; measured
    // apart from the test process, whose own memory comes and goes with its garbage collector.
    const childScript =
      'globalThis.held = Buffer.alloc(200 * 1024 * 1024, 1); console.log("ready"); setInterval(() => {}, 1 << 30);';
    const parentScript = `
      const child = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(childScript)}], { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.once('data', () => console.log(child.pid));
      process.on('SIGTERM', () => { child.kill('SIGKILL'); process.exit(0); });`;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => parent.on('exit', resolve));
    const childPid = Number(
      await new Promise<string>((resolve) => parent.stdout.once('data', (data) => resolve(String(data)))),
    );
    try {
      expect(listProcessTree(parent.pid!).sort()).toEqual([parent.pid, childPid].sort());
      const parentAlone = readOwnRss(parent.pid!);
      // The idle parent alone holds far less than the child's buffer, so only the sum can exceed it.
      expect(parentAlone).toBeLessThan(200 * MB);
      expect(readTreeRss(parent.pid!)).toBeGreaterThan(200 * MB + parentAlone / 2);
      expect(readTreeRss(childPid)).toBeGreaterThan(200 * MB);
    } finally {
      parent.kill('SIGTERM');
      await exited;
    }
  });

  it('is zero for a process that does not run', () => {
    expect(listProcessTree(999_999_999)).toEqual([]);
    expect(readTreeRss(999_999_999)).toBe(0);
  });
});
