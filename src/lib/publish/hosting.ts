/**
 * What a CDN or web server needs besides the files: cache rules, security headers and redirects,
 * as a `_headers` and `_redirects` file (Cloudflare Pages / Netlify format) and as an nginx
 * server block. Pure text from settings, so the same rules reach every kind of host.
 */

export interface CacheSettings {
  maxAge: number;
  staleWhileRevalidate: number;
  staleIfError: number;
}

export interface Redirect {
  from: string;
  to: string;
}

/** What the hosting files are made from: the newsroom's settings and its aliases. */
export interface HostingFacts {
  siteUrl: string;
  cache: CacheSettings;
  redirects: Redirect[];
  /** nginx.conf says `brotli_static on` (site.yaml `nginx.brotliStatic`). */
  brotliStatic: boolean;
}

/** Hashed build assets never change under their name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function getPageCacheControl(cache: CacheSettings): string {
  return `public, max-age=${cache.maxAge}, stale-while-revalidate=${cache.staleWhileRevalidate}, stale-if-error=${cache.staleIfError}`;
}

/**
 * The Content-Security-Policy allows scripts only from the site itself: the search page's module
 * and Pagefind's, which compiles WebAssembly ('wasm-unsafe-eval' allows that and nothing else).
 * JSON-LD blocks are data, not scripts, so no inline script is allowed or needed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['Strict-Transport-Security', 'max-age=63072000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()'],
  ['X-Frame-Options', 'DENY'],
];

/** `_headers`: security headers everywhere; hashed assets immutable, everything else short-lived. */
export function buildHeadersFile(cache: CacheSettings): string {
  const security = SECURITY_HEADERS.map(([name, value]) => `  ${name}: ${value}`);
  return [
    '/*',
    ...security,
    `  Cache-Control: ${getPageCacheControl(cache)}`,
    '',
    // "! Cache-Control" detaches the header set by "/*" before setting the asset's own.
    '/_astro/*',
    '  ! Cache-Control',
    `  Cache-Control: ${IMMUTABLE}`,
    '',
  ].join('\n');
}

/** `_redirects`: old addresses of articles, permanently to the current one. */
export function buildRedirectsFile(redirects: readonly Redirect[]): string {
  return redirects.map((redirect) => `${redirect.from} ${redirect.to} 301`).join('\n') + (redirects.length ? '\n' : '');
}

function quoteNginx(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

export interface NginxOptions {
  /** Absolute path of the published site. */
  root: string;
  listen: string;
  serverName: string;
  cache: CacheSettings;
  redirects: readonly Redirect[];
  /**
   * Serve `.br` files beside originals. Only for an nginx with the brotli module (Debian's
   * libnginx-mod-http-brotli-static): a stock nginx refuses the directive and starts not at all.
   */
  brotli: boolean;
}

/**
 * An nginx server block. `add_header` in a location replaces the server's, so each location
 * repeats the security headers with its own Cache-Control.
 */
export function buildNginxServer(options: NginxOptions): string {
  const headers = (cacheControl: string): string[] => [
    ...SECURITY_HEADERS.map(([name, value]) => `    add_header ${name} ${quoteNginx(value)} always;`),
    `    add_header Cache-Control ${quoteNginx(cacheControl)} always;`,
  ];
  const page = getPageCacheControl(options.cache);
  return [
    'server {',
    `  listen ${options.listen};`,
    `  server_name ${options.serverName};`,
    `  root ${quoteNginx(options.root)};`,
    '  index index.html;',
    '  charset utf-8;',
    '  gzip_static on;',
    ...(options.brotli
      ? ['  brotli_static on;']
      : ['  # With the brotli module loaded, set nginx.brotliStatic in site.yaml to serve the .br files too.']),
    '  error_page 404 /404.html;',
    '',
    ...options.redirects.map((redirect) => `  location = ${redirect.from} { return 301 ${redirect.to}; }`),
    '',
    '  location /_astro/ {',
    ...headers(IMMUTABLE),
    '  }',
    '',
    '  location / {',
    ...headers(page),
    '    try_files $uri $uri/ =404;',
    '  }',
    '',
    '  location = /404.html {',
    ...headers(page),
    '    internal;',
    '  }',
    '}',
    '',
  ].join('\n');
}
