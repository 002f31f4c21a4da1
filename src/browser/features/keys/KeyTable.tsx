import { Button, Checkbox, Paragraph, Table } from '@digdir/designsystemet-react';
import type { KeySummary } from '../../../common/contract/keys';
import { useLanguage, useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { ExpiryCell } from './ExpiryCell';
import { type KeyAction, KeyActionsMenu } from './KeyActionsMenu';
import { formatDate, todayIso } from './key-dates';
import { SourceLine } from './SourceLine';

/** The stored keys: metadata only (main never sends private material). */
export function KeyTable({
  keys,
  onAction,
  onCopyKid,
}: {
  keys: KeySummary[];
  onAction: (key: KeySummary, action: KeyAction) => void;
  onCopyKid: (key: KeySummary) => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const selected = useKeysStore((s) => s.selected);
  const toggleSelected = useKeysStore((s) => s.toggleSelected);
  const setSelected = useKeysStore((s) => s.setSelected);
  const today = todayIso();
  const allSelected = keys.length > 0 && keys.every((k) => selected.includes(k.id));
  const someSelected = !allSelected && keys.some((k) => selected.includes(k.id));

  return (
    <div className="key-table__scroll">
      <Table className="key-table" data-testid="key-table" data-size="sm" zebra={false}>
        <caption className="key-table__caption">{t('keys.caption')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell className="key-table__select">
              <Checkbox
                aria-label={t('keys.selectAll')}
                checked={allSelected}
                ref={(el) => {
                  if (el) el.indeterminate = someSelected;
                }}
                onChange={() => setSelected(allSelected ? [] : keys.map((k) => k.id))}
                data-size="sm"
              />
            </Table.HeaderCell>
            <Table.HeaderCell className="key-table__name">{t('keys.colName')}</Table.HeaderCell>
            <Table.HeaderCell className="key-table__kid">{t('keys.colKid')}</Table.HeaderCell>
            <Table.HeaderCell>{t('keys.colCreated')}</Table.HeaderCell>
            <Table.HeaderCell>{t('keys.colRegistered')}</Table.HeaderCell>
            <Table.HeaderCell>{t('keys.colExpiry')}</Table.HeaderCell>
            <Table.HeaderCell>
              <span className="ds-sr-only">{t('keys.colActions')}</span>
            </Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {keys.map((k) => (
            <Table.Row key={k.id} data-testid="key-row" data-key-id={k.id}>
              <Table.Cell className="key-table__select">
                <Checkbox
                  aria-label={t('keys.selectKey', { name: k.name })}
                  checked={selected.includes(k.id)}
                  onChange={() => toggleSelected(k.id)}
                  data-size="sm"
                  data-testid="key-select"
                />
              </Table.Cell>
              <Table.Cell>
                <div className="key-cell">
                  <span className="key-name" data-testid="key-name">
                    {k.name}
                  </span>
                  <span className="key-cell__subtle key-algorithm" data-testid="key-algorithm">
                    {t('keys.algorithmBits', { alg: k.alg, bits: k.bits })}
                  </span>
                  <SourceLine keySummary={k} today={today} />
                </div>
              </Table.Cell>
              <Table.Cell>
                <div className="key-kid">
                  <code className="key-kid__value" data-testid="key-kid">
                    {k.kid}
                  </code>
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    onClick={() => onCopyKid(k)}
                    aria-label={t('keys.copyKidLabel', { name: k.name })}
                    data-testid="copy-kid"
                  >
                    {t('keys.copyKid')}
                  </Button>
                </div>
              </Table.Cell>
              <Table.Cell className="key-table__nowrap">{formatDate(k.createdAt, lang)}</Table.Cell>
              <Table.Cell>
                <div className="key-cell" data-testid="registered">
                  {k.registeredAt ? (
                    <span>{formatDate(k.registeredAt, lang)}</span>
                  ) : (
                    <Paragraph data-size="xs" className="key-cell__subtle">
                      {t('keys.notRegistered')}
                    </Paragraph>
                  )}
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    className="key-cell__action"
                    onClick={() => onAction(k, 'registered')}
                    aria-label={t(k.registeredAt ? 'keys.editRegisteredLabel' : 'keys.setRegisteredLabel', {
                      name: k.name,
                    })}
                    data-testid="edit-registered"
                  >
                    {k.registeredAt ? t('keys.editRegistered') : t('keys.setRegistered')}
                  </Button>
                </div>
              </Table.Cell>
              <Table.Cell>
                <ExpiryCell keySummary={k} />
              </Table.Cell>
              <Table.Cell className="key-table__actions">
                <KeyActionsMenu keySummary={k} onAction={(a) => onAction(k, a)} />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
