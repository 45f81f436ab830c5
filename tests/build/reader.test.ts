/**
 * What a reader does, in Chromium: open the front page and follow an article, page through a
 * section, visit an author and the archive, hit a missing page — at phone, tablet and desktop
 * widths without sideways scrolling, and with no serious or critical accessibility violation
 * (axe-core). Screenshots land in test-results/screenshots/ for a human look.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { buildFixture, projectRoot, type BuiltFixture } from '../helpers/build-fixture.ts';
import { startPreview, type PreviewedSite } from '../helpers/preview.ts';

let site: BuiltFixture;
let server: PreviewedSite;
let browser: Browser;
let base: string;
const screenshots = path.join(projectRoot, 'test-results/screenshots');
const axeSource = await readFile(path.join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  site = await buildFixture('basic');
  server = await startPreview(site.outDir);
  base = server.base;
  browser = await launchBrowser();
  await mkdir(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await site?.remove();
});

async function open(url: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${base}${url}`);
  return page;
}

const pageTypes = {
  front: '/',
  article: '/2010/12/13/amazon/',
  section: '/wirtschaft/',
  'section-page-2': '/wirtschaft/2/',
  topic: '/thema/netzpolitik/',
  author: '/autor/tkleinz/',
  archive: '/archiv/',
  day: '/2010/12/13/',
  page: '/unterstuetzen/',
  search: '/suche/',
  'not-found': '/gibt-es-nicht/',
};

describe('a reader', () => {
  it('goes from the front page to an article', async () => {
    const page = await open('/');
    await page.click('.teaser-lead .teaser-heading a');
    await page.waitForURL(`${base}/2026/11/19/debatte/`);
    expect(await page.locator('h1 .headline').textContent()).toBe('Debatte über Netzausbau');
    await page.close();
  });

  it('pages through a section and back', async () => {
    const page = await open('/wirtschaft/');
    await page.click('.pager a[rel=next]');
    await page.waitForURL(`${base}/wirtschaft/2/`);
    expect(await page.locator('.article-list .headline').allTextContents()).toEqual(['Pakete stapeln sich']);
    await page.click('.pager a[rel=prev]');
    await page.waitForURL(`${base}/wirtschaft/`);
    await page.close();
  });

  it('follows a byline to the author and the breadcrumb back to the section', async () => {
    const page = await open('/2010/12/13/amazon/');
    await page.click('.byline a >> text=Tilman Kleinz');
    await page.waitForURL(`${base}/autor/tkleinz/`);
    expect(await page.locator('.author-bio').textContent()).toBe('Schreibt über Netz und Handel.');
    await page.goBack();
    await page.click('.breadcrumbs a >> text=Wirtschaft');
    await page.waitForURL(`${base}/wirtschaft/`);
    await page.close();
  });

  it('walks the archive from year to month to the day’s paper', async () => {
    const page = await open('/archiv/');
    await page.click('.archive-years a >> text=2010');
    await page.waitForURL(`${base}/2010/`);
    await page.click('text=Dezember 2010');
    await page.waitForURL(`${base}/2010/12/`);
    await page.click('text=Montag, 13. Dezember 2010');
    await page.waitForURL(`${base}/2010/12/13/`);
    expect(await page.locator('h1').textContent()).toBe('Ausgabe vom Montag, 13. Dezember 2010');
    await page.close();
  });

  it('gets the 404 page, with status 404, for an address that does not exist', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/gibt-es-nicht/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Seite nicht gefunden');
    await page.close();
  });
});

describe.each([375, 768, 1280])('at %i px', (width) => {
  it('shows every page type without sideways scrolling', async () => {
    const overflowing: string[] = [];
    for (const [name, url] of Object.entries(pageTypes)) {
      const page = await open(url, width);
      const { scroll, client } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      if (scroll > client) overflowing.push(`${name}: ${scroll} > ${client}`);
      await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true });
      await page.close();
    }
    expect(overflowing).toEqual([]);
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe-core violation on any page type', async () => {
    const violations: string[] = [];
    for (const [name, url] of Object.entries(pageTypes)) {
      const page = await open(url);
      await page.addScriptTag({ content: axeSource });
      const results = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                context: Document,
                options: object,
              ) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }>;
            };
          }
        ).axe;
        return axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        });
      });
      for (const violation of results.violations) {
        if (violation.impact === 'serious' || violation.impact === 'critical')
          violations.push(`${name}: ${violation.id} (${violation.impact}, ${violation.nodes.length} nodes)`);
      }
      await page.close();
    }
    expect(violations).toEqual([]);
  });

  it('would report a violation: the check is live', async () => {
    const page = await open('/');
    await page.evaluate(() =>
      document.querySelector('main')?.insertAdjacentHTML('afterbegin', '<img src="/favicon.svg">'),
    );
    await page.addScriptTag({ content: axeSource });
    const ids = await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string }> }> } }
      ).axe;
      return (await axe.run(document)).violations.map((violation) => violation.id);
    });
    expect(ids).toContain('image-alt');
    await page.close();
  });
});
