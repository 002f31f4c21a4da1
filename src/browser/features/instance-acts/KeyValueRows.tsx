import { Button, Input } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useT } from '../../hooks/use-t';

export interface KeyValueRow {
  id: number;
  key: string;
  value: string;
}

let nextRowId = 1;

/** A new empty row (ids only tell the rows apart for React). */
export function emptyRow(key = '', value = ''): KeyValueRow {
  return { id: nextRowId++, key, value };
}

/** The rows as a map: empty keys left out, the last of a repeated key wins (the form marks repeats). */
export function rowsToMap(rows: readonly KeyValueRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows) if (row.key.trim() !== '') out[row.key.trim()] = row.value;
  return out;
}

/**
 * Key/value rows to edit a flat map (prefill, presentation texts, data values): a row per entry, a button to
 * add one and one to remove each. `errorOf` marks a row (a path that is not a path, a repeated key).
 */
export function KeyValueRows({
  rows,
  onChange,
  keyLabel,
  valueLabel,
  addLabel,
  removeLabel,
  errorOf,
  actions,
  testId,
}: {
  rows: readonly KeyValueRow[];
  onChange(rows: KeyValueRow[]): void;
  keyLabel: string;
  valueLabel: string;
  addLabel: string;
  removeLabel(key: string): string;
  errorOf?: (row: KeyValueRow) => string | undefined;
  /** More buttons beside "add" (say, read the rows from a file). */
  actions?: ReactNode;
  testId: string;
}) {
  const t = useT();
  const update = (id: number, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <div className="acts-rows" data-testid={testId}>
      {rows.length > 0 ? (
        <div className="acts-rows__head" aria-hidden="true">
          <span>{keyLabel}</span>
          <span>{valueLabel}</span>
        </div>
      ) : null}
      {rows.map((row) => {
        const error = errorOf?.(row);
        return (
          <div key={row.id} className="acts-rows__row" data-testid={`${testId}-row`}>
            <Input
              aria-label={keyLabel}
              value={row.key}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              onChange={(e) => update(row.id, { key: e.target.value })}
              data-testid={`${testId}-key`}
            />
            <Input
              aria-label={valueLabel}
              value={row.value}
              autoComplete="off"
              onChange={(e) => update(row.id, { value: e.target.value })}
              data-testid={`${testId}-value`}
            />
            <Button
              type="button"
              variant="tertiary"
              data-size="sm"
              aria-label={removeLabel(row.key || t('acts.key'))}
              onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
            >
              ✕
            </Button>
            {error ? (
              <span className="acts-rows__error" role="alert">
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
      <div className="button-row">
        <Button
          type="button"
          variant="secondary"
          data-size="sm"
          onClick={() => onChange([...rows, emptyRow()])}
          data-testid={`${testId}-add`}
        >
          {addLabel}
        </Button>
        {actions}
      </div>
    </div>
  );
}
