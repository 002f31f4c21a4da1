import { useT } from '../../hooks/use-t';
import type { Countdown } from './countdown';

/**
 * The live time left of a token: calm while over a minute, a warning under 60 s, "utløpt" at zero.
 * Not a live region on purpose: a screen reader reads it when asked, not every second.
 */
export function ExpiryCountdown({ left, kind }: { left: Countdown; kind: string }) {
  const t = useT();
  const expired = left.state === 'expired';
  return (
    <div
      className={`token-countdown token-countdown--${left.state}`}
      data-testid={`countdown-${kind}`}
      data-state={left.state}
    >
      <span className="token-countdown__label">{t('token.expiresIn')}</span>
      <span className="token-countdown__time" data-testid={`countdown-${kind}-time`}>
        {expired ? t('token.expiredNow') : left.text}
      </span>
      {expired ? <span className="token-countdown__help">{t('token.expiredHelp')}</span> : null}
    </div>
  );
}
