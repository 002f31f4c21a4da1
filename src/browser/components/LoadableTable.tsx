import { Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import type { Loadable } from '../store/load-state';
import { ErrorAlert } from './ErrorAlert';
import { LoadingState } from './LoadingState';

/**
 * A list read from main, shown as a table: the error with a retry when the read failed, a spinner while the
 * first read runs, `empty` when there is nothing, else a row per item. A reload keeps the rows already read.
 */
export function LoadableTable<T>({
  list,
  failedHeading,
  loadingLabel,
  onRetry,
  empty,
  className,
  columns,
  actionsColumn,
  row,
}: {
  list: Loadable<T[]>;
  failedHeading: string;
  loadingLabel: string;
  onRetry(): void;
  /** What stands in for the table when the list is empty. */
  empty: ReactNode;
  className: string;
  /** The column headings, in order. */
  columns: string[];
  /** The heading of a last column of buttons per row: read by screen readers, not shown. */
  actionsColumn?: string;
  /** One `<Table.Row>`, with its key, for an item. */
  row(item: T): ReactNode;
}) {
  const { status, error, value: items } = list;
  if (status === 'failed') return <ErrorAlert error={error} heading={failedHeading} onRetry={onRetry} />;
  if (status === 'loading' && items.length === 0) return <LoadingState label={loadingLabel} />;
  if (items.length === 0) return <>{empty}</>;
  return (
    <Table data-size="sm" className={className}>
      <Table.Head>
        <Table.Row>
          {columns.map((column) => (
            <Table.HeaderCell key={column}>{column}</Table.HeaderCell>
          ))}
          {actionsColumn ? (
            <Table.HeaderCell>
              <span className="ds-sr-only">{actionsColumn}</span>
            </Table.HeaderCell>
          ) : null}
        </Table.Row>
      </Table.Head>
      <Table.Body>{items.map((item) => row(item))}</Table.Body>
    </Table>
  );
}
