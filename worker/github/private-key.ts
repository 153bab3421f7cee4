import { base64ToBytes } from '../lib/base64';

/**
 * The App's private key as a Web Crypto signing key. GitHub issues PKCS#1 PEM
 * (`BEGIN RSA PRIVATE KEY`), which Web Crypto cannot import; it is the inner part of PKCS#8,
 * so it is wrapped in the PKCS#8 envelope here rather than asking admins to convert it.
 */

// SEQUENCE { OID rsaEncryption (1.2.840.113549.1.1.1), NULL }
const RSA_ALGORITHM_IDENTIFIER = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
const VERSION_0 = [0x02, 0x01, 0x00];

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function derTag(tag: number, content: Uint8Array): Uint8Array {
  const header = [tag, ...derLength(content.length)];
  const out = new Uint8Array(header.length + content.length);
  out.set(header);
  out.set(content, header.length);
  return out;
}

/** Wraps a PKCS#1 RSAPrivateKey (DER) into a PKCS#8 PrivateKeyInfo (DER). */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  const octets = derTag(0x04, pkcs1);
  const body = new Uint8Array(VERSION_0.length + RSA_ALGORITHM_IDENTIFIER.length + octets.length);
  body.set(VERSION_0);
  body.set(RSA_ALGORITHM_IDENTIFIER, VERSION_0.length);
  body.set(octets, VERSION_0.length + RSA_ALGORITHM_IDENTIFIER.length);
  return derTag(0x30, body);
}

/** Why a configured private key cannot be used (its content is never part of the message). */
export class PrivateKeyError extends Error {
  override name = 'PrivateKeyError';
}

function pemBody(pem: string, label: string): Uint8Array | undefined {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!match?.[1]) return undefined;
  try {
    return base64ToBytes(match[1].replace(/\s+/g, ''));
  } catch {
    throw new PrivateKeyError(`GITHUB_APP_PRIVATE_KEY: the ${label} block is not valid base64`);
  }
}

/** Imports a PKCS#1 or PKCS#8 PEM RSA key for RS256 signing. */
export async function importAppKey(pem: string): Promise<CryptoKey> {
  const pkcs8 = pemBody(pem, 'PRIVATE KEY') ?? (() => {
    const pkcs1 = pemBody(pem, 'RSA PRIVATE KEY');
    return pkcs1 && pkcs1ToPkcs8(pkcs1);
  })();
  if (!pkcs8) throw new PrivateKeyError('GITHUB_APP_PRIVATE_KEY is not a PEM "RSA PRIVATE KEY" or "PRIVATE KEY"');
  try {
    return await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  } catch {
    throw new PrivateKeyError('GITHUB_APP_PRIVATE_KEY could not be imported as an RSA key');
  }
}
