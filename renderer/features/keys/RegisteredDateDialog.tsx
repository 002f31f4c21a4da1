import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useRef, useState } from 'react';
import type { KeySummary } from '../../../main/contracts/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLanguage, useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { DialogActions, KeyDialog } from './KeyDialog';
import { formatDate, oneYearAfter, todayIso } from './key-dates';

/** keys:set-registered: the day the key was posted to Maskinporten; its expiry follows one year later. */
export function RegisteredDateDialog({ keySummary, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const setRegistered = useKeysStore((s) => s.setRegistered);
  const ref = useRef<HTMLInputElement>(null);
  const today = todayIso();
  const [date, setDate] = useState(keySummary.registeredAt ?? today);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const problem = !valid ? 'keys.registeredRequired' : date > today ? 'keys.registeredFuture' : undefined;

  async function save(value: string | null) {
    setBusy(true);
    setError(undefined);
    try {
      await setRegistered(keySummary.id, value);
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (problem) {
      ref.current?.focus();
      return;
    }
    void save(date);
  }

  return (
    <KeyDialog title={t('keys.registeredTitle')} onClose={onClose} testId="registered-dialog" initialFocus={ref}>
      <form className="key-form" onSubmit={submit} noValidate aria-busy={busy}>
        <Paragraph>{t('keys.registeredIntro')}</Paragraph>
        <Textfield
          ref={ref}
          type="date"
          label={t('keys.registeredLabel')}
          value={date}
          max={today}
          onChange={(e) => setDate(e.target.value)}
          error={(submitted || date > today) && problem ? t(problem) : undefined}
          data-testid="registered-date"
        />
        {!problem ? (
          <Paragraph data-size="sm" role="status">
            {t('keys.registeredPreview', { date: formatDate(oneYearAfter(date), lang) })}
          </Paragraph>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
        <DialogActions>
          <Button type="submit" loading={busy} disabled={busy} data-testid="registered-save">
            {t('keys.registeredSave')}
          </Button>
          {keySummary.registeredAt ? (
            <Button variant="secondary" onClick={() => void save(null)} disabled={busy} data-testid="registered-clear">
              {t('keys.registeredClear')}
            </Button>
          ) : null}
          <Button variant="tertiary" onClick={onClose} disabled={busy}>
            {t('keys.cancel')}
          </Button>
        </DialogActions>
      </form>
    </KeyDialog>
  );
}
