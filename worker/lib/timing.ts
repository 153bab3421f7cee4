import type { MiddlewareHandler } from 'hono';

/** Accumulates time spent per phase of one request, for the `Server-Timing` header. */
export class Timing {
  private readonly start = performance.now();
  private readonly spent = new Map<string, number>();

  /** Runs `fn`, adding its duration to phase `name`. */
  async measure<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.spent.set(name, (this.spent.get(name) ?? 0) + performance.now() - t0);
    }
  }

  /** The header value: every phase plus `total`. */
  header(): string {
    const parts = [...this.spent].map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`);
    parts.push(`total;dur=${(performance.now() - this.start).toFixed(2)}`);
    return parts.join(', ');
  }
}

/** Wraps every method of `target` that returns a promise so its time counts as phase `name`. */
export function timed<T extends object>(target: T, timing: Timing, name: string): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(obj, args);
        return result instanceof Promise ? timing.measure(name, () => result) : result;
      };
    },
  });
}

/** Gives each request a `Timing` and adds `Server-Timing` to every response. */
export function serverTiming(): MiddlewareHandler<{ Variables: { timing: Timing } }> {
  return async (c, next) => {
    const timing = new Timing();
    c.set('timing', timing);
    await next();
    c.res.headers.set('Server-Timing', timing.header());
  };
}
