/**
 * The published site behind a real web server: `npm run build` of a fixture paper, its generated
 * nginx server block run by Debian's nginx on a loopback port, and requests as a CDN or browser
 * sends them. Ends with a bounded load run (50,000 requests, 10 connections) that must see no error.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
let work: string;
let outDir: string;
let nginx: ChildProcess;
let base: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nginx did not answer at ${url}`);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'depesche-nginx-'));
  outDir = path.join(work, 'site');
  await run(process.execPath, ['src/cli/build.ts', '--content', 'tests/fixtures/basic/content', '--out', outDir], {
    cwd: projectRoot,
    env: { ...getBuildEnv(), DEPESCHE_NOW: '2026-11-20T12:00:00+01:00' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const server = (await readFile(path.join(outDir, 'nginx.conf'), 'utf8')).replace(
    /listen 80;/,
    `listen 127.0.0.1:${port};`,
  );
  const temp = path.join(work, 'nginx');
  await mkdir(temp);
  const brotli = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
  await writeFile(
    path.join(work, 'nginx-test.conf'),
    [
      ...(existsSync(brotli) ? [`load_module ${brotli};`] : []),
      'user root;',
      'worker_processes 1;',
      'daemon off;',
      `pid ${temp}/nginx.pid;`,
      `error_log ${temp}/error.log warn;`,
      'events { worker_connections 256; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  default_type application/octet-stream;',
      '  access_log off;',
      // nginx closes a keep-alive connection after 1,000 requests by default; a request autocannon
      // sends in that instant fails with a reset (seen once in 50,000), which says nothing of the site.
      '  keepalive_requests 100000;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${temp}/${kind};`),
      server,
      '}',
    ].join('\n'),
  );
  nginx = spawn('/usr/sbin/nginx', ['-c', path.join(work, 'nginx-test.conf'), '-p', temp], { stdio: 'inherit' });
  await waitForServer(`${base}/`);
});

afterAll(async () => {
  nginx?.kill('SIGQUIT');
  await new Promise((resolve) => setTimeout(resolve, 200));
  await rm(work, { recursive: true, force: true });
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
    await page.locator('.search-status').filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.search-results .headline').allTextContents()).toEqual(['Amazon hackt sich selbst']);
    expect(blocked).toEqual([]);
    await browser.close();
  });

  it('serves a bounded load without a single error', async () => {
    const result = await autocannon({
      url: base,
      connections: 10,
      // Bounded by count, so no request is cut off mid-flight when a time limit strikes; the
      // timeout stops the run should the server stall.
      amount: 50_000,
      timeout: 10,
      requests: [{ path: '/' }, { path: '/2010/12/13/amazon/' }, { path: '/wirtschaft/' }, { path: '/feed.xml' }],
    });
    console.log(
      `nginx load: ${Math.round(result.requests.average)} requests/s on average, ${result.requests.total} requests, latency p99 ${result.latency.p99} ms`,
    );
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result.timeouts).toBe(0);
    // autocannon leaves the last in-flight requests of each connection out of its tallies.
    expect(result['2xx']).toBeGreaterThanOrEqual(49_900);
  });
});
