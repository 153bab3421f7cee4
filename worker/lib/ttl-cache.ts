/** A small in-isolate cache: entries expire after `ttlMs`, and the oldest go first past `max`. */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}

  /** The value, unless absent or expired. */
  get(key: K, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until > now) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Stores a value for `ttlMs` from now. */
  set(key: K, value: V, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: now + this.ttlMs });
    // Maps iterate in insertion order, so the first key is the oldest.
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as K);
  }

  /** Forgets every entry whose value matches. */
  deleteWhere(match: (value: V) => boolean): void {
    for (const [key, { value }] of this.entries) if (match(value)) this.entries.delete(key);
  }
}
