import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { listProcessTree, readTreeRss } from '../../../src/lib/process-memory.ts';

describe('readTreeRss', () => {
  it('adds the memory of child processes to their parent’s', async () => {
    const before = readTreeRss(process.pid);
    // A child that holds 200 MB of touched memory until it is stopped.
    const child = spawn(
      process.execPath,
      [
        '-e',
        'globalThis.held = Buffer.alloc(200 * 1024 * 1024, 1); console.log("ready"); setInterval(() => {}, 1000);',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => child.stdout.once('data', resolve));
    try {
      expect(listProcessTree(process.pid)).toContain(child.pid);
      expect(readTreeRss(process.pid) - before).toBeGreaterThan(200 * 1024 * 1024);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('is zero for a process that does not run', () => {
    expect(listProcessTree(999_999_999)).toEqual([]);
    expect(readTreeRss(999_999_999)).toBe(0);
  });
});
