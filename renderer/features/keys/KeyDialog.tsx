import { Dialog, Heading } from '@digdir/designsystemet-react';
import { type ReactNode, type RefObject, useEffect, useId } from 'react';
import { useT } from '../../hooks/use-t';

/**
 * The frame of every Keys dialog: a modal native <dialog> with a heading it is labelled by. It is mounted
 * only while open; `initialFocus` takes focus once the dialog is shown (the Dialog's own effect opens it,
 * and a child's effect runs before its parent's).
 */
export function KeyDialog({
  title,
  onClose,
  children,
  testId,
  initialFocus,
  danger,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  initialFocus?: RefObject<HTMLElement | null>;
  danger?: boolean;
}) {
  const t = useT();
  const titleId = useId();
  useEffect(() => {
    initialFocus?.current?.focus();
  }, [initialFocus]);
  return (
    <Dialog
      open
      onClose={onClose}
      closeButton={t('keys.close')}
      aria-labelledby={titleId}
      data-testid={testId}
      className={danger ? 'key-dialog key-dialog--danger' : 'key-dialog'}
    >
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={titleId}>
          {title}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>{children}</Dialog.Block>
    </Dialog>
  );
}

/** The row of buttons at the foot of a dialog form: the main action first, then Cancel. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="key-dialog__actions">{children}</div>;
}
