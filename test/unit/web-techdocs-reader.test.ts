// Pure logic of the TechDocs reader: page paths, where links lead, "edit this page" URLs,
// reader URLs and the in-site search. The DOM parts (DOMPurify, rewriting) are tested in
// real Chromium by test/node/browser-techdocs.test.ts.

import { describe, expect, it } from 'vitest';
import type { DocsPageInfo } from '../../web/api/techdocsApi';
import type { Entity } from '../../web/api/types';
import { normalizePagePath, pageFile, resolveDocsLink } from '../../web/plugins/techdocs/docsPaths';
import { editPageHref, hasTechDocs } from '../../web/plugins/techdocs/editLink';
import { docsReaderHref, docsTabHref, readerHash } from '../../web/plugins/techdocs/readerUrls';
import { markTokens, searchSections, searchTokens, type DocsSection } from '../../web/plugins/techdocs/siteSearch';

const entity = (annotations: Record<string, string>): Entity =>
  ({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'orders', namespace: 'default', annotations }, spec: {} }) as Entity;
const page = (extra: Partial<DocsPageInfo> = {}): DocsPageInfo => ({ title: 'Setup', file: 'guides/setup/index.html', toc: [], ...extra });

describe('page paths', () => {
  it('normalises what a URL carries to the keys the server uses', () => {
    expect(normalizePagePath(undefined)).toBe('');
    expect(normalizePagePath('')).toBe('');
    expect(normalizePagePath('/')).toBe('');
    expect(normalizePagePath('index.html')).toBe('');
    expect(normalizePagePath('guides/setup')).toBe('guides/setup/');
    expect(normalizePagePath('/guides//setup/')).toBe('guides/setup/');
    expect(normalizePagePath('guides/setup/index.html')).toBe('guides/setup/');
    expect(normalizePagePath('old/page.html')).toBe('old/page.html');
    expect(normalizePagePath('../../etc/./passwd')).toBe('etc/passwd/');
  });

  it('maps a page to its file, preferring what the nav says', () => {
    expect(pageFile('')).toBe('index.html');
    expect(pageFile('guides/setup/')).toBe('guides/setup/index.html');
    expect(pageFile('legacy.html')).toBe('legacy.html');
    const nav = { site_name: 's', nav: [], pages: { 'a/': { title: 'A', file: 'a.html', toc: [] } } };
    expect(pageFile('a/', nav)).toBe('a.html');
  });
});

describe('links inside a page', () => {
  it('resolves relative page links and anchors against the page directory', () => {
    expect(resolveDocsLink('../deploy/', 'guides/setup/')).toEqual({ type: 'page', path: 'guides/deploy/', hash: '' });
    expect(resolveDocsLink('../../#intro', 'guides/setup/')).toEqual({ type: 'page', path: '', hash: 'intro' });
    expect(resolveDocsLink('#install', 'guides/setup/')).toEqual({ type: 'page', path: 'guides/setup/', hash: 'install' });
    expect(resolveDocsLink('other.html#x%20y', '')).toEqual({ type: 'page', path: 'other.html', hash: 'x y' });
    expect(resolveDocsLink('sub/index.html', '')).toEqual({ type: 'page', path: 'sub/', hash: '' });
  });

  it('sends files of the site to the static route and keeps external and portal links apart', () => {
    expect(resolveDocsLink('../img/diagram.png', 'guides/')).toEqual({ type: 'file', path: 'img/diagram.png' });
    expect(resolveDocsLink('https://example.com/a?b#c', '')).toEqual({ type: 'external', url: 'https://example.com/a?b#c' });
    expect(resolveDocsLink('mailto:team@example.com', '')).toEqual({ type: 'external', url: 'mailto:team@example.com' });
    expect(resolveDocsLink('/catalog/default/group/web', '')).toEqual({ type: 'app', path: '/catalog/default/group/web' });
  });

  it('refuses script URLs, the portal API and paths escaping the site', () => {
    for (const href of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<b>x', 'vbscript:x', '/api/auth/logout', '/api', '../../../x', '']) {
      expect(resolveDocsLink(href, 'guides/setup/'), href).toBeUndefined();
    }
  });
});

