import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import type { KeySummary } from '../../../common/contract/keys';
import { useLanguage, useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { FormFooter, KeyDialog } from './KeyDialog';
import { formatDate, oneYearAfter, todayIso } from './key-dates';
import { useDialogForm } from './use-dialog-form';

/** keys:set-registered: the day the key was posted to Maskinporten; its expiry follows one year later. */
export function RegisteredDateDialog({ keySummary, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const setRegistered = useKeysStore((s) => s.setRegistered);
  const ref = useRef<HTMLInputElement>(null);
  const today = todayIso();
  const [date, setDate] = useState(keySummary.registeredAt ?? today);
  const form = useDialogForm(onClose);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const problem = !valid ? 'keys.registeredRequired' : date > today ? 'keys.registeredFuture' : undefined;

  return (
    <KeyDialog title={t('keys.registeredTitle')} onClose={onClose} testId="registered-dialog" initialFocus={ref}>
      <form
        className="key-form"
        onSubmit={(event) =>
          form.submit(
            event,
            !problem,
            () => setRegistered(keySummary.id, date),
            () => ref.current,
          )
        }
        noValidate
        aria-busy={form.busy}
      >
        <Paragraph>{t('keys.registeredIntro')}</Paragraph>
        <Textfield
          ref={ref}
          type="date"
          label={t('keys.registeredLabel')}
          value={date}
          max={today}
          onChange={(e) => setDate(e.target.value)}
          error={(form.submitted || date > today) && problem ? t(problem) : undefined}
          data-testid="registered-date"
        />
        {!problem ? (
          <Paragraph data-size="sm" role="status">
            {t('keys.registeredPreview', { date: formatDate(oneYearAfter(date), lang) })}
          </Paragraph>
        ) : null}
        <FormFooter
          error={form.error}
          busy={form.busy}
          submitLabel={t('keys.registeredSave')}
          submitTestId="registered-save"
          onCancel={onClose}
          cancelVariant="tertiary"
        >
          {keySummary.registeredAt ? (
            <Button
              variant="secondary"
              onClick={() => void form.run(() => setRegistered(keySummary.id, null))}
              disabled={form.busy}
              data-testid="registered-clear"
            >
              {t('keys.registeredClear')}
            </Button>
          ) : null}
        </FormFooter>
      </form>
    </KeyDialog>
  );
}
