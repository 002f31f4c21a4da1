/** Hosts the app may hand to the OS browser (issue 3: docs and Samarbeidsportalen only). */
export const EXTERNAL_HOST_ALLOWLIST = ['docs.digdir.no', 'docs.altinn.studio', 'samarbeid.digdir.no'] as const;

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
