/**
 * The published site behind a real web server: `npm run build` of a fixture paper, its generated
 * nginx server block checked with `nginx -t` (with and without the brotli module) and run by
 * Debian's nginx on a loopback port, and requests as a CDN or browser sends them. Ends with a
 * bounded load run (50,000 requests, 10 connections) that reports its figures and must see no error.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { launchBrowser } from '../helpers/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuildEnv, projectRoot } from '../helpers/build-fixture.ts';

const run = promisify(execFile);
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
let work: string;
/** Built with `nginx: {brotliStatic: true}` in site.yaml, and served. */
let outDir: string;
/** Built with the fixture's settings as they are: no brotli_static. */
let plainOutDir: string;
let nginx: { process: ChildProcess; exited: Promise<unknown> } | undefined;
let base: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A whole nginx configuration around a generated server block, writing only below `prefix`. */
function wrapServer(server: string, prefix: string, options: { port: number; brotliModule: boolean }): string {
  return [
    ...(options.brotliModule ? [`load_module ${BROTLI_MODULE};`] : []),
    'user root;',
    'worker_processes 1;',
    'daemon off;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  access_log off;',
    // nginx closes a keep-alive connection after 1,000 requests by default; a request autocannon
    // sends in that instant fails with a reset (seen once in 50,000), which says nothing of the site.
    '  keepalive_requests 100000;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${prefix}/${kind};`),
    server.replace(/listen 80;/, `listen 127.0.0.1:${options.port};`),
    '}',
  ].join('\n');
}

/** `nginx -t` of a generated server block: whether nginx accepts it, and what it said. */
async function testNginxConfig(
  server: string,
  name: string,
  brotliModule: boolean,
): Promise<{ accepted: boolean; said: string }> {
  const prefix = path.join(work, name);
  await mkdir(prefix, { recursive: true });
  const file = path.join(prefix, 'nginx.conf');
  await writeFile(file, wrapServer(server, prefix, { port: 8080, brotliModule }));
  try {
    const { stderr } = await run('/usr/sbin/nginx', ['-t', '-c', file, '-p', prefix]);
    return { accepted: true, said: stderr };
  } catch (error) {
    return { accepted: false, said: (error as { stderr: string }).stderr };
  }
}

/** The directives of a server block, without comments. */
function listDirectives(server: string): string[] {
  return server
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

/**
 * Starts nginx on a free loopback port. Another process may take the port between choosing it and
 * nginx binding it; nginx then exits saying so, and another port is tried. nginx writes its pid
 * file once its sockets listen, so the file's appearance is the sign that it answers.
 */
async function startNginx(server: string): Promise<void> {
  const prefix = path.join(work, 'nginx');
  await mkdir(prefix, { recursive: true });
  const file = path.join(prefix, 'nginx.conf');
  const pidFile = path.join(prefix, 'nginx.pid');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    await writeFile(file, wrapServer(server, prefix, { port, brotliModule: true }));
    await rm(pidFile, { force: true });
    await rm(path.join(prefix, 'error.log'), { force: true });
    const child = spawn('/usr/sbin/nginx', ['-c', file, '-p', prefix], { stdio: 'inherit' });
    let ended = false;
    const exited = new Promise((resolve) => child.on('exit', resolve)).finally(() => (ended = true));
    while (!ended && !existsSync(pidFile)) await new Promise((resolve) => setTimeout(resolve, 20));
    if (!ended) {
      nginx = { process: child, exited };
      base = `http://127.0.0.1:${port}`;
      return;
    }
    const log = await readFile(path.join(prefix, 'error.log'), 'utf8').catch(() => '');
    if (!/Address already in use/.test(log) || attempt === 10) throw new Error(`nginx did not start:\n${log}`);
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'depesche-nginx-'));
  const content = path.join(work, 'content');
  await cp(path.join(projectRoot, 'tests/fixtures/basic/content'), content, { recursive: true });
  const build = (out: string): Promise<unknown> =>
    run(
      process.execPath,
      ['src/cli/build.ts', '--content', content, '--out', out, '--cache', path.join(work, 'cache'), '--quiet'],
      {
        cwd: projectRoot,
        env: { ...getBuildEnv(), DEPESCHE_NOW: '2026-11-20T12:00:00+01:00' },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  plainOutDir = path.join(work, 'plain');
  await build(plainOutDir);
  await appendFile(path.join(content, 'site.yaml'), '\nnginx:\n  brotliStatic: true\n');
  outDir = path.join(work, 'site');
  await build(outDir);
  await startNginx(await readFile(path.join(outDir, 'nginx.conf'), 'utf8'));
});

afterAll(async () => {
  if (nginx) {
    nginx.process.kill('SIGQUIT');
    await nginx.exited;
  }
  await rm(work, { recursive: true, force: true });
});

