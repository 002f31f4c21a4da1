/**
 * The renderer's Content Security Policy, in one place: the app:// handler sends it as a response header on
 * every response (window.ts), and the build writes it into index.html's meta tag (electron.vite.config.ts,
 * through `withContentSecurityPolicy`). The header is what reaches pdf.js's worker, which a meta tag in the
 * page does not govern (issue 17, finding 12); the meta tag keeps the policy where the page is served
 * without our handler (the Chromium test harness, `npm run dev`).
 *
 * Only main talks to the network (connect-src 'none'); scripts and styles come from the app itself, never
 * inline, never eval or WebAssembly (pdf.js 6 compiles no code at run time); data: only for images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `npm run dev` only: Vite's dev server injects <style> tags and talks to the page over a websocket on
 * localhost. Builds never use this.
 */
export function developmentContentSecurityPolicy(): string {
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "connect-src 'none'",
    "connect-src 'self' ws://localhost:* http://localhost:*",
  );
}

/** The placeholder index.html carries in its CSP meta tag until the build fills it in. */
export const CSP_PLACEHOLDER = '%MPD_CONTENT_SECURITY_POLICY%';

/** index.html with the policy in its meta tag; throws if the tag's placeholder is missing (a build must not ship without it). */
export function withContentSecurityPolicy(html: string, policy: string = CONTENT_SECURITY_POLICY): string {
  if (!html.includes(`content="${CSP_PLACEHOLDER}"`)) {
    throw new Error(`index.html has no Content-Security-Policy meta tag with content="${CSP_PLACEHOLDER}"`);
  }
  return html.replace(`content="${CSP_PLACEHOLDER}"`, `content="${policy}"`);
}

/** The headers of every app:// response, the not-found ones included. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  };
}
