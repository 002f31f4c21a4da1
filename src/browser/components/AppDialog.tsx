import { Dialog, Heading } from '@digdir/designsystemet-react';
import { type ReactNode, useId } from 'react';
import { useT } from '../hooks/use-t';

/**
 * The frame every modal dialog of the app shares: a native <dialog> labelled by its level-2 heading, a
 * close button, and one body block (`bodyClassName` lays out what is inside).
 */
export function AppDialog({
  open,
  title,
  onClose,
  testId,
  className,
  bodyClassName,
  closedby,
  children,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  testId: string;
  className?: string;
  bodyClassName?: string;
  /** "any": a click outside closes it too (for dialogs that only show something). */
  closedby?: 'any';
  children: ReactNode;
}) {
  const t = useT();
  const titleId = useId();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      closeButton={t('shell.close')}
      closedby={closedby}
      aria-labelledby={titleId}
      data-testid={testId}
      className={className}
    >
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={titleId}>
          {title}
        </Heading>
      </Dialog.Block>
      <Dialog.Block className={bodyClassName}>{children}</Dialog.Block>
    </Dialog>
  );
}