describe('the generated nginx configuration', () => {
  it('says brotli_static only when site.yaml asks for it, and nginx accepts each', async () => {
    const plain = await readFile(path.join(plainOutDir, 'nginx.conf'), 'utf8');
    const brotli = await readFile(path.join(outDir, 'nginx.conf'), 'utf8');
    expect(listDirectives(plain)).toContain('gzip_static on;');
    expect(listDirectives(plain).filter((line) => line.startsWith('brotli_static'))).toEqual([]);
    expect(listDirectives(brotli)).toContain('brotli_static on;');

    // A stock nginx, without the brotli module.
    const stock = await testNginxConfig(plain, 'stock', false);
    expect(stock.said).toMatch(/test is successful/);
    expect(stock.accepted).toBe(true);
    const withModule = await testNginxConfig(brotli, 'with-module', true);
    expect(withModule.said).toMatch(/test is successful/);
    expect(withModule.accepted).toBe(true);
    // Why it is a setting: without the module, nginx refuses the brotli configuration.
    const refused = await testNginxConfig(brotli, 'refused', false);
    expect(refused.accepted).toBe(false);
    expect(refused.said).toContain('unknown directive "brotli_static"');
  });
});

describe('the site behind nginx', () => {
  it('serves pages with security headers and a short, stale-tolerant cache', async () => {
    const response = await fetch(`${base}/2010/12/13/amazon/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe(
      'public, max-age=300, stale-while-revalidate=600, stale-if-error=86400',
    );
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('permissions-policy')).toContain('camera=()');
  });

  it('caches hashed assets for a year, immutably', async () => {
    const asset = (await readdir(path.join(outDir, '_astro'))).find((name) => name.endsWith('.webp'));
    const response = await fetch(`${base}/_astro/${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('redirects an article’s old addresses permanently', async () => {
    const response = await fetch(`${base}/pakete/`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toMatch(/\/2010\/12\/01\/alt\/$/);
  });

  it('redirects an old address written with umlauts and every punctuation an alias may hold', async () => {
    const response = await fetch(`${base}${encodeURI('/alt/grüße(1),a+b:c@d=e&f!g*h~i.html')}`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toMatch(/\/2010\/12\/01\/alt\/$/);
  });

  it('sends the precompressed gzip and brotli files', async () => {
    const original = await readFile(path.join(outDir, 'index.html'));
    for (const [encoding, decode] of [
      ['gzip', gunzipSync],
      ['br', brotliDecompressSync],
    ] as const) {
      const response = await fetch(`${base}/`, {
        headers: { 'accept-encoding': encoding },
        decompress: false,
      } as RequestInit);
      expect(response.headers.get('content-encoding'), encoding).toBe(encoding);
      const body = Buffer.from(await response.arrayBuffer());
      // fetch may already have decoded the body; either way it must be the page.
      const page = body.equals(original) ? body : decode(body);
      expect(page.equals(original), encoding).toBe(true);
    }
  });

  it('answers a missing page with the paper’s 404 page and status 404', async () => {
    const response = await fetch(`${base}/gibt-es-nicht/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Seite nicht gefunden');
  });

  it('serves feeds, sitemaps and the text edition with their types', async () => {
    expect((await fetch(`${base}/feed.atom`)).headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    expect((await fetch(`${base}/sitemap-index.xml`)).headers.get('content-type')).toMatch(/xml/);
    expect((await fetch(`${base}/text/2010/12/13/amazon.txt`)).headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('keeps search working under the Content-Security-Policy', async () => {
    const browser = await launchBrowser();
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(`${base}/suche/?q=Hardware`);
    // No time limit of its own: the test's timeout is the only one.
    await page.locator('.search-status').filter({ hasText: /\S/ }).waitFor({ timeout: 0 });
    expect(await page.locator('.search-results .headline').allTextContents()).toEqual(['Amazon hackt sich selbst']);
    expect(blocked).toEqual([]);
    await browser.close();
  });

  it('serves a bounded load without a single error', async () => {
    const result = await autocannon({
      url: base,
      connections: 10,
      // Bounded by count, so no request is cut off mid-flight when a time limit strikes. The
      // timeout only ends a run whose server has stalled.
      amount: 50_000,
      timeout: 120,
      requests: [{ path: '/' }, { path: '/2010/12/13/amazon/' }, { path: '/wirtschaft/' }, { path: '/feed.xml' }],
    });
    // Figures, not targets: how fast depends on what else the machine is doing.
    console.log(
      `nginx load: ${Math.round(result.requests.average)} requests/s on average, ${result.requests.total} requests (${result['2xx']} answered 2xx), latency p99 ${result.latency.p99} ms`,
    );
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result['2xx']).toBeGreaterThan(0);
  });
});
