import { Alert, Fieldset, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useRef, useState } from 'react';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { FormFooter, KeyDialog } from './KeyDialog';
import { kidProblem, nameProblem } from './key-validation';
import { useDialogForm } from './use-dialog-form';

type Bits = 2048 | 3072 | 4096;
const BIT_CHOICES: Bits[] = [2048, 3072, 4096];

/** keys:generate: a name, a key size (2048 by default) and an optional kid (empty: main's default rule). */
export function GenerateKeyDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const generate = useKeysStore((s) => s.generate);
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [bits, setBits] = useState<Bits>(2048);
  const [kid, setKid] = useState('');
  const form = useDialogForm(onClose);

  const nameError = nameProblem(name);
  const kidError = kidProblem(kid.trim());
  // The kid is checked while typing (a forbidden character is a mistake at once); the name only on submit.
  const showNameError = form.submitted && nameError;

  function submit(event: FormEvent) {
    form.submit(
      event,
      !nameError && !kidError,
      () => generate({ name: name.trim(), bits, ...(kid.trim() ? { kid: kid.trim() } : {}) }),
      () => (nameError ? nameRef.current : document.getElementById('generate-kid')),
    );
  }

  return (
    <KeyDialog title={t('keys.generateTitle')} onClose={onClose} testId="generate-dialog" initialFocus={nameRef}>
      <form className="key-form" onSubmit={submit} noValidate aria-busy={form.busy}>
        <Paragraph data-size="sm">{t('keys.generateIntro')}</Paragraph>
        <Textfield
          ref={nameRef}
          label={t('keys.nameLabel')}
          description={t('keys.nameHelp')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={showNameError ? t(nameError) : undefined}
          maxLength={120}
          autoComplete="off"
          data-testid="generate-name"
        />
        <Fieldset>
          <Fieldset.Legend>{t('keys.bitsLegend')}</Fieldset.Legend>
          <Fieldset.Description>{t('keys.bits2048Help')}</Fieldset.Description>
          <div className="key-bits">
            {BIT_CHOICES.map((b) => (
              <Radio
                key={b}
                name="bits"
                value={String(b)}
                checked={bits === b}
                onChange={() => setBits(b)}
                label={b === 2048 ? t('keys.bits2048') : b === 3072 ? t('keys.bits3072') : t('keys.bits4096')}
              />
            ))}
          </div>
        </Fieldset>
        {bits !== 2048 ? (
          <Alert data-color="warning" data-size="sm">
            <Paragraph data-size="sm">{t('keys.bitsLargeWarning')}</Paragraph>
          </Alert>
        ) : null}
        <Textfield
          id="generate-kid"
          label={`${t('keys.kidLabel')} ${t('keys.optional')}`}
          description={
            <>
              {t('keys.kidHelp')}
              <span className="key-rule">{t('keys.kidRule')}</span>
            </>
          }
          value={kid}
          onChange={(e) => setKid(e.target.value)}
          error={kidError ? t(kidError) : undefined}
          className="key-form__mono"
          autoComplete="off"
          spellCheck={false}
          data-testid="generate-kid"
        />
        <FormFooter
          error={form.error}
          busy={form.busy}
          submitLabel={form.busy ? t('keys.generating') : t('keys.generateSubmit')}
          submitTestId="generate-submit"
          onCancel={onClose}
        />
      </form>
    </KeyDialog>
  );
}
