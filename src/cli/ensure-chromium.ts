/**
 * `npm test` runs this first: the browser tests drive Debian's Chromium, which a fresh machine
 * does not have. As root with apt (these project machines and CI), it installs the package;
 * anywhere else it says what to install and stops, instead of failing deep inside a test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

if (!existsSync(chromium)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(
      `The browser tests need Chromium at ${chromium}. Install Debian's package (apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary, and run npm test again.`,
    );
    process.exit(1);
  }
  console.log(`Chromium is missing at ${chromium}; installing Debian's chromium package for the browser tests.`);
  if (
    !run('apt-get', ['update', '-qq']) ||
    !run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium']) ||
    !existsSync(chromium)
  ) {
    console.error('Installing Chromium failed; see the apt-get output above.');
    process.exit(1);
  }
}
