import type { MessageKey } from '../../common/i18n/translate';
import { useT } from '../hooks/use-t';
import { type NavGroupId, navGroups, useAppStore, type ViewId } from '../store/use-app-store';

export const viewLabels: Record<ViewId, MessageKey> = {
  keys: 'shell.navKeys',
  profiles: 'shell.navProfiles',
  clients: 'shell.navClients',
  systems: 'shell.navSystems',
  token: 'shell.navToken',
  instances: 'shell.navInstances',
  downloads: 'shell.navDownloads',
  intake: 'shell.navIntake',
  send: 'shell.navSend',
  events: 'events.nav',
};

const groupLabels: Record<NavGroupId, MessageKey> = {
  daily: 'shell.navGroupDaily',
  setup: 'shell.navGroupSetup',
  troubleshooting: 'shell.navGroupTroubleshooting',
};

/**
 * The tasks in groups — daily work, setup, troubleshooting (use-app-store.ts navGroups). Plain buttons in a
 * nav list under a heading per group: Tab reaches each, Enter/Space opens it.
 */
export function SideNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const view = useAppStore((s) => s.view);
  const navigate = useAppStore((s) => s.navigate);
  return (
    <nav className="side-nav" aria-label={t('shell.mainNavigation')}>
      {navGroups.map((group) => (
        <div key={group.id} className="side-nav__group" data-testid={`nav-group-${group.id}`}>
          <h2 className="side-nav__group-label" id={`nav-group-${group.id}`}>
            {t(groupLabels[group.id])}
          </h2>
          <ul aria-labelledby={`nav-group-${group.id}`}>
            {group.views.map((id) => (
              <li key={id}>
                <button
                  type="button"
                  className="side-nav__item"
                  aria-current={view === id ? 'page' : undefined}
                  data-testid={`nav-${id}`}
                  onClick={() => {
                    navigate(id);
                    onNavigate?.();
                  }}
                >
                  {t(viewLabels[id])}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
