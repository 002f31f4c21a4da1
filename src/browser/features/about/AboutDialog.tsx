import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { useEffect } from 'react';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';

/** app:info: what a support person asks first (version, platform, home folder, keychain). */
export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { status, error, value: info } = useAppStore((s) => s.appInfo);
  const load = useAppStore((s) => s.loadAppInfo);

  // Fresh on every open: the keychain may have been unlocked since.
  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  return (
    <AppDialog open={open} title={t('about.title')} onClose={onClose} testId="about-dialog" closedby="any">
      {error ? (
        <ErrorAlert error={error} onRetry={() => void load()} />
      ) : !info || status === 'loading' ? (
        <LoadingState label={t('shell.loading')} />
      ) : (
        <dl className="facts">
          <dt>{t('about.version')}</dt>
          <dd data-testid="about-version">{info.version}</dd>
          <dt>{t('about.platform')}</dt>
          <dd>
            {info.platform} ({info.arch})
          </dd>
          <dt>{t('about.home')}</dt>
          <dd>
            <code data-testid="about-home" className="about-list__path">
              {info.home}
            </code>
            <Paragraph data-size="sm">{t('about.homeHelp')}</Paragraph>
          </dd>
          <dt>{t('about.keychain')}</dt>
          <dd data-testid="about-keychain">
            <Tag data-color={info.keychain.available ? 'success' : 'warning'}>
              {info.keychain.available ? t('about.keychainYes') : t('about.keychainNo')}
            </Tag>
            {info.keychain.detail ? <Paragraph data-size="sm">{info.keychain.detail}</Paragraph> : null}
          </dd>
          {info.electron ? (
            <>
              <dt>{t('about.electron')}</dt>
              <dd>{info.electron}</dd>
            </>
          ) : null}
          <dt>{t('about.node')}</dt>
          <dd>{info.node}</dd>
        </dl>
      )}
    </AppDialog>
  );
}
