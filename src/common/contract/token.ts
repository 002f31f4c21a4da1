import { z } from 'zod';
import { channel } from './define';
import type { DoctorReport, TokenKind, TokenSummary } from './token-status';

const profileId = z.string().min(1).max(64);
const tokenKind = z.enum(['maskinporten', 'altinn']);

/** Tokens stay in main: the renderer gets decoded claims, expiry and status, and copying happens in main. */
export const tokenChannels = {
  'token:get': channel<TokenSummary>()(
    z.strictObject({ profileId, altinn: z.boolean().default(true), forceRefresh: z.boolean().default(false) }),
  ),
  'token:cached': channel<TokenSummary | null>()(z.strictObject({ profileId })),
  'token:copy': channel<{ copied: true; which: TokenKind; expiresAt: string }>()(
    z.strictObject({ profileId, which: tokenKind }),
  ),
  'token:doctor': channel<DoctorReport>()(z.strictObject({ profileId })),
  'token:clear': channel<{ cleared: true }>()(z.strictObject({ profileId: profileId.optional() })),
};
