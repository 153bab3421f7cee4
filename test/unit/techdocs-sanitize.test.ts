import { describe, expect, it } from 'vitest';
import { buildSite } from '../../worker/techdocs/render/build';
import { safeUrl, sanitizeDocsHtml } from '../../worker/techdocs/sanitize';
import { normalizeUploadedSite } from '../../worker/techdocs/upload/uploaded';

// Payloads in HTML, as they could appear raw in Markdown or in an uploaded page.
const HTML_CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.test/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" ONERROR="alert(1)">',
  '<img src=x onerror\t=alert(1)>',
  '<img/src=x/onerror=alert(1)>',
  '<body onload=alert(1)>',
  '<div onmouseover="alert(1)">hover</div>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="jav&#x61;script&colon;alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<style>@import "javascript:alert(1)";</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="expression(alert(1))">x</p>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=import href=//evil.test>',
  '<template><script>alert(1)</script></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<!--<script>alert(1)</script>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<a href="#" onclick="alert(1)">x</a>',
  '<table background="javascript:alert(1)"><td>x</td></table>',
  '<isindex action=javascript:alert(1) type=image>',
  '<textarea><script>alert(1)</script></textarea>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<a href=x class="x" id="y" title="t" onclick=alert(1)>ok</a>',
];

// Payloads only Markdown can carry.
const MARKDOWN_CORPUS = [
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](data:text/html,<script>alert(1)</script>)',
  '![x](javascript:alert(1))',
  '![x](x" onerror="alert(1))',
  '[x](<javascript:alert(1)>)',
  '<javascript:alert(1)>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '!!! note "<img src=x onerror=alert(1)>"\n    body',
  '# <img src=x onerror=alert(1)>',
  '| a |\n|---|\n| <svg onload=alert(1)> |',
];

/** The sanitized part of a stored page (the document shell around it is the server's own). */
const articleOf = (page: string) => page.slice(page.indexOf('<article'), page.lastIndexOf('</article>'));

/** What must never be in sanitized output: anything that can run code. */
function expectInert(html: string): void {
  // Every tag that is left, with its attributes (quoted values are text and may say anything).
  for (const [tag] of html.matchAll(/<[a-z](?:[^>"]|"[^"]*")*>/gi)) {
    const names = [...tag.replace(/^<[a-z0-9]+/i, '').matchAll(/\s*([^\s=>"]+)(?:\s*=\s*"[^"]*")?/g)].map((m) => m[1]!.toLowerCase());
    expect(names.filter((n) => n.startsWith('on')), tag).toEqual([]);
    expect(tag, tag).not.toMatch(/^<(script|svg|math|iframe|object|embed|form|button|style|meta|base|link|template|textarea|xmp|isindex|video|audio|source|animate|body|noscript)\b/i);
    expect(tag, tag).not.toMatch(/\s(srcdoc|formaction|xlink:href|background|action)\s*=/i);
    for (const [, value] of tag.matchAll(/\s(?:href|src)="([^"]*)"/gi)) {
      const decoded = value!.replace(/&#x?([0-9a-f]+);?/gi, (_, n: string) => String.fromCharCode(parseInt(n, /x/i.test(_) ? 16 : 10))).replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      expect(decoded, tag).not.toMatch(/^(javascript|vbscript|data:text|data:image\/svg)/);
    }
    const style = /\sstyle="([^"]*)"/i.exec(tag)?.[1];
    if (style !== undefined) expect(style).toMatch(/^text-align:(left|right|center)$/);
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('XSS corpus', () => {
  it.each(HTML_CORPUS)('the sanitizer neutralises %s', (payload) => {
    expectInert(sanitizeDocsHtml(payload));
    expectInert(sanitizeDocsHtml(`<p>before</p>${payload}<p>after</p>`));
  });

  it('runs the whole corpus through the Markdown renderer (raw HTML allowed, as MkDocs does)', async () => {
    const pages = Object.fromEntries([...HTML_CORPUS, ...MARKDOWN_CORPUS].map((p, i) => [`docs/p${i}.md`, enc.encode(`# Page ${i}\n\nText before.\n\n${p}\n\nText after.\n`)]));
    const site = await buildSite(new Map([...Object.entries(pages), ['docs/index.md', enc.encode('# Home')]]), { defaultSiteName: 'xss' });
    let checked = 0;
    for (const [path, data] of site.files) {
      if (!path.endsWith('.html')) continue;
      const html = dec.decode(data);
      expectInert(articleOf(html));
      expect(html).toContain('</article></body></html>');
      checked++;
    }
    expect(checked).toBe(HTML_CORPUS.length + MARKDOWN_CORPUS.length + 1);
    // Code blocks show the payload as (highlighted) text.
    const fence = articleOf(dec.decode(site.files.get(`p${HTML_CORPUS.length + 9}/index.html`)));
    expect(fence).toContain('<code class="hljs language-html">');
    expect(fence).toContain('&lt;<span class="hljs-name">script</span>&gt;');
  });

  it('runs the whole corpus through the upload normalizer, inside MkDocs chrome', () => {
    const files = new Map<string, Uint8Array>();
    HTML_CORPUS.forEach((payload, i) => {
      files.set(`p${i}/index.html`, enc.encode(`<html><head><title>P${i}</title><script>alert(0)</script></head><body><article class="md-content__inner md-typeset"><h1 id="p">P</h1>${payload}</article></body></html>`));
    });
    files.set('raw.html', enc.encode(HTML_CORPUS.join('\n')));
    const site = normalizeUploadedSite(files, { defaultSiteName: 'upload', etag: 'e' });
    for (const [path, data] of site.files) if (path.endsWith('.html')) expectInert(articleOf(dec.decode(data)));
    // Titles and TOC entries come out as plain text, never markup.
    expect(JSON.stringify(site.nav)).not.toMatch(/<script|onerror/i);
  });

  it('keeps the safe parts of documentation markup', () => {
    expect(sanitizeDocsHtml('<a href="../x/#y" title="t">a</a><img src="img/a.png" alt="A" width="10"><code class="hljs language-ts">x</code><kbd>K</kbd><details><summary>S</summary>D</details>')).toBe(
      '<a href="../x/#y" title="t">a</a><img src="img/a.png" alt="A" width="10"><code class="hljs language-ts">x</code><kbd>K</kbd><details><summary>S</summary>D</details>',
    );
    expect(sanitizeDocsHtml('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe('<img src="data:image/png;base64,iVBORw0KGgo=">');
  });

  it('accepts only http(s), mailto and relative URLs (and raster data: images)', () => {
    expect(safeUrl('https://a.test/x', 'link')).toBe('https://a.test/x');
    expect(safeUrl('mailto:a@b.c', 'link')).toBe('mailto:a@b.c');
    expect(safeUrl('mailto:a@b.c', 'image')).toBeUndefined();
    expect(safeUrl('../a b.png', 'image')).toBe('../ab.png');
    expect(safeUrl('java\nscript:alert(1)', 'link')).toBeUndefined();
    expect(safeUrl('&#x6a;avascript:alert(1)', 'link')).toBeUndefined();
    expect(safeUrl('\\\\evil.test/x', 'link')).toBeUndefined();
    expect(safeUrl('data:image/png;base64,AAAA', 'link')).toBeUndefined();
  });
});
