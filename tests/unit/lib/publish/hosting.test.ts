import { describe, expect, it } from 'vitest';
import {
  buildHeadersFile,
  buildNginxServer,
  buildRedirectsFile,
  CONTENT_SECURITY_POLICY,
  getPageCacheControl,
} from '../../../../src/lib/publish/hosting.ts';

const cache = { maxAge: 300, staleWhileRevalidate: 600, staleIfError: 86400 };

describe('hosting files', () => {
  it('allows no inline script in the Content-Security-Policy', () => {
    const scripts = CONTENT_SECURITY_POLICY.split('; ').find((directive) => directive.startsWith('script-src'));
    expect(scripts).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('writes the cache rule from the settings', () => {
    expect(getPageCacheControl(cache)).toBe('public, max-age=300, stale-while-revalidate=600, stale-if-error=86400');
  });

  it('gives every path the security headers and assets an immutable cache in _headers', () => {
    const file = buildHeadersFile(cache);
    const [all, assets] = file.split('\n\n');
    expect(all?.split('\n')[0]).toBe('/*');
    expect(all).toContain('  X-Content-Type-Options: nosniff');
    expect(all).toContain('  Cache-Control: public, max-age=300, stale-while-revalidate=600, stale-if-error=86400');
    expect(assets?.trimEnd()).toBe(
      '/_astro/*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable',
    );
  });

  it('lists redirects one a line, permanent', () => {
    expect(buildRedirectsFile([{ from: '/alt/', to: '/2010/12/13/neu/' }])).toBe('/alt/ /2010/12/13/neu/ 301\n');
    expect(buildRedirectsFile([])).toBe('');
  });

  it('writes an nginx server block with static compression, redirects and headers in every location', () => {
    const server = buildNginxServer({
      root: '/srv/zeitung',
      listen: '80',
      serverName: 'zeitung.example',
      cache,
      redirects: [{ from: '/alt/', to: '/neu/' }],
      brotli: true,
    });
    expect(server).toContain('  root "/srv/zeitung";');
    expect(server).toContain('  gzip_static on;\n  brotli_static on;');
    expect(server).toContain('  location = /alt/ { return 301 /neu/; }');
    expect(server.match(/add_header X-Frame-Options "DENY" always;/g)).toHaveLength(3);
    expect(server).toContain('add_header Cache-Control "public, max-age=31536000, immutable" always;');
  });

  it('leaves brotli_static out unless asked, since a stock nginx refuses it, and says how to turn it on', () => {
    const server = buildNginxServer({ root: '/x', listen: '80', serverName: 'x', cache, redirects: [], brotli: false });
    const lines = server.split('\n').map((line) => line.trim());
    const directives = lines.map((line) => line.replace(/#.*$/, '').trim()).filter(Boolean);
    expect(directives).toContain('gzip_static on;');
    expect(directives.some((line) => line.startsWith('brotli_static'))).toBe(false);
    expect(lines.filter((line) => line.startsWith('#')).join('\n')).toContain('nginx.brotliStatic in site.yaml');
  });
});
