import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import type { KeySummary, PublicJwk } from '../../../common/contract/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { DialogActions, KeyDialog } from './KeyDialog';

/** keys:export-public-jwk shown read-only; Copy copies in main (keys:copy-public-jwk), Save goes through keys:export. */
export function PublicJwkDialog({ keySummary, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const t = useT();
  const publicJwk = useKeysStore((s) => s.publicJwk);
  const copyPublicJwk = useKeysStore((s) => s.copyPublicJwk);
  const exportKeys = useKeysStore((s) => s.exportKeys);
  const copyRef = useRef<HTMLButtonElement>(null);
  const [jwk, setJwk] = useState<PublicJwk>();
  const [copied, setCopied] = useState(false);
  // One error line for the JWK that would not load and for a copy or save that failed.
  const { busy, error, setError, run: runAction } = useBusyAction();
  /** Which button the busy state belongs to. */
  const [pending, setPending] = useState<'copy' | 'save'>('copy');

  useEffect(() => {
    let live = true;
    publicJwk(keySummary.id).then(
      (value) => {
        if (!live) return;
        setJwk(value);
        // The copy button exists only now; give it focus so Enter copies.
        requestAnimationFrame(() => copyRef.current?.focus());
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [keySummary.id, publicJwk, setError]);

  async function run(kind: 'copy' | 'save') {
    setPending(kind);
    await runAction(async () => {
      if (kind === 'copy') {
        await copyPublicJwk(keySummary.id);
        setCopied(true);
      } else if (await exportKeys({ ids: [keySummary.id], format: 'public-jwk' })) {
        onClose();
      }
    });
  }

  return (
    <KeyDialog title={t('keys.jwkTitle', { name: keySummary.name })} onClose={onClose} testId="jwk-dialog">
      <div className="key-form">
        <Paragraph>{t('keys.jwkIntro')}</Paragraph>
        {jwk ? (
          <figure className="key-code-figure">
            <figcaption className="ds-sr-only">{t('keys.jwkCodeLabel')}</figcaption>
            <pre className="key-code" data-testid="jwk-json">
              <code>{JSON.stringify(jwk, null, 2)}</code>
            </pre>
          </figure>
        ) : error ? null : (
          <LoadingState label={t('keys.jwkLoading')} />
        )}
        {error ? <ErrorAlert error={error} /> : null}
        <DialogActions>
          <Button
            ref={copyRef}
            onClick={() => void run('copy')}
            disabled={!jwk || busy}
            loading={busy && pending === 'copy'}
            data-testid="jwk-copy"
          >
            {copied ? t('keys.jwkCopied') : t('keys.jwkCopy')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => void run('save')}
            disabled={!jwk || busy}
            loading={busy && pending === 'save'}
            data-testid="jwk-save"
          >
            {t('keys.jwkSave')}
          </Button>
          <Button variant="tertiary" onClick={onClose}>
            {t('keys.close')}
          </Button>
        </DialogActions>
        <span className="ds-sr-only" role="status">
          {copied ? t('keys.noticeCopiedJwk') : ''}
        </span>
      </div>
    </KeyDialog>
  );
}
