import type { Config } from '../../config';
import { base64ToBytes, bytesToBase64 } from '../../lib/base64';

/**
 * Seals a running task's secrets before they are stored: AES-GCM under a key derived (HKDF) from
 * the portal's secret, so a copy of the database taken while a task runs does not give them away.
 */
export class SecretBox {
  private key?: Promise<CryptoKey>;

  constructor(private readonly secret: string) {}

  private cryptoKey(): Promise<CryptoKey> {
    this.key ??= (async () => {
      const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(this.secret), 'HKDF', false, ['deriveKey']);
      return crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode('greenroom-scaffolder'), info: new TextEncoder().encode('task secrets') },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    return this.key;
  }

  /** The secrets as one opaque string (`iv.ciphertext`, base64). */
  async seal(secrets: Record<string, string>): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await this.cryptoKey(), new TextEncoder().encode(JSON.stringify(secrets))));
    return `${bytesToBase64(iv)}.${bytesToBase64(sealed)}`;
  }

  /** The secrets back; none when they were sealed under another key (the portal's secret changed). */
  async open(sealed: string): Promise<Record<string, string>> {
    const [iv, data] = sealed.split('.').map(base64ToBytes);
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv! }, await this.cryptoKey(), data!);
      return JSON.parse(new TextDecoder().decode(plain)) as Record<string, string>;
    } catch {
      return {};
    }
  }
}

const boxes = new Map<string, SecretBox>();

/** The box for this portal: keyed by AUTH_SESSION_SECRET (else the cursor secret), shared within the isolate. */
export function taskSecretBox(config: Config): SecretBox {
  const secret = config.auth.sessionSecret ?? config.cursorSecret;
  let box = boxes.get(secret);
  if (!box) boxes.set(secret, (box = new SecretBox(secret)));
  return box;
}
