// No zod here: the renderer imports these values, and zod must stay out of its bundle (it probes eval,
// which the strict CSP refuses; see the browser rule in scripts/check-layers.mjs). Sources: docs/system-vendors.md.

/**
 * The Maskinporten scopes of Altinn's system-user API for vendors (altinn-studio-docs
 * content/api/authentication/systemuserapi/scopes; altinn-authentication src/Core/Constants/AuthzConstants.cs).
 * The system register and the list of a system's system users need `systemregister.write`
 * (`systemregister.admin` is Digdir's own); creating requests needs `systemuser.request.write`;
 * reading them needs `systemuser.request.read`.
 */
export const VENDOR_SCOPES = {
  register: 'altinn:authentication/systemregister.write',
  registerAdmin: 'altinn:authentication/systemregister.admin',
  requestWrite: 'altinn:authentication/systemuser.request.write',
  requestRead: 'altinn:authentication/systemuser.request.read',
} as const;

export const VENDOR_SCOPE_LIST: readonly string[] = Object.values(VENDOR_SCOPES);

/**
 * A request's status as the app names it. Altinn sends `New`, `Accepted`, `Rejected`, `Denied` and
 * `Timedout` (RequestStatus.cs, written with Enum.ToString()); a request not answered in 180 days times out.
 */
export type SystemUserRequestStatus = 'new' | 'accepted' | 'rejected' | 'denied' | 'timed-out';

export const REQUEST_STATUSES: readonly SystemUserRequestStatus[] = [
  'new',
  'accepted',
  'rejected',
  'denied',
  'timed-out',
];

/** Statuses that will not change again by themselves: the customer has answered, or the request expired. */
export function isFinalStatus(status: SystemUserRequestStatus): boolean {
  return status !== 'new';
}

/**
 * How often a new request is read again while it waits for the customer: soon after it is made (the customer
 * may approve at once, e.g. from the QR code), then less and less often. Altinn documents no rate limit for
 * these routes; the backoff keeps a forgotten window from polling every few seconds for half a year.
 */
export const REQUEST_POLL = { firstDelayMs: 4_000, factor: 1.6, maxDelayMs: 60_000 } as const;

/** The wait before poll number `attempt` (0 for the first). */
export function nextPollDelayMs(attempt: number): number {
  const delay = REQUEST_POLL.firstDelayMs * REQUEST_POLL.factor ** Math.max(0, attempt);
  return Math.min(REQUEST_POLL.maxDelayMs, Math.round(delay));
}

/** The attribute id of a single right on a resource in the resource register (system register model). */
export const RESOURCE_ATTRIBUTE = 'urn:altinn:resource';
/** Access packages are named `urn:altinn:accesspackage:<name>` (system register model). */
export const ACCESS_PACKAGE_PREFIX = 'urn:altinn:accesspackage:';
