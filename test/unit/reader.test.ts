import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUrlReader, ReaderError, type ReaderErrorCode } from '../../worker/catalog/ingest/reader';

type Handler = (url: string, init?: RequestInit) => Response | Promise<Response>;

let handler: Handler;
const fetched: string[] = [];

beforeEach(() => {
  fetched.length = 0;
  handler = () => new Response('kind: Component\n');
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    fetched.push(input);
    return handler(input, init);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const github = createUrlReader({ allowedHosts: ['github.com', 'GHE.Example.com'], allowLocalUrls: false });

async function failure(run: Promise<unknown>): Promise<ReaderError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReaderError);
  return error as ReaderError;
}

async function expectCode(run: Promise<unknown>, code: ReaderErrorCode): Promise<ReaderError> {
  const error = await failure(run);
  expect(error.code).toBe(code);
  return error;
}

function redirect(location: string, status = 302): Response {
  return new Response(null, { status, headers: { location } });
}

describe('createUrlReader: allow-list', () => {
  it('reads github.com file URLs from raw.githubusercontent.com, without following redirects blindly', async () => {
    let init: RequestInit | undefined;
    handler = (_, i) => {
      init = i;
      return new Response('hello');
    };
    await expect(github.read('https://github.com/acme/repo/blob/main/dir/catalog-info.yaml')).resolves.toBe('hello');
    await expect(github.read('https://github.com/acme/repo/tree/v1.2/catalog-info.yaml')).resolves.toBe('hello');
    expect(fetched).toEqual([
      'https://raw.githubusercontent.com/acme/repo/main/dir/catalog-info.yaml',
      'https://raw.githubusercontent.com/acme/repo/v1.2/catalog-info.yaml',
    ]);
    expect(init?.redirect).toBe('manual');
  });

  it('reads other allowed hosts as they are, matching hosts case-insensitively', async () => {
    await github.read('https://ghe.example.com/raw/acme/repo/main/x.yaml');
    await github.read('https://GITHUB.com/acme/repo/raw/main/x.yaml');
    expect(fetched).toEqual(['https://ghe.example.com/raw/acme/repo/main/x.yaml', 'https://github.com/acme/repo/raw/main/x.yaml']);
  });

  it.each([
    'https://evil.example/catalog-info.yaml',
    'https://github.com@evil.example/acme/repo/blob/main/x.yaml',
    'https://user:pass@github.com/acme/repo/blob/main/x.yaml',
    'https://github.com.evil.example/x.yaml',
    'https://evil.example/github.com/acme/repo/blob/main/x.yaml',
    'http://github.com/acme/repo/blob/main/x.yaml',
    'https://github.com:8443/acme/repo/blob/main/x.yaml',
    'ftp://github.com/x.yaml',
    'file:///etc/passwd',
    'http://localhost:8787/catalog-info.yaml',
    'http://127.0.0.1/catalog-info.yaml',
    'http://169.254.169.254/latest/meta-data',
    'not a url',
    './relative.yaml',
  ])('refuses %s without fetching anything', async (url) => {
    const error = await expectCode(github.read(url), 'not-allowed');
    expect(error.url).toBe(url);
    expect(error.message).not.toMatch(/pass/);
    expect(fetched).toEqual([]);
  });

  it('reads localhost and 127.0.0.1, over http or https, only when local URLs are allowed', async () => {
    const local = createUrlReader({ allowedHosts: [], allowLocalUrls: true });
    await local.read('http://localhost:8787/catalog-info.yaml');
    await local.read('https://127.0.0.1/catalog-info.yaml');
    expect(fetched).toEqual(['http://localhost:8787/catalog-info.yaml', 'https://127.0.0.1/catalog-info.yaml']);
    await expectCode(local.read('https://github.com/acme/repo/blob/main/x.yaml'), 'not-allowed');
    await expectCode(local.read('http://localhost.evil.example/x.yaml'), 'not-allowed');
  });
});

describe('createUrlReader: redirects', () => {
  it('follows redirects on the same origin and to allowed hosts', async () => {
    handler = (url) => {
      if (url.endsWith('/old.yaml')) return redirect('/acme/repo/main/new.yaml', 301);
      if (url.endsWith('/new.yaml')) return redirect('https://ghe.example.com/final.yaml');
      return new Response('final');
    };
    await expect(github.read('https://github.com/acme/repo/blob/main/old.yaml')).resolves.toBe('final');
    expect(fetched).toEqual([
      'https://raw.githubusercontent.com/acme/repo/main/old.yaml',
      'https://raw.githubusercontent.com/acme/repo/main/new.yaml',
      'https://ghe.example.com/final.yaml',
    ]);
  });

  it.each([
    'https://evil.example/x.yaml',
    'https://github.com@evil.example/x.yaml',
    'http://raw.githubusercontent.com/acme/repo/main/x.yaml',
    'http://localhost/x.yaml',
  ])('refuses a redirect to %s', async (location) => {
    handler = () => redirect(location);
    const error = await expectCode(github.read('https://github.com/acme/repo/blob/main/x.yaml'), 'not-allowed');
    expect(error.message).toMatch(/redirects to .* which is not an allowed host/);
    expect(fetched).toHaveLength(1);
  });

  it('gives up on redirect loops', async () => {
    handler = () => redirect('/again');
    await expectCode(github.read('https://github.com/acme/repo/blob/main/x.yaml'), 'fetch-failed');
    expect(fetched.length).toBeLessThanOrEqual(6);
  });
});

describe('createUrlReader: responses', () => {
  it('maps 404 to not-found and other failures to fetch-failed', async () => {
    handler = () => new Response('no', { status: 404 });
    await expectCode(github.read('https://github.com/acme/repo/blob/main/x.yaml'), 'not-found');
    handler = () => new Response('busy', { status: 503 });
    expect((await expectCode(github.read('https://github.com/acme/repo/blob/main/x.yaml'), 'fetch-failed')).message).toMatch(/HTTP 503/);
    handler = () => {
      throw new TypeError('network down');
    };
    expect((await expectCode(github.read('https://github.com/acme/repo/blob/main/x.yaml'), 'fetch-failed')).message).toMatch(/network down/);
  });

  it('refuses a body over the limit from its content-length, without reading it', async () => {
    const small = createUrlReader({ allowedHosts: ['github.com'], allowLocalUrls: false, maxBytes: 10 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(5));
      },
    });
    handler = () => new Response(body, { headers: { 'content-length': '5000000' } });
    await expectCode(small.read('https://github.com/acme/repo/blob/main/x.yaml'), 'too-large');
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops streaming a body once it passes the limit, whatever the headers say', async () => {
    const small = createUrlReader({ allowedHosts: ['github.com'], allowLocalUrls: false, maxBytes: 1024 });
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(256).fill(0x61));
      },
      cancel() {
        cancelled = true;
      },
    });
    handler = () => new Response(endless);
    await expectCode(small.read('https://github.com/acme/repo/blob/main/x.yaml'), 'too-large');
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(10);
  });

  it('refuses a 5 MB descriptor with the default limit', async () => {
    handler = () => new Response(new Uint8Array(5 * 1024 * 1024).fill(0x61));
    await expectCode(github.read('https://github.com/acme/repo/blob/main/big.yaml'), 'too-large');
  });

  it('refuses a body that is not UTF-8', async () => {
    handler = () => new Response(new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe]));
    await expectCode(github.read('https://github.com/acme/repo/blob/main/x.yaml'), 'invalid-utf8');
  });
});
