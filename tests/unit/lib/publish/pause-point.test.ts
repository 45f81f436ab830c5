import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAUSE_LINE, pauseAt, readPauseSteps } from '../../../../src/lib/publish/pause-point.ts';

const modulePath = path.resolve(import.meta.dirname, '../../../../src/lib/publish/pause-point.ts');

describe('readPauseSteps', () => {
  it('reads the named steps, separated by commas', () => {
    expect([...readPauseSteps({ DEPESCHE_PAUSE_AT: 'staged, switched' })]).toEqual(['staged', 'switched']);
    expect(readPauseSteps({}).size).toBe(0);
  });

  it('refuses a name that is not a step, listing the steps', () => {
    expect(() => readPauseSteps({ DEPESCHE_PAUSE_AT: 'staged,swiched' })).toThrow(
      /"swiched", which is no step of a build; the steps are locked, staged, /,
    );
  });
});

describe('pauseAt', () => {
  it('goes on at once at a step that was not named', async () => {
    await expect(pauseAt('hashed', { DEPESCHE_PAUSE_AT: 'staged' })).resolves.toBeUndefined();
  });

  it('stops a process at the named step, says so, and lets it go on at SIGUSR2', async () => {
    const script = `import { pauseAt } from ${JSON.stringify(modulePath)};
      await pauseAt('staged');
      console.log('went on');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, DEPESCHE_PAUSE_AT: 'staged' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const line = await new Promise<string>((resolve) =>
      child.stderr.once('data', (chunk: Buffer) => resolve(String(chunk))),
    );
    const match = PAUSE_LINE.exec(line);
    expect(match?.[1]).toBe('staged');
    expect(Number(match?.[2])).toBe(child.pid);
    expect(output).toBe('');
    child.kill('SIGUSR2');
    expect(await exited).toBe(0);
    expect(output).toBe('went on\n');
  });
});
