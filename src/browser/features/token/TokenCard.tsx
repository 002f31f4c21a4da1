import { Alert, Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { GrantAuth, TokenClaims, TokenKind, TokenWarning } from '../../../common/contract/token-status';
import { errorTexts } from '../../../common/i18n/errors';
import { type T, useLanguage, useT } from '../../hooks/use-t';
import { useTokenStore } from '../../store/use-token-store';
import { ClaimList } from './ClaimList';
import { type Countdown, countdown } from './countdown';
import { ExpiryCountdown } from './ExpiryCountdown';
import { formatClock } from './format-time';
import { TokenErrorAlert } from './TokenErrorAlert';
import { useNow } from './use-now';

export interface TokenCardProps {
  kind: TokenKind;
  claims: TokenClaims;
  expiresAt: string;
  obtainedAt: string;
  auth?: GrantAuth;
  warnings: TokenWarning[];
  /** Requested scopes Maskinporten did not grant (Maskinporten card only). */
  missingScopes?: string[];
}

type Tone = 'success' | 'warning' | 'danger' | 'info';

function statusTag(t: T, left: Countdown, live: string | undefined): { text: string; tone: Tone } {
  if (live === 'fetching') return { text: t('token.statusFetching'), tone: 'info' };
  if (live === 'failed') return { text: t('token.statusFailed'), tone: 'danger' };
  if (left.state === 'expired') return { text: t('token.statusExpired'), tone: 'danger' };
  if (left.state === 'warning') return { text: t('token.statusExpiring'), tone: 'warning' };
  return { text: t('token.statusValid'), tone: 'success' };
}

/** One token: what it is, how long it lives (live), what it says, its warnings, and "Copy token". */
export function TokenCard(props: TokenCardProps) {
  const t = useT();
  const lang = useLanguage();
  const now = useNow(1000);
  const live = useTokenStore((s) => s.kindStatus[props.kind]);
  const copying = useTokenStore((s) => s.copying === props.kind);
  const copied = useTokenStore((s) => (s.copied?.which === props.kind ? s.copied : undefined));
  const copyError = useTokenStore((s) => (s.copyError?.which === props.kind ? s.copyError.error : undefined));
  const copy = useTokenStore((s) => s.copy);
  const left = countdown(Date.parse(props.expiresAt), now);
  const tag = statusTag(t, left, live?.status);
  const title = t(props.kind === 'altinn' ? 'token.altinnTitle' : 'token.maskinportenTitle');

  return (
    <Card className="token-card" data-testid={`token-card-${props.kind}`} data-state={left.state}>
      <Card.Block className="token-card__head">
        <div className="token-card__title">
          <Heading level={3} data-size="sm">
            {title}
          </Heading>
          <Tag data-color={tag.tone} data-size="sm" data-testid={`token-status-${props.kind}`}>
            {tag.text}
          </Tag>
        </div>
        <Paragraph data-size="sm" className="token-muted">
          {t(props.kind === 'altinn' ? 'token.altinnAbout' : 'token.maskinportenAbout')}{' '}
          {t('token.obtainedAt', { time: formatClock(new Date(props.obtainedAt), lang) })}
        </Paragraph>
        <ExpiryCountdown left={left} kind={props.kind} />
      </Card.Block>
      {props.missingScopes?.length ? (
        <Card.Block>
          <Alert data-color="warning" data-size="sm" data-testid={`missing-scopes-${props.kind}`}>
            <Heading level={4} data-size="2xs">
              {t('token.missingScopesTitle')}
            </Heading>
            <Paragraph data-size="sm">
              {t('token.missingScopesList', { scopes: props.missingScopes.join(', ') })}
            </Paragraph>
            <Paragraph data-size="sm">{errorTexts.MASKINPORTEN_SCOPE_NOT_ALLOWED?.[lang].hint}</Paragraph>
          </Alert>
        </Card.Block>
      ) : null}
      {props.warnings.map((w) => {
        const text = errorTexts[w.code]?.[lang];
        return (
          <Card.Block key={w.code}>
            <Alert data-color="warning" data-size="sm" data-testid="token-warning" data-warning-code={w.code}>
              <Heading level={4} data-size="2xs">
                {text?.title ?? w.message}
              </Heading>
              {text?.hint ? <Paragraph data-size="sm">{text.hint}</Paragraph> : null}
            </Alert>
          </Card.Block>
        );
      })}
      <Card.Block>
        <ClaimList kind={props.kind} claims={props.claims} auth={props.auth} />
      </Card.Block>
      <Card.Block className="token-card__actions">
        <Button
          variant="secondary"
          data-size="sm"
          onClick={() => void copy(props.kind)}
          disabled={copying || left.state === 'expired'}
          aria-busy={copying}
          data-testid={`copy-${props.kind}`}
        >
          {copying ? t('token.copying') : t('token.copy')}
        </Button>
        <span role="status" className="token-card__copied" data-testid={`copied-${props.kind}`}>
          {copied ? t('token.copied', { time: formatClock(new Date(copied.expiresAt), lang) }) : null}
        </span>
        {copyError ? (
          <TokenErrorAlert
            error={copyError}
            heading={t('token.copyErrorHeading')}
            testId={`copy-error-${props.kind}`}
          />
        ) : null}
      </Card.Block>
    </Card>
  );
}
