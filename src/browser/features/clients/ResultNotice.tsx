import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useLanguage, useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';
import { type ClientsNotice, useClientsStore } from '../../store/use-clients-store';
import { formatDate, selfServiceText } from './selfservice-text';

/** What the last write did, in words: the new client and profile, the published key, the removed key. */
export function ResultNotice({ notice }: { notice: ClientsNotice }) {
  const t = useT();
  const lang = useLanguage();
  const navigate = useAppStore((s) => s.navigate);
  const clearNotice = useClientsStore((s) => s.clearNotice);
  const close = (
    <Button variant="tertiary" data-size="sm" onClick={clearNotice} className="clients-notice__close">
      {t('shell.close')}
    </Button>
  );

  if (notice.kind === 'updated') {
    return (
      <Alert data-color="success" data-size="sm" data-testid="clients-notice" data-kind="updated">
        <Paragraph>{t('clients.updatedTitle')}</Paragraph>
        {close}
      </Alert>
    );
  }
  if (notice.kind === 'removed') {
    const r = notice.result;
    return (
      <Alert data-color="success" data-size="sm" data-testid="clients-notice" data-kind="removed">
        <Heading level={3} data-size="2xs">
          {t('clients.removedTitle', { kid: r.kid })}
        </Heading>
        <Paragraph>{t('clients.removedBody', { minutes: r.propagationMinutes })}</Paragraph>
        {close}
      </Alert>
    );
  }
  const created = notice.kind === 'created' ? notice.result : undefined;
  const published = notice.kind === 'created' ? notice.result.published : notice.result;
  return (
    <Alert data-color="success" data-testid="clients-notice" data-kind={notice.kind}>
      <Heading level={3} data-size="xs">
        {created
          ? t('clients.createdTitle', { name: created.client.clientName })
          : t('clients.publishedTitle', { kid: published?.kid ?? '' })}
      </Heading>
      {created ? (
        <Paragraph>
          {t('clients.createdBody', { clientId: created.client.clientId })}
          {published ? ` ${t('clients.publishedTitle', { kid: published.kid })}.` : ''}
        </Paragraph>
      ) : null}
      {published ? (
        <>
          <Paragraph>
            {published.action === 'renewed'
              ? selfServiceText('result.renewed', lang)
              : t('clients.publishedExpires', { date: formatDate(published.expiresAt, lang) })}{' '}
            <strong>{selfServiceText('result.propagation', lang, { minutes: published.propagationMinutes })}</strong>
          </Paragraph>
          {published.otherKids.length > 0 ? (
            <Paragraph>{selfServiceText('result.rotation', lang, { kids: published.otherKids.join(', ') })}</Paragraph>
          ) : null}
          {published.warning ? <Paragraph>{t('clients.warningNote', { warning: published.warning })}</Paragraph> : null}
        </>
      ) : null}
      {created?.profile ? <Paragraph>{t('clients.createdProfile', { name: created.profile.name })}</Paragraph> : null}
      <div className="button-row">
        {created?.profile ? (
          <Button data-size="sm" onClick={() => navigate('token')} data-testid="clients-go-to-token">
            {t('clients.goToToken')}
          </Button>
        ) : null}
        {close}
      </div>
    </Alert>
  );
}
