import type { FormHTMLAttributes, ReactNode } from 'react';

/**
 * A form whose submit runs `onSubmit` in the page (no navigation) and whose fields the code checks itself,
 * so the browser's own validation bubbles are off (noValidate): errors show beside the fields, in the
 * app's words and language.
 */
export function ActionForm({
  onSubmit,
  children,
  ...attributes
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate'> & {
  onSubmit(): unknown;
  children: ReactNode;
}) {
  return (
    <form
      {...attributes}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
