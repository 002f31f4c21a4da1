import type { ConsoleMessage, Page } from 'playwright-core';

/** Everything a page did wrong during a test: a test fails on any of these. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  blockedRequests: string[];
}

export function emptyProblems(): PageProblems {
  return { consoleErrors: [], pageErrors: [], cspViolations: [], blockedRequests: [] };
}

/** Chromium reports a CSP block on the console as well as through `securitypolicyviolation`. */
export function isCspMessage(text: string): boolean {
  return /Content Security Policy/i.test(text);
}

/**
 * Chromium's notice that `frame-ancestors` has no effect in a <meta> CSP. Not a violation: the
 * directive is kept in renderer/index.html for defence in depth and for the day it is sent as a header.
 */
export function isMetaOnlyNotice(text: string): boolean {
  return /directive 'frame-ancestors' is ignored when delivered via a <meta> element/.test(text);
}

export function watchPage(page: Page, problems: PageProblems): void {
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (isMetaOnlyNotice(text)) return;
    (isCspMessage(text) ? problems.cspViolations : problems.consoleErrors).push(text);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(`${error.name}: ${error.message}`));
}

export function describeProblems(problems: PageProblems): string | undefined {
  const lines = [
    ...problems.cspViolations.map((p) => `CSP violation: ${p}`),
    ...problems.pageErrors.map((p) => `page error: ${p}`),
    ...problems.consoleErrors.map((p) => `console error: ${p}`),
    ...problems.blockedRequests.map((p) => `request outside 127.0.0.1 blocked: ${p}`),
  ];
  return lines.length ? lines.join('\n') : undefined;
}

export function assertNoProblems(problems: PageProblems): void {
  const text = describeProblems(problems);
  if (text) throw new Error(`The page reported problems:\n${text}`);
}
