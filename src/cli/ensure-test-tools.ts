/**
 * `npm test` runs this first. The browser tests drive Debian's Chromium and the hosting test
 * Debian's nginx (with its brotli_static module), which a fresh machine does not have. As root
 * with apt (these project machines and CI) it installs what is missing; anywhere else it says what
 * to install and stops, instead of failing deep inside a test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const needed: Array<{ path: string; packages: string[] }> = [
  { path: chromium, packages: ['chromium'] },
  { path: '/usr/sbin/nginx', packages: ['nginx'] },
  { path: '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so', packages: ['libnginx-mod-http-brotli-static'] },
];

const missing = needed.filter((tool) => !existsSync(tool.path));
if (missing.length) {
  const packages = missing.flatMap((tool) => tool.packages);
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(
      `The browser and hosting tests need Debian's ${packages.join(', ')} (missing: ${missing.map((tool) => tool.path).join(', ')}). Install them with apt-get, or set CHROMIUM_PATH to a Chromium binary, and run npm test again.`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian's ${packages.join(', ')} for the browser and hosting tests.`);
  const run = (args: string[]): boolean =>
    spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
      .status === 0;
  if (
    !run(['update', '-qq']) ||
    !run(['install', '-y', '-qq', '--no-install-recommends', ...packages]) ||
    missing.some((tool) => !existsSync(tool.path))
  ) {
    console.error('Installing the test tools failed; see the apt-get output above.');
    process.exit(1);
  }
}
