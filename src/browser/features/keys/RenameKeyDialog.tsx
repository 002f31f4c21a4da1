import { Textfield } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import type { KeySummary } from '../../../common/contract/keys';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { FormFooter, KeyDialog } from './KeyDialog';
import { nameProblem } from './key-validation';
import { useDialogForm } from './use-dialog-form';

export function RenameKeyDialog({ keySummary, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const t = useT();
  const rename = useKeysStore((s) => s.rename);
  const ref = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(keySummary.name);
  const form = useDialogForm(onClose);
  const problem = nameProblem(name);

  return (
    <KeyDialog title={t('keys.renameTitle')} onClose={onClose} testId="rename-dialog" initialFocus={ref}>
      <form
        className="key-form"
        onSubmit={(event) =>
          form.submit(
            event,
            !problem,
            () => rename(keySummary.id, name.trim()),
            () => ref.current,
          )
        }
        noValidate
        aria-busy={form.busy}
      >
        <Textfield
          ref={ref}
          label={t('keys.nameLabel')}
          description={t('keys.renameHelp')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={form.submitted && problem ? t(problem) : undefined}
          autoComplete="off"
          data-testid="rename-name"
        />
        <FormFooter
          error={form.error}
          busy={form.busy}
          submitLabel={t('keys.renameSubmit')}
          submitTestId="rename-submit"
          onCancel={onClose}
        />
      </form>
    </KeyDialog>
  );
}
