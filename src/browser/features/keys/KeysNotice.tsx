import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { ApiError } from '../../api';
import { useErrorText, useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';

/** The last confirmation (saved, copied, imported …) in a polite live region, with import warnings explained. */
export function KeysNotice() {
  const t = useT();
  const text = useErrorText();
  const notice = useKeysStore((s) => s.notice);
  const dismiss = useKeysStore((s) => s.dismissNotice);
  return (
    <div aria-live="polite" className="keys-notice">
      {notice ? (
        <Alert data-color={notice.tone} data-testid="keys-notice" data-tone={notice.tone}>
          <div className="keys-notice__body">
            <div>
              <Paragraph className="keys-notice__text">{t(notice.message, notice.params)}</Paragraph>
              {notice.warnings?.length ? (
                <ul className="keys-notice__warnings" data-testid="import-warnings">
                  {notice.warnings.map((w) => {
                    // Warnings carry a code like errors do; the catalogue has their title and hint.
                    const shown = text(new ApiError({ code: w.code, message: w.message }));
                    return (
                      <li key={w.code} data-warning-code={w.code}>
                        <strong>{shown.title}</strong>
                        {shown.hint ? ` ${shown.hint}` : ''}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </div>
            <Button variant="tertiary" data-size="sm" onClick={dismiss} data-testid="keys-notice-dismiss">
              {t('keys.dismiss')}
            </Button>
          </div>
        </Alert>
      ) : null}
    </div>
  );
}
