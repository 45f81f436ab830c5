/**
 * A paper whose articles are partly Markdown and partly plain-text dumps (the text edition and
 * web-page text), built together: the same pages, lists and archive for both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type BuiltFixture } from '../helpers/build-fixture.ts';

let site: BuiltFixture;

afterAll(async () => {
  await site?.remove();
});

beforeAll(async () => {
  site = await buildFixture('mixed');
});

describe('a gopher text-edition dump in content/articles', () => {
  it('gets an article page at its date, with the same structure as a Markdown article', async () => {
    const $ = await site.page('/2014/03/04/5130574/');
    const md = await site.page('/2014/03/03/netzausfall/');
    expect($('h1 .kicker').text()).toBe('Nach dem Stromausfall');
    expect($('h1 .headline').text()).toBe('Rechenzentrum wieder am Netz');
    expect($('.article-teaser').text()).toBe(
      'Zwei Stunden lang waren die Seiten der Stadtwerke nicht erreichbar. Schuld war ein defektes Netzteil.',
    );
    for (const selector of [
      'article.article',
      'h1 .headline',
      '.article-teaser',
      '.article-meta .byline',
      '.article-dates time',
      '.article-body p',
      '.breadcrumbs',
    ]) {
      expect($(selector).length, selector).toBeGreaterThan(0);
      expect(md(selector).length, selector).toBeGreaterThan(0);
    }
  });

  it('rebuilds the paragraphs, the dateline and the links', async () => {
    const $ = await site.page('/2014/03/04/5130574/');
    const paragraphs = $('.article-body p');
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs.first().text()).toBe(
      'KASSEL taz | Am Dienstagmorgen fiel im Rechenzentrum der Stadtwerke ein Netzteil aus. Nach Angaben des Betreibers sprang die Reserve nicht an. Erst gegen Mittag lief der Betrieb wieder.',
    );
    expect(paragraphs.first().find('a').attr('href')).toBe('https://example.org/meldung');
    expect($('.article-dates time').first().text()).toBe('04.03.2014, 00:00 Uhr');
  });

  it('links a known author and prints an unknown one as a name', async () => {
    const $ = await site.page('/2014/03/04/5130574/');
    expect($('.byline').text().replace(/\s+/g, ' ').trim()).toBe('Von Jana Beispiel und Tom Neuling');
    expect($('.byline a').attr('href')).toBe('/autor/jbeispiel/');
    expect($('.byline a')).toHaveLength(1);
    const author = await site.page('/autor/jbeispiel/');
    expect(
      author('.article-list .headline')
        .map((_, el) => author(el).text())
        .get(),
    ).toEqual(['Rechenzentrum wieder am Netz', 'Tausende ohne Internet']);
    expect(await site.exists('/autor/tom-neuling/')).toBe(false);
  });

  it('links a related article found by its headline and keeps one that is not in the paper as text', async () => {
    const $ = await site.page('/2014/03/04/5130574/');
    expect($('.related .article-list a').attr('href')).toBe('/2014/03/03/netzausfall/');
    const elsewhere = $('.related-elsewhere li');
    expect(elsewhere).toHaveLength(1);
    expect(elsewhere.find('.headline').text()).toBe('Ein Artikel, den es hier nicht gibt');
    expect(elsewhere.find('a')).toHaveLength(0);
  });

  it('keeps a picture known only by its caption out of the page', async () => {
    const $ = await site.page('/2014/03/04/5130574/');
    expect($('figure')).toHaveLength(0);
  });
});

describe('web-page text without a date', () => {
  it('is shown undated at /artikel/<id>/, filed under the section its folder is named after', async () => {
    const $ = await site.page('/artikel/5130600/');
    expect($('h1 .kicker').text()).toBe('Landtag');
    expect($('h1 .headline').text()).toBe('Streit um Leser:innen-Beteiligung');
    expect($('.article-dates').text()).toContain('ohne Datum');
    expect($('.breadcrumbs a').last().attr('href')).toBe('/politik/');
  });

  it('leaves the appeal, the meistkommentiert box and navigation crumbs out', async () => {
    const $ = await site.page('/artikel/5130600/');
    expect($('.article-body').text()).not.toMatch(
      /taz lesen|Genossenschaft|meistkommentiert|Krise bei den Stadtwerken|taz logo/,
    );
    expect($('.article-body p')).toHaveLength(2);
  });

  it('appears in its section but not in the date archive', async () => {
    const section = await site.page('/politik/');
    expect(
      section('.article-list a')
        .map((_, a) => section(a).attr('href'))
        .get(),
    ).toContain('/artikel/5130600/');
    const archive = await site.page('/archiv/');
    expect(archive.html()).not.toContain('5130600');
  });
});

describe('web-page text as real pages print it', () => {
  it('shows a title that is only a kicker as the headline, without an empty kicker above it', async () => {
    const $ = await site.page('/artikel/5130610/');
    expect($('h1 .headline').text()).toBe('Die Wochenvorschau');
    expect($('h1 .kicker')).toHaveLength(0);
  });

  it('links a byline to the author of that name, and prints the title-case dateline with all credits', async () => {
    const $ = await site.page('/artikel/5130610/');
    expect($('.byline a').attr('href')).toBe('/autor/akern/');
    expect($('.article-body .dateline-place').text()).toBe('Wiesbaden');
    expect($('.article-body .dateline-credits').text()).toBe('taz/dpa');
  });

  it('keeps the appeal in its other wording and the closing signature out of the body', async () => {
    const $ = await site.page('/artikel/5130610/');
    const paragraphs = $('.article-body p')
      .map((_, p) => $(p).text())
      .get();
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs.join('\n')).not.toMatch(/Genossenschaft|Genossinnen|Beitrag|Leserinnen|Kolumne|^dpa$/m);
    expect(paragraphs.at(-1)).toBe(
      'Am Donnerstag entscheidet der Landtag über den Abstand von Windrädern zu Wohnhäusern. Die Koalition ist sich darüber nicht einig.',
    );
  });
});

describe('a Windows-1252 text file with front matter', () => {
  it('is read with its umlauts intact and its front matter applied', async () => {
    const $ = await site.page('/2014/03/05/kommentar/');
    expect($('h1 .kicker').text()).toBe('Kommentar');
    expect($('.article-body').text()).toContain('Die Straßenbahn fährt zu selten, und die Busse sind überfüllt.');
    expect($('.article-dates time').first().text()).toBe('05.03.2014, 12:00 Uhr');
  });
});