describe('edit this page', () => {
  it('uses the edit_url the server found, if it is http(s)', () => {
    expect(editPageHref(entity({}), page({ edit_url: 'https://github.com/o/r/edit/main/docs/a.md' }))).toBe('https://github.com/o/r/edit/main/docs/a.md');
    expect(editPageHref(entity({}), page({ edit_url: 'javascript:alert(1)' }))).toBeUndefined();
  });

  it('derives it from techdocs-ref dir: and where the descriptor lives', () => {
    const e = entity({
      'backstage.io/techdocs-ref': 'dir:./service',
      'backstage.io/managed-by-location': 'url:https://github.com/fernhill/shop/blob/main/catalog-info.yaml',
    });
    expect(editPageHref(e, page({ source: 'docs/guides/setup.md' }))).toBe('https://github.com/fernhill/shop/edit/main/service/docs/guides/setup.md');
    const fromSource = entity({
      'backstage.io/techdocs-ref': 'dir:.',
      'backstage.io/managed-by-location': 'url:http://localhost:8790/components/orders.yaml',
      'backstage.io/source-location': 'url:https://github.com/fernhill/orders/tree/main/',
    });
    expect(editPageHref(fromSource, page({ source: 'docs/index.md' }))).toBe('https://github.com/fernhill/orders/edit/main/docs/index.md');
  });

  it('derives it from techdocs-ref url:, and gives up without a GitHub source', () => {
    const e = entity({ 'backstage.io/techdocs-ref': 'url:https://github.com/o/r/tree/dev/docs-site' });
    expect(editPageHref(e, page({ source: 'docs/a b.md' }))).toBe('https://github.com/o/r/edit/dev/docs-site/docs/a%20b.md');
    expect(editPageHref(entity({ 'backstage.io/techdocs-ref': 'dir:.' }), page({ source: 'docs/a.md' }))).toBeUndefined();
    expect(editPageHref(entity({ 'backstage.io/techdocs-ref': 'dir:.', 'backstage.io/source-location': 'url:https://gitlab.com/o/r/tree/main/' }), page({ source: 'docs/a.md' }))).toBeUndefined();
    expect(editPageHref(e, undefined)).toBeUndefined();
  });

  it('knows which entities have docs', () => {
    expect(hasTechDocs(entity({ 'backstage.io/techdocs-ref': 'dir:.' }))).toBe(true);
    expect(hasTechDocs(entity({ 'backstage.io/techdocs-ref': ' ' }))).toBe(false);
    expect(hasTechDocs(entity({}))).toBe(false);
  });
});

describe('reader URLs', () => {
  const ref = { kind: 'Component', namespace: 'default', name: 'orders' };
  it('uses Backstage’s /docs path for the standalone reader and ?page= on the entity tab', () => {
    expect(docsReaderHref(ref, '')).toBe('/docs/default/component/orders/');
    expect(docsReaderHref(ref, 'guides/set up/', 'a b')).toBe('/docs/default/component/orders/guides/set%20up/#a%20b');
    expect(docsTabHref(ref, '')).toBe('/catalog/default/component/orders/docs');
    expect(docsTabHref(ref, 'guides/setup/', 'install')).toBe('/catalog/default/component/orders/docs?page=guides%2Fsetup%2F#install');
    expect(readerHash('#a%20b')).toBe('a b');
    expect(readerHash('#%E0%A4%A')).toBe('%E0%A4%A');
  });
});

describe('in-site search', () => {
  const sections: DocsSection[] = [
    { pagePath: '', pageTitle: 'Orders', anchor: '', heading: 'Orders', text: 'The orders service stores every order placed in the shop.' },
    { pagePath: 'guides/deploy/', pageTitle: 'Deploying', anchor: 'rollback', heading: 'Rolling back', text: 'To roll back a deploy of orders, run the rollback job.' },
    { pagePath: 'guides/setup/', pageTitle: 'Setup', anchor: 'database', heading: 'Database', text: 'Start Postgres locally before running migrations.' },
  ];

  it('finds sections containing every word, best first, with the matches marked', () => {
    const hits = searchSections(sections, 'rollback orders');
    expect(hits.map((h) => h.section.anchor)).toEqual(['rollback']);
    expect(hits[0]!.snippet.filter((r) => r.hit).map((r) => r.text.toLowerCase())).toEqual(['orders', 'rollback']);
    expect(searchSections(sections, 'orders').map((h) => h.section.pagePath)).toEqual(['', 'guides/deploy/']);
    expect(searchSections(sections, 'kubernetes')).toEqual([]);
    expect(searchSections(sections, '  ')).toEqual([]);
  });

  it('splits terms into words and marks them case-insensitively', () => {
    expect(searchTokens('Roll-back, ORDERS orders')).toEqual(['roll-back', 'orders']);
    expect(markTokens('Orders and orders', ['orders'])).toEqual([
      { text: 'Orders', hit: true },
      { text: ' and ', hit: false },
      { text: 'orders', hit: true },
    ]);
  });
});
