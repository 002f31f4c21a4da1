import { Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useRef, useState } from 'react';
import { useT } from '../../hooks/use-t';
import { FormFooter, KeyDialog } from './KeyDialog';

/**
 * Asked when main answers KEY_PASSWORD_REQUIRED or KEY_WRONG_PASSWORD for a file (encrypted PEM, .p12).
 * The password goes to main with the path and is not kept anywhere.
 */
export function ImportPasswordDialog({
  fileName,
  wrongPassword,
  busy,
  onSubmit,
  onClose,
}: {
  fileName: string;
  wrongPassword: boolean;
  busy: boolean;
  onSubmit: (password: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const ref = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [empty, setEmpty] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setEmpty(true);
      ref.current?.focus();
      return;
    }
    onSubmit(password);
  }

  return (
    <KeyDialog
      title={t('keys.importPasswordTitle')}
      onClose={onClose}
      testId="import-password-dialog"
      initialFocus={ref}
    >
      <form className="key-form" onSubmit={submit} noValidate aria-busy={busy}>
        <Paragraph>{t('keys.importPasswordBody', { file: fileName })}</Paragraph>
        <Textfield
          ref={ref}
          type="password"
          label={t('keys.importPassword')}
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setEmpty(false);
          }}
          error={empty ? t('keys.passphraseRequired') : wrongPassword ? t('keys.importWrongPassword') : undefined}
          autoComplete="off"
          data-testid="import-password"
        />
        <FormFooter
          busy={busy}
          submitLabel={busy ? t('keys.importing') : t('keys.importSubmit')}
          submitTestId="import-password-submit"
          onCancel={onClose}
        />
      </form>
    </KeyDialog>
  );
}
