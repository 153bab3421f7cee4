import { gzipSync, zipSync } from 'fflate';
import { createTar } from 'nanotar';
import { describe, expect, it } from 'vitest';
import { checkDocsEntity, checkSitePath, decodeSitePath, siteKey } from '../../worker/techdocs/paths';
import { unpackArchive } from '../../worker/techdocs/upload/archive';
import { readTar } from '../../worker/techdocs/upload/tar';
import { contentOf } from '../../worker/techdocs/upload/uploaded';

const enc = new TextEncoder();

/** A raw ustar header block for a member named exactly `name` (no normalisation), of `type`. */
function tarBlock(name: string, type: string, data: Uint8Array = new Uint8Array()): Uint8Array {
  const header = new Uint8Array(512);
  header.set(enc.encode(name).slice(0, 100), 0);
  header.set(enc.encode('0000644\0'), 100);
  header.set(enc.encode(`${data.byteLength.toString(8).padStart(11, '0')}\0`), 124);
  header.set(enc.encode(type), 156);
  header.set(enc.encode('ustar\u000000'), 257);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  header.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
  const body = new Uint8Array(Math.ceil(data.byteLength / 512) * 512);
  body.set(data);
  const out = new Uint8Array(512 + body.byteLength);
  out.set(header);
  out.set(body, 512);
  return out;
}
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0) + 1024);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

describe('site paths', () => {
  it('maps folders to their index.html and keeps ordinary paths', () => {
    expect(checkSitePath('')).toBe('index.html');
    expect(checkSitePath('guides/')).toBe('guides/index.html');
    expect(checkSitePath('img/a b.png')).toBe('img/a b.png');
    expect(checkSitePath('café/index.html')).toBe('café/index.html');
    expect(decodeSitePath('guides/caf%C3%A9/')).toBe('guides/café/index.html');
  });

  it.each([
    ['..', 'a ".." segment'],
    ['a/../b', 'a ".." segment'],
    ['a/./b', 'a "." segment'],
    ['a//b', 'an empty segment'],
    ['/etc/passwd', 'an absolute path'],
    ['a\\b', 'a backslash'],
    ['a%2e%2e', 'a percent sign (encoded characters are not accepted)'],
    ['a/\u0000b', 'a control, invisible or look-alike character'],
    ['a/\u202eb', 'a control, invisible or look-alike character'],
    ['a/\u200bb', 'a control, invisible or look-alike character'],
    ['\uff0e\uff0e/x', 'a control, invisible or look-alike character'],
    ['a\u2215b', 'a control, invisible or look-alike character'],
    ['cafe\u0301', 'characters that are not in Unicode normal form C'],
    ['x'.repeat(256), 'a segment longer than 255 characters'],
    [`${'a/'.repeat(520)}x`, 'a path longer than 1024 characters'],
  ])('refuses %j', (path, problem) => {
    expect(() => checkSitePath(path)).toThrow(`Documentation path contains ${problem}`);
  });

  it('decodes exactly once, refusing encoded separators and malformed escapes', () => {
    expect(() => decodeSitePath('a%2Fb')).toThrow('encoded slash');
    expect(() => decodeSitePath('a%5Cb')).toThrow('encoded slash');
    expect(() => decodeSitePath('%252e%252e/x')).toThrow('percent sign');
    expect(() => decodeSitePath('%E0%A4%A')).toThrow('malformed percent escape');
    expect(() => decodeSitePath('%2e%2e/x')).toThrow('".." segment');
  });

  it('validates and lowercases the entity triplet, building keys only from checked parts', () => {
    expect(checkDocsEntity('Default', 'Component', 'Check_Out.v2')).toEqual({ namespace: 'default', kind: 'component', name: 'check_out.v2' });
    expect(siteKey(checkDocsEntity('default', 'component', 'x'), 'a/')).toBe('default/component/x/a/index.html');
    for (const [ns, kind, name] of [['..', 'component', 'x'], ['default', 'comp/onent', 'x'], ['default', 'component', '../x'], ['default', 'component', 'x\u202e'], ['dé', 'component', 'x'], ['default', 'a.b', 'x'], ['default', 'component', '']]) {
      expect(() => checkDocsEntity(ns!, kind!, name!), `${ns}/${kind}/${name}`).toThrow(/^Invalid (namespace|kind|name)/);
    }
  });
});

