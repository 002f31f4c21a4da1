import type { MessageKey } from '../../common/i18n/translate';
import { useT } from '../hooks/use-t';
import { useAppStore, type ViewId, viewIds } from '../store/use-app-store';

export const viewLabels: Record<ViewId, MessageKey> = {
  keys: 'shell.navKeys',
  profiles: 'shell.navProfiles',
  clients: 'shell.navClients',
  systems: 'shell.navSystems',
  token: 'shell.navToken',
  instances: 'shell.navInstances',
  downloads: 'shell.navDownloads',
  intake: 'shell.navIntake',
  events: 'events.nav',
};

/** The tasks. Plain buttons in a nav list: Tab reaches each, Enter/Space opens it. */
export function SideNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const view = useAppStore((s) => s.view);
  const navigate = useAppStore((s) => s.navigate);
  return (
    <nav className="side-nav" aria-label={t('shell.mainNavigation')}>
      <ul>
        {viewIds.map((id) => (
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
    </nav>
  );
}
