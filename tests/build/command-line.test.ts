/**
 * Every command answers a mistyped option with its usage and exit code 2, never a stack trace,
 * and `--help` with its usage.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { getBuildEnv, projectRoot } from '../helpers/build-fixture.ts';

const run = promisify(execFile);
const COMMANDS = ['build', 'watch', 'rollback', 'deploy', 'import', 'bench'];

async function runCommand(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [`src/cli/${command}.ts`, ...args], { cwd: projectRoot, env: getBuildEnv() }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe.each(COMMANDS)('npm run %s', (command) => {
  it('names an unknown option with the usage and exits 2, without a stack trace', async () => {
    const { code, stderr } = await runCommand(command, ['--quiett']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown option '--quiett'/);
    expect(stderr).toContain(`Usage: npm run ${command}`);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('prints its usage for --help and exits 0', async () => {
    const { code, stdout } = await runCommand(command, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^npm run ${command}`));
  });
});
