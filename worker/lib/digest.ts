const encoder = new TextEncoder();

/** Lowercase hexadecimal of some bytes. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** The hex digest of text (UTF-8) or bytes: content hashes, etags, stored token hashes. */
export async function hexDigest(algorithm: 'SHA-1' | 'SHA-256', data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return toHex(new Uint8Array(await crypto.subtle.digest(algorithm, bytes as Uint8Array<ArrayBuffer>)));
}
