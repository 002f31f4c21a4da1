import { Checkbox, Input, Table, Tag } from '@digdir/designsystemet-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import type { InstanceSummary } from '../../../common/contract/instances';
import { formatBytes } from '../../../common/format/bytes';
import { formatDateTime } from '../../../common/format/dates';
import { type T, useLanguage, useT } from '../../hooks/use-t';
import { useInstancesStore } from '../../store/use-instances-store';
import { ownerNumber, ownerText } from './instance-owner';

/** Every row has this height (CSS: .instance-row), so the virtualizer's estimate is exact. */
const ROW_HEIGHT = 44;
/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 40;
const COLUMNS = 9;

/**
 * The instances as a table that stays smooth at tens of thousands of rows: only the rows in view (and a
 * few around them) are in the DOM (@tanstack/react-virtual), between two spacer rows that keep the
 * scroll height right. Scrolling near the end loads Storage's next page.
 */
export function InstanceTable() {
  const t = useT();
  const lang = useLanguage();
  const rows = useInstancesStore((s) => s.rows.value);
  const next = useInstancesStore((s) => s.next);
  const loadingMore = useInstancesStore((s) => s.loadingMore);
  const moreError = useInstancesStore((s) => s.moreError);
  const selected = useInstancesStore((s) => s.selected);
  const allMatching = useInstancesStore((s) => s.allMatching);
  const detailId = useInstancesStore((s) => s.detailId);
  const appId = useInstancesStore((s) => s.applied?.filters.appId ?? '');
  const { setLoadedSelected, loadMore } = useInstancesStore.getState();
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));

  useEffect(() => {
    if (next && !loadingMore && !moreError && lastIndex >= rows.length - PREFETCH_ROWS) void loadMore();
  }, [next, loadingMore, moreError, lastIndex, rows.length, loadMore]);

  const allLoadedSelected = allMatching || (rows.length > 0 && selected.size >= rows.length);

  return (
    <div className="instance-table__scroll" ref={scrollRef} data-testid="instances-scroll">
      <Table
        data-size="sm"
        stickyHeader
        className="instance-table"
        data-testid="instances-table"
        aria-rowcount={next ? -1 : rows.length + 1}
      >
        <caption className="ds-sr-only">{t('instances.tableCaption', { app: appId })}</caption>
        <colgroup>
          <col className="instance-table__col-select" />
          <col className="instance-table__col-owner" />
          <col className="instance-table__col-date" />
          <col className="instance-table__col-date" />
          <col className="instance-table__col-task" />
          <col className="instance-table__col-complete" />
          <col className="instance-table__col-confirmed" />
          <col className="instance-table__col-files" />
          <col className="instance-table__col-size" />
        </colgroup>
        <Table.Head>
          <Table.Row aria-rowindex={1}>
            <Table.HeaderCell>
              <Checkbox
                aria-label={t('instances.selectLoaded')}
                checked={allLoadedSelected}
                disabled={rows.length === 0}
                onChange={(e) => setLoadedSelected(e.target.checked)}
                data-testid="select-loaded"
              />
            </Table.HeaderCell>
            <Table.HeaderCell>{t('instances.colOwner')}</Table.HeaderCell>
            <Table.HeaderCell>{t('instances.colCreated')}</Table.HeaderCell>
            <Table.HeaderCell>{t('instances.colChanged')}</Table.HeaderCell>
            <Table.HeaderCell>{t('instances.colTask')}</Table.HeaderCell>
            <Table.HeaderCell>{t('instances.colComplete')}</Table.HeaderCell>
            <Table.HeaderCell>{t('instances.colConfirmed')}</Table.HeaderCell>
            <Table.HeaderCell className="instance-table__number">{t('instances.colFiles')}</Table.HeaderCell>
            <Table.HeaderCell className="instance-table__number">{t('instances.colSize')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {paddingTop > 0 ? <Spacer height={paddingTop} /> : null}
          {items.map((item) => {
            const row = rows[item.index] as InstanceSummary;
            return (
              <InstanceRow
                key={row.id}
                row={row}
                index={item.index}
                checked={allMatching || selected.has(row.id)}
                open={detailId === row.id}
                t={t}
                lang={lang}
              />
            );
          })}
          {paddingBottom > 0 ? <Spacer height={paddingBottom} /> : null}
        </Table.Body>
      </Table>
    </div>
  );
}

/** Stands in for the rows above or below the window, so the scrollbar matches the whole list. */
function Spacer({ height }: { height: number }) {
  return (
    <tr className="instance-table__spacer">
      <td colSpan={COLUMNS} aria-hidden="true" style={{ height }} />
    </tr>
  );
}

/**
 * One row; memoized and kept light (a bare Designsystemet Input, not Checkbox with its Field), because
 * every scroll step renders a few dozen of them.
 */
const InstanceRow = memo(function InstanceRow({
  row,
  index,
  checked,
  open,
  t,
  lang,
}: {
  row: InstanceSummary;
  index: number;
  checked: boolean;
  open: boolean;
  t: T;
  lang: 'nb' | 'en';
}) {
  const { toggle, openDetail } = useInstancesStore.getState();
  const owner = ownerText(row.instanceOwner, row.id, t);
  const status = row.isHardDeleted
    ? t('instances.statusHardDeleted')
    : row.isSoftDeleted
      ? t('instances.statusSoftDeleted')
      : row.isArchived
        ? t('instances.statusArchived')
        : undefined;
  return (
    <Table.Row
      className="instance-row"
      data-testid="instance-row"
      data-instance-id={row.id}
      data-selected={checked || undefined}
      data-open={open || undefined}
      aria-rowindex={index + 2}
      aria-selected={checked}
    >
      <Table.Cell>
        <Input
          type="checkbox"
          aria-label={t('instances.selectRow', { owner })}
          checked={checked}
          onChange={() => toggle(row.id)}
        />
      </Table.Cell>
      <Table.Cell className="instance-table__owner">
        <button
          type="button"
          className="instance-table__open"
          onClick={() => void openDetail(row.id)}
          aria-label={t('instances.openDetails', { owner })}
          title={row.id}
          data-testid="instance-open"
        >
          {ownerNumber(row.instanceOwner, row.id)}
        </button>
        {status ? (
          <Tag data-size="sm" data-color="warning" className="instance-table__status">
            {status}
          </Tag>
        ) : null}
      </Table.Cell>
      <Table.Cell>{formatDateTime(row.created, lang)}</Table.Cell>
      <Table.Cell>{formatDateTime(row.lastChanged, lang)}</Table.Cell>
      <Table.Cell title={row.currentTask ?? undefined}>
        {row.currentTask ?? (row.isComplete ? t('instances.ended') : '')}
      </Table.Cell>
      <Table.Cell>{row.isComplete ? t('instances.yes') : t('instances.no')}</Table.Cell>
      <Table.Cell title={row.confirmations.map((c) => c.stakeholderId).join(', ') || undefined}>
        {row.confirmations.length ? row.confirmations.map((c) => c.stakeholderId).join(', ') : t('instances.none')}
      </Table.Cell>
      <Table.Cell className="instance-table__number">{row.dataCount}</Table.Cell>
      <Table.Cell className="instance-table__number">{formatBytes(row.totalSize, lang)}</Table.Cell>
    </Table.Row>
  );
});
