import { Alert, Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import type { ApprovalQr, SystemUserRequestInfo } from '../../../common/contract/systems';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';
import { QrCode } from './QrCode';

/**
 * The approval link for the customer: to copy (in main: the window has no clipboard), to open in the
 * browser (only Altinn's approval hosts are on the allowlist), or as a QR code for a phone.
 */
export function ApprovalLinkDialog({ request, onClose }: { request?: SystemUserRequestInfo; onClose(): void }) {
  const t = useT();
  const approvalQr = useSystemsStore((s) => s.approvalQr);
  const copyLink = useSystemsStore((s) => s.copyLink);
  const openLink = useSystemsStore((s) => s.openLink);
  const [qr, setQr] = useState<ApprovalQr>();
  const [qrError, setQrError] = useState<unknown>();
  const [copied, setCopied] = useState(false);
  const { busy, error, run, setError } = useBusyAction();
  const url = request?.confirmUrl;

  useEffect(() => {
    setQr(undefined);
    setQrError(undefined);
    setCopied(false);
    setError(undefined);
    if (!url) return;
    let current = true;
    approvalQr(url).then(
      (made) => current && setQr(made),
      (e: unknown) => current && setQrError(e),
    );
    return () => {
      current = false;
    };
  }, [url, approvalQr, setError]);

  return (
    <AppDialog
      open={request !== undefined}
      title={t('systems.linkTitle', { org: request?.partyOrgNo ?? '' })}
      onClose={onClose}
      testId="systems-link-dialog"
      bodyClassName="dialog-body systems-link"
      closedby="any"
    >
      <Paragraph>{t('systems.linkBody')}</Paragraph>
      <Textfield label={t('systems.linkLabel')} value={url ?? ''} readOnly data-testid="systems-link-url" />
      <div className="button-row">
        <Button
          data-size="sm"
          disabled={busy || !url}
          onClick={() =>
            void run(async () => {
              if (url) await copyLink(url);
              setCopied(true);
            })
          }
          data-testid="systems-link-copy"
        >
          {copied ? t('systems.linkCopied') : t('systems.linkCopy')}
        </Button>
        <Button
          data-size="sm"
          variant="secondary"
          disabled={busy || !url || !request?.confirmUrlOpenable}
          onClick={() => void run(async () => url && openLink(url))}
          data-testid="systems-link-open"
        >
          {t('systems.linkOpen')}
        </Button>
      </div>
      {request && !request.confirmUrlOpenable ? (
        <Alert data-color="info" data-size="sm">
          <Paragraph>{t('systems.linkNotOpenable')}</Paragraph>
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      {qrError ? (
        <ErrorAlert error={qrError} />
      ) : qr ? (
        <figure className="systems-qr">
          <QrCode qr={qr} label={t('systems.qrLabel')} />
          <figcaption className="systems-muted">{t('systems.qrHelp')}</figcaption>
        </figure>
      ) : (
        <LoadingState label={t('systems.qrLoading')} />
      )}
    </AppDialog>
  );
}
