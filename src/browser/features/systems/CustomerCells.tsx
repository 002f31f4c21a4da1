import { Table } from '@digdir/designsystemet-react';
import type { SystemUserKind } from '../../../common/contract/systems';
import { type T, useT } from '../../hooks/use-t';

/** The headings of the columns CustomerCells fills, in its order. */
export function customerColumns(t: T): string[] {
  return [t('systems.colCustomer'), t('systems.colExternalRef'), t('systems.colKind')];
}

/**
 * Whom a system user is for, the same in a request and in the system user it becomes: the customer's
 * organisation number, the externalRef (and whether a grant must carry it), standard or agent.
 */
export function CustomerCells({
  orgNo,
  externalRef,
  externalRefInGrant,
  kind,
}: {
  orgNo: string;
  externalRef: string;
  externalRefInGrant: boolean;
  kind: SystemUserKind;
}) {
  const t = useT();
  return (
    <>
      <Table.Cell>{orgNo}</Table.Cell>
      <Table.Cell>
        <code className="systems-code">{externalRef}</code>
        {externalRefInGrant ? <div className="systems-muted">{t('systems.refInGrant')}</div> : null}
      </Table.Cell>
      <Table.Cell>{kind === 'agent' ? t('systems.kindAgent') : t('systems.kindStandard')}</Table.Cell>
    </>
  );
}
