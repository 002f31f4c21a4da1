import { SkipLink } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { onEvent } from './api';
import { ErrorAlert } from './components/ErrorAlert';
import { LoadingState } from './components/LoadingState';
import { SideNav } from './components/SideNav';
import { TopBar } from './components/TopBar';
import { AboutDialog } from './features/about/AboutDialog';
import { EnvironmentMarker } from './features/environment/EnvironmentMarker';
import { environmentKind } from './features/environment/environment-kind';
import { views } from './features/views';
import { useT } from './hooks/use-t';
import { selectEnvironment, useAppStore } from './store/use-app-store';

export function App() {
  const t = useT();
  const { status, error: startError } = useAppStore((s) => s.startup);
  const start = useAppStore((s) => s.start);
  const language = useAppStore((s) => s.language);

  useEffect(() => {
    void start();
    // Another window or the CLI may change the settings; main tells us.
    return onEvent('settings:changed', (settings) => useAppStore.getState().applySettings(settings));
  }, [start]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('shell.productName');
  }, [language, t]);

  if (status === 'failed') {
    return (
      <main className="start-screen">
        <ErrorAlert error={startError} heading={t('shell.startFailed')} onRetry={() => void start()} />
      </main>
    );
  }
  if (status !== 'ready') {
    return (
      <main className="start-screen">
        <LoadingState label={t('shell.loadingApp')} />
      </main>
    );
  }
  return <Shell />;
}

function Shell() {
  const t = useT();
  const view = useAppStore((s) => s.view);
  const kind = useAppStore((s) => environmentKind(selectEnvironment(s)));
  const changeError = useAppStore((s) => s.changeError);
  const [aboutOpen, setAboutOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstView = useRef(true);
  const View = views[view];

  // After choosing a task, move focus to its heading (not on the first render: focus stays at the top).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the view changes; it reads the DOM, not `view`
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('[data-view-heading]')?.focus();
  }, [view]);

  return (
    <div className="app" data-environment={kind}>
      <SkipLink href="#main">{t('shell.skipToContent')}</SkipLink>
      <EnvironmentMarker />
      <TopBar onAbout={() => setAboutOpen(true)} />
      <div className="app__body">
        <SideNav />
        <main id="main" ref={mainRef} className="app__main" tabIndex={-1}>
          {changeError ? (
            <div className="app__change-error">
              <ErrorAlert error={changeError} />
            </div>
          ) : null}
          <View />
        </main>
      </div>
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
    </div>
  );
}
