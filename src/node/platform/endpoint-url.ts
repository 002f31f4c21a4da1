/**
 * The one rule for every endpoint the app talks to: https, or plain http only on this machine's loopback
 * (tests, the local fake, a developer's tunnel) and only where the caller allows it (custom environments).
 * Credentials in a URL and fragments are refused: they would end up in logs or be silently dropped.
 */
export interface EndpointUrlRule {
  allowLoopbackHttp: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Why `value` is not an acceptable endpoint URL, or undefined when it is. */
export function endpointUrlProblem(value: string, rule: EndpointUrlRule): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a valid URL';
  }
  const secure = url.protocol === 'https:';
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (!secure && !(rule.allowLoopbackHttp && loopbackHttp)) {
    return rule.allowLoopbackHttp ? 'must be https (or http on loopback)' : 'must be https';
  }
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.hash) return 'must not contain a #fragment';
  return undefined;
}
