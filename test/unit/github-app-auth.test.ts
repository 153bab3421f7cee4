import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { AppJwtSource, signAppJwt } from '../../worker/github/app-jwt';
import { importAppKey, pkcs1ToPkcs8, PrivateKeyError } from '../../worker/github/private-key';

const PKCS1 = readFileSync(new URL('../fixtures/github-app/private-key.pem', import.meta.url), 'utf8');
const PUBLIC = createPublicKey(readFileSync(new URL('../fixtures/github-app/public-key.pem', import.meta.url), 'utf8'));

describe('the App private key', () => {
  it('wraps PKCS#1 into exactly the PKCS#8 DER that OpenSSL produces', () => {
    for (const bits of [1024, 2048, 4096]) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
      const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'der' });
      const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
      expect(Buffer.from(pkcs1ToPkcs8(new Uint8Array(pkcs1))).equals(pkcs8), `${bits} bits`).toBe(true);
    }
  });

  it('imports the PKCS#1 PEM GitHub issues, PKCS#8, and a key pasted with \\r\\n line ends', async () => {
    const pkcs8 = createPrivateKey(PKCS1).export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const pem of [PKCS1, pkcs8, PKCS1.replace(/\n/g, '\r\n')]) {
      const key = await importAppKey(pem);
      expect(key.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5' });
    }
  });

  it('refuses anything else without repeating the key in the message', async () => {
    await expect(importAppKey('not a key')).rejects.toBeInstanceOf(PrivateKeyError);
    const garbage = '-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWJ1dC1ub3Qta2V5\n-----END RSA PRIVATE KEY-----';
    const error = (await importAppKey(garbage).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(PrivateKeyError);
    expect(error.message).not.toContain('c2VjcmV0');
  });
});

describe('the App JWT', () => {
  it('is RS256, issued by the App id, backdated a minute and valid under ten minutes', async () => {
    const now = Date.now();
    const { jwt, expiresAt } = await signAppJwt('4242', await importAppKey(PKCS1), now);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'RS256', typ: 'JWT' });
    const claims = decodeJwt(jwt);
    expect(claims.iss).toBe('4242');
    expect(claims.iat).toBe(Math.floor(now / 1000) - 60);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(600);
    expect(expiresAt).toBe(claims.exp! * 1000);
    await expect(jwtVerify(jwt, PUBLIC, { issuer: '4242' })).resolves.toBeTruthy();
  });

  it('is reused until a minute before it expires', async () => {
    const source = new AppJwtSource('4242', PKCS1);
    const first = await source.get();
    expect(await source.get()).toBe(first);
  });
});
