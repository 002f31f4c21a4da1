/**
 * Hosts the app may hand to the OS browser: docs and Samarbeidsportalen (issue 3), and Altinn's access
 * management, where a customer approves a system-user request (the `confirmUrl` host in TT02 and
 * production; docs/system-vendors.md).
 */
export const EXTERNAL_HOST_ALLOWLIST = [
  'docs.digdir.no',
  'docs.altinn.studio',
  'samarbeid.digdir.no',
  'am.ui.tt02.altinn.no',
  'am.ui.altinn.no',
] as const;

// Electron security checklist #15: never pass untrusted URLs to shell.openExternal.
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return (EXTERNAL_HOST_ALLOWLIST as readonly string[]).includes(url.hostname);
}
