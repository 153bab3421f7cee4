import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Collects what went wrong in a test's pages: uncaught errors, and with `csp` Content Security Policy violations. */
export class PageProblems {
  private seen: string[] = [];

  constructor(private readonly options: { csp?: boolean } = {}) {}

  /** Starts recording `page`'s problems; returns the page. */
  watch(page: Page): Page {
    page.on('pageerror', (error) => this.seen.push(error.message));
    if (this.options.csp) {
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) this.seen.push(message.text());
      });
    }
    return page;
  }

  /** Fails the test when anything was recorded (`what` names it), then starts afresh for the next test. */
  expectNone(what: string): void {
    expect(this.seen, what).toEqual([]);
    this.seen = [];
  }
}
