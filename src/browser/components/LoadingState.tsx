import { Paragraph, Spinner } from '@digdir/designsystemet-react';

export function LoadingState({ label }: { label: string }) {
  return (
    <div className="state state--loading" role="status" aria-live="polite" data-testid="loading">
      <Spinner aria-hidden data-size="md" />
      <Paragraph>{label}</Paragraph>
    </div>
  );
}
