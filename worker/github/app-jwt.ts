import { SignJWT } from 'jose';
import { importAppKey } from './private-key';

// GitHub accepts App JWTs of at most 10 minutes; `iat` is backdated for clock drift, as GitHub advises.
const LIFETIME_S = 9 * 60;
const BACKDATE_S = 60;

/** Signs the JWT that authenticates as the App itself (RS256, `iss` = App id). */
export async function signAppJwt(appId: string, key: CryptoKey, nowMs = Date.now()): Promise<{ jwt: string; expiresAt: number }> {
  const now = Math.floor(nowMs / 1000);
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(appId)
    .setIssuedAt(now - BACKDATE_S)
    .setExpirationTime(now + LIFETIME_S)
    .sign(key);
  return { jwt, expiresAt: (now + LIFETIME_S) * 1000 };
}

/** Keeps one App JWT until a minute before it expires, importing the key once. */
export class AppJwtSource {
  private key?: Promise<CryptoKey>;
  private current?: { jwt: string; expiresAt: number };

  constructor(
    private readonly appId: string,
    private readonly privateKey: string,
  ) {}

  /** A JWT valid for at least another minute. */
  async get(): Promise<string> {
    if (this.current && this.current.expiresAt - 60_000 > Date.now()) return this.current.jwt;
    this.key ??= importAppKey(this.privateKey);
    this.current = await signAppJwt(this.appId, await this.key);
    return this.current.jwt;
  }
}
