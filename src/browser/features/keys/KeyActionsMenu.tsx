import { Dropdown } from '@digdir/designsystemet-react';
import { Fragment, useRef, useState } from 'react';
import type { KeySummary } from '../../../common/contract/keys';
import type { MessageKey } from '../../../common/i18n/translate';
import { useT } from '../../hooks/use-t';

export type KeyAction =
  | 'show-jwk'
  | 'copy-jwk'
  | 'save-jwk'
  | 'save-jwks'
  | 'save-pem'
  | 'backup'
  | 'private-export'
  | 'rename'
  | 'registered'
  | 'delete';

// Grouped so the safe public exports come first and the private half and deletion stand apart.
const GROUPS: { heading: MessageKey; items: [KeyAction, MessageKey][] }[] = [
  {
    heading: 'keys.menuPublic',
    items: [
      ['show-jwk', 'keys.menuShowJwk'],
      ['copy-jwk', 'keys.menuCopyJwk'],
      ['save-jwk', 'keys.menuSaveJwk'],
      ['save-jwks', 'keys.menuSaveJwks'],
      ['save-pem', 'keys.menuSavePem'],
    ],
  },
  {
    heading: 'keys.menuPrivate',
    items: [
      ['backup', 'keys.menuBackup'],
      ['private-export', 'keys.menuPrivateExport'],
    ],
  },
  {
    heading: 'keys.menuKey',
    items: [
      ['rename', 'keys.menuRename'],
      ['registered', 'keys.menuRegistered'],
      ['delete', 'keys.menuDelete'],
    ],
  },
];

/** One key's actions. Choosing one closes the menu and puts focus back on its button before acting. */
export function KeyActionsMenu({ keySummary, onAction }: { keySummary: KeySummary; onAction: (a: KeyAction) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);

  function choose(action: KeyAction) {
    setOpen(false);
    triggerRef.current?.focus();
    onAction(action);
  }

  return (
    <Dropdown.TriggerContext>
      <Dropdown.Trigger
        ref={triggerRef}
        variant="secondary"
        data-size="sm"
        aria-label={t('keys.actionsFor', { name: keySummary.name })}
        data-testid="key-actions"
      >
        {t('keys.actions')}
      </Dropdown.Trigger>
      <Dropdown
        open={open}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        placement="bottom-end"
        data-testid="key-actions-menu"
      >
        {GROUPS.map((group, i) => (
          // Heading and list are direct children of the dropdown: Designsystemet styles `.ds-dropdown > ul`.
          <Fragment key={group.heading}>
            <Dropdown.Heading level={3} data-size="2xs" className={i > 0 ? 'key-menu__heading--divided' : undefined}>
              {t(group.heading)}
            </Dropdown.Heading>
            <Dropdown.List>
              {group.items.map(([action, label]) => (
                <Dropdown.Item key={action}>
                  <Dropdown.Button
                    onClick={() => choose(action)}
                    data-testid={`key-action-${action}`}
                    data-color={action === 'delete' || action === 'private-export' ? 'danger' : undefined}
                  >
                    {t(label)}
                  </Dropdown.Button>
                </Dropdown.Item>
              ))}
            </Dropdown.List>
          </Fragment>
        ))}
      </Dropdown>
    </Dropdown.TriggerContext>
  );
}
