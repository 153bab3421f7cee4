import { Webhooks } from '@octokit/webhooks';

const verifiers = new Map<string, Webhooks>();

function verifier(secret: string): Webhooks {
  let webhooks = verifiers.get(secret);
  if (!webhooks) {
    webhooks = new Webhooks({ secret });
    verifiers.set(secret, webhooks);
  }
  return webhooks;
}

/**
 * Whether `X-Hub-Signature-256` is the HMAC-SHA256 of the raw body under one of the secrets
 * (the current one, or the previous one during a rotation). Checked with Web Crypto's
 * constant-time verify; anything that is not `sha256=<64 hex>` fails without being looked at.
 */
export async function verifySignature(secrets: string[], body: string, signature: string | undefined): Promise<boolean> {
  if (!signature || !/^sha256=[0-9a-f]{64}$/i.test(signature) || body.length === 0) return false;
  for (const secret of secrets) {
    if (await verifier(secret).verify(body, signature)) return true;
  }
  return false;
}