describe('uploaded archives', () => {
  it('reads member names exactly as written, with PAX and GNU long names', () => {
    const long = `deep/${'x'.repeat(150)}.html`;
    // A PAX record counts its own length digits, the space and the newline.
    const pax = enc.encode(`${`path=${long}`.length + 5} path=${long}\n`);
    // Each long name replaces the name of the member after it.
    const tar = concat(tarBlock('PaxHeader', 'x', pax), tarBlock('short.html', '0', enc.encode('<p>a</p>')), tarBlock('././@LongLink', 'L', enc.encode(`../${long}\0`)), tarBlock('cut', '0'), tarBlock('dir/', '5'), tarBlock('link', '2'));
    expect(readTar(tar).map((m) => [m.name, m.type])).toEqual([
      [long, 'file'],
      [`../${long}`, 'file'],
      ['dir/', 'directory'],
      ['link', '2'],
    ]);
  });

  it('unpacks tar.gz and zip, dropping a leading ./ and skipping folders', () => {
    const files = { 'index.html': enc.encode('<p>x</p>'), 'img/a.png': new Uint8Array([1, 2]) };
    const tar = unpackArchive(gzipSync(createTar([{ name: './img/' }, ...Object.entries(files).map(([name, data]) => ({ name: `./${name}`, data }))])));
    expect([...tar.keys()].sort()).toEqual(['img/a.png', 'index.html']);
    expect(tar.get('img/a.png')).toEqual(new Uint8Array([1, 2]));
    expect([...unpackArchive(zipSync(files)).keys()].sort()).toEqual(['img/a.png', 'index.html']);
  });

  it('refuses traversal, links, duplicates, non-archives and empty archives', () => {
    const gz = (...blocks: Uint8Array[]) => gzipSync(concat(...blocks));
    expect(() => unpackArchive(gz(tarBlock('../x.html', '0')))).toThrow('Archive entry "../x.html" has a ".." segment');
    expect(() => unpackArchive(gz(tarBlock('/abs.html', '0')))).toThrow('has an absolute path');
    expect(() => unpackArchive(gz(tarBlock('a/\u202e.html', '0')))).toThrow('control, invisible or look-alike');
    expect(() => unpackArchive(gz(tarBlock('link.html', '2')))).toThrow('is not a regular file');
    expect(() => unpackArchive(gz(tarBlock('hard.html', '1')))).toThrow('is not a regular file');
    expect(() => unpackArchive(gz(tarBlock('a.html', '0'), tarBlock('./a.html', '0')))).toThrow('appears twice');
    expect(() => unpackArchive(zipSync({ '../up.html': enc.encode('x') }))).toThrow('has a ".." segment');
    expect(() => unpackArchive(enc.encode('plain text'))).toThrow('tar.gz or zip');
    expect(() => unpackArchive(gz(tarBlock('dir/', '5')))).toThrow('contains no files');
    expect(() => unpackArchive(gzipSync(enc.encode('not a tar, but gzip')))).toThrow('not a valid tar file (truncated)');
    expect(() => unpackArchive(gzipSync(enc.encode('x'.repeat(2048))))).toThrow('not a valid tar file (bad header checksum)');
  });

  it('takes the MkDocs article out of a themed page, nested articles and all', () => {
    expect(contentOf('<body><nav>n</nav><article class="md-content__inner md-typeset"><p>a</p><article>inner</article><p>b</p></article><footer>f</footer></body>')).toBe('<p>a</p><article>inner</article><p>b</p>');
    expect(contentOf('<html><body><main><p>m</p></main></body></html>')).toBe('<p>m</p>');
    expect(contentOf('<p>fragment</p>')).toBe('<p>fragment</p>');
  });
});
