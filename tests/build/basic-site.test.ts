import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type BuiltFixture } from '../helpers/build-fixture.ts';

let site: BuiltFixture;

afterAll(async () => {
  await site?.remove();
});

beforeAll(async () => {
  site = await buildFixture('basic');
});

describe('article page', () => {
  it('prints the kicker above the headline in the one h1, then the teaser', async () => {
    const $ = await site.page('/2010/12/13/amazon/');
    expect($('h1')).toHaveLength(1);
    expect($('h1 .kicker').text()).toBe('Nach vermeintlicher Hacker-Attacke');
    expect($('h1 .headline').text()).toBe('Amazon hackt sich selbst');
    expect($('h1 .kicker').index()).toBeLessThan($('h1 .headline').index());
    expect($('.article-teaser').text()).toBe(
      'Die Seiten des Händlers waren nicht erreichbar. Schuld war ein Hardware-Fehler.',
    );
  });

  it('opens the first paragraph with the dateline and agency credits', async () => {
    const $ = await site.page('/2010/12/13/amazon/');
    const first = $('.article-body p').first();
    expect(first.find('.dateline-place').text()).toBe('LONDON/BERLIN');
    expect(first.find('.dateline-credits').text()).toBe('dpa/rtr');
    expect(first.text()).toMatch(/^LONDON\/BERLIN dpa\/rtr \| Die europäischen Seiten/);
    expect($('.article-body .dateline')).toHaveLength(1);
  });

  it('reads a dateline written into the body itself', async () => {
    const $ = await site.page('/2010/12/01/alt/');
    const first = $('.article-body p').first();
    expect(first.find('.dateline-place').text()).toBe('BERLIN');
    expect(first.find('.dateline-credits').text()).toBe('taz');
    expect(first.text()).toBe('BERLIN taz | Die Boten kommen kaum nach.');
  });

  it('shows a figure with a resized image, caption and credit', async () => {
    const $ = await site.page('/2010/12/13/amazon/');
    const figure = $('article figure');
    expect(figure.find('img').attr('alt')).toBe('Ein Serverschrank in blauem Licht');
    expect(figure.find('img').attr('src')).toMatch(/^\/_astro\/server\..+\.webp$/);
    expect(figure.find('img').attr('srcset')).toContain('400w');
    expect(figure.find('figcaption').text()).toContain('Ein Rechenzentrum');
    expect(figure.find('figcaption .credit').text()).toBe('Foto: Testbild/dpa');
  });

  it('prints publication and update times in German with time zone in datetime', async () => {
    const $ = await site.page('/2010/12/13/amazon/');
    const times = $('.article-dates time');
    expect(times.eq(0).text()).toBe('13.12.2010, 18:45 Uhr');
    expect(times.eq(0).attr('datetime')).toBe('2010-12-13T18:45:00+01:00');
    expect(times.eq(1).text()).toBe('14.12.2010, 09:10 Uhr');
    expect($('.correction').text()).toContain('In einer früheren Fassung stand');
  });

  it('links every author in the byline', async () => {
    const $ = await site.page('/2010/12/13/amazon/');
    const links = $('.byline a');
    expect(links.map((_, a) => $(a).text()).get()).toEqual(['Tilman Kleinz', 'Jana Beispiel']);
    expect(links.map((_, a) => $(a).attr('href')).get()).toEqual(['/autor/tkleinz/', '/autor/jbeispiel/']);
    expect($('.byline').text().replace(/\s+/g, ' ').trim()).toBe('Von Tilman Kleinz und Jana Beispiel');
  });

  it('has no byline for an agency-only piece, but keeps its credits', async () => {
    const $ = await site.page('/2026/11/18/agentur/');
    expect($('.byline')).toHaveLength(0);
    expect($('.article-body .dateline').text().trim()).toBe('FRANKFURT/MAIN afp/dpa |');
  });

  it('lists the explicitly related article first, then computed ones, never newer ones', async () => {
    const $ = await site.page('/2010/12/13/amazon/');
    const related = $('.related .headline')
      .map((_, el) => $(el).text())
      .get();
    expect(related).toEqual(['Pakete stapeln sich', 'Netzsperren vom Tisch']);
  });

  it('has a breadcrumb to the section and the support appeal', async () => {
    const $ = await site.page('/2010/12/13/amazon/');
    expect(
      $('.breadcrumbs a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['/', '/wirtschaft/']);
    expect($('.support-appeal h2').text()).toBe('Unterstützen Sie uns');
    expect($('.support-appeal a').attr('href')).toBe('/unterstuetzen/');
  });

  it('ships no client JavaScript', async () => {
    for (const url of ['/', '/2010/12/13/amazon/', '/wirtschaft/', '/archiv/']) {
      const $ = await site.page(url);
      expect($('script:not([type="application/ld+json"])').length, url).toBe(0);
    }
  });
});

describe('front page', () => {
  it('leads with the newest story that has a picture, or else the newest', async () => {
    const $ = await site.page('/');
    expect($('.teaser-lead .headline').text()).toBe('Debatte über Netzausbau');
  });

  it('lists the most commented articles of the window, most comments first', async () => {
    const $ = await site.page('/');
    expect(
      $('.most-commented li .headline')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Debatte über Netzausbau', 'Strompreise sinken']);
    expect($('.most-commented li .count').first().text()).toBe('90 Kommentare');
  });

  it('shows each section with its newest articles', async () => {
    const $ = await site.page('/');
    expect(
      $('.front-section h2')
        .map((_, el) => $(el).text().trim())
        .get(),
    ).toEqual(['Politik', 'Wirtschaft'].filter((name) => $(`.front-section h2:contains(${name})`).length));
    expect($('html').attr('lang')).toBe('de-DE');
  });
});

describe('lists', () => {
  it('paginates a section newest first with working page links', async () => {
    const first = await site.page('/wirtschaft/');
    expect(
      first('.article-list .headline')
        .map((_, el) => first(el).text())
        .get(),
    ).toEqual(['Strompreise sinken', 'Amazon hackt sich selbst']);
    expect(first('.pager a[rel=next]').attr('href')).toBe('/wirtschaft/2/');
    const second = await site.page('/wirtschaft/2/');
    expect(
      second('.article-list .headline')
        .map((_, el) => second(el).text())
        .get(),
    ).toEqual(['Pakete stapeln sich']);
    expect(second('.pager a[rel=prev]').attr('href')).toBe('/wirtschaft/');
    expect(second('meta[name=robots]').attr('content')).toBe('noindex, follow');
    expect(await site.exists('/wirtschaft/3/')).toBe(false);
  });

  it('shows an author page with bio, portrait and their articles', async () => {
    const $ = await site.page('/autor/tkleinz/');
    expect($('h1').text()).toBe('Tilman Kleinz');
    expect($('.author-bio').text()).toBe('Schreibt über Netz und Handel.');
    expect($('.author-portrait').attr('src')).toMatch(/^\/_astro\/tkleinz\./);
    expect(
      $('.article-list .headline')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Amazon hackt sich selbst', 'Pakete stapeln sich']);
  });

  it('shows a topic page across sections', async () => {
    const $ = await site.page('/thema/netzpolitik/');
    expect($('h1').text()).toBe('Netzpolitik');
    expect(
      $('.article-list .headline')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Debatte über Netzausbau', 'Amazon hackt sich selbst']);
    expect(await site.exists('/thema/netzpolitik/2/')).toBe(true);
  });
});

describe('date archive', () => {
  it('has an archive index with years and months', async () => {
    const $ = await site.page('/archiv/');
    expect(
      $('.archive-years h2 a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['/2026/', '/2010/']);
    expect(
      $('.archive-months a')
        .map((_, a) => $(a).text())
        .get(),
    ).toContain('Dezember 2010');
  });

  it('has year, month and day pages; the day page is that day’s paper by section', async () => {
    expect((await site.page('/2010/'))('.archive-months a').attr('href')).toBe('/2010/12/');
    const month = await site.page('/2010/12/');
    expect(
      month('.archive-days h2 a')
        .map((_, a) => month(a).attr('href'))
        .get(),
    ).toEqual(['/2010/12/01/', '/2010/12/10/', '/2010/12/13/']);
    const day = await site.page('/2010/12/13/');
    expect(day('h1').text()).toBe('Ausgabe vom Montag, 13. Dezember 2010');
    expect(day('.front-section h2').text()).toBe('Wirtschaft');
    expect(day('a[rel=prev]').attr('href')).toBe('/2010/12/10/');
  });
});

describe('publication rules', () => {
  it('never builds drafts', async () => {
    expect(await site.exists('/2026/11/19/entwurf/')).toBe(false);
    const $ = await site.page('/politik/');
    expect($.html()).not.toContain('Geheimer Entwurf');
  });

  it('keeps articles dated after the build time out until a later build', async () => {
    expect(await site.exists('/2026/11/21/sperrfrist/')).toBe(false);
    expect((await site.page('/')).html()).not.toContain('Sperrfrist bis morgen');
    expect(await site.exists('/2026/11/21/')).toBe(false);
  });

  it('builds static pages and a 404 page', async () => {
    expect((await site.page('/unterstuetzen/'))('h1').text()).toBe('Unterstützen');
    const notFound = await site.page('/404.html');
    expect(notFound('h1').text()).toBe('Seite nicht gefunden');
    expect(notFound('.site-footer a[href="/unterstuetzen/"]').length).toBe(1);
  });
});
