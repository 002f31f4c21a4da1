import { Button } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { DataElementSummary } from '../../../common/contract/instances';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useErrorText, useT } from '../../hooks/use-t';
import { selectEnvironment, useAppStore } from '../../store/use-app-store';
import { useInstanceActsStore } from '../../store/use-instance-acts-store';
import { useInstancesStore } from '../../store/use-instances-store';
import { environmentLabel } from '../environment/environment-label';
import { afterFailedSend } from './renewed-files';

/**
 * Replace or delete one file of the open instance (issue 19). Replace picks the new content in main's dialog;
 * delete asks first. In Production the question carries the red notice, and main asks again.
 */
export function FileRowActions({ element }: { element: DataElementSummary }) {
  const t = useT();
  const errorText = useErrorText();
  const env = useAppStore(selectEnvironment);
  const production = env?.production ?? false;
  const profileId = useInstancesStore((s) => s.applied?.profileId);
  const detail = useInstancesStore((s) => s.detail.value);
  const metadata = useInstanceActsStore((s) => s.metadata.value);
  const { chooseFile, replaceData, deleteData } = useInstanceActsStore.getState();
  const [asking, setAsking] = useState<'delete' | { handle: string } | undefined>();
  const [error, setError] = useState<unknown>();
  if (!profileId || !detail) return null;
  const type = metadata?.dataTypes.find((d) => d.id === element.dataType);
  // Only what Altinn would take: a data type the app has (its metadata read), not its own receipt.
  if (!type) return null;
  if (type.readOnly) return <span className="acts-muted">{t('acts.readOnlyFile')}</span>;
  const name = element.filename || element.dataType || element.id;
  // The only form of a classRef type with min = max = 1 cannot be deleted (DataElementAccessChecker.cs:236-273).
  const mainForm = type?.form && type.minCount === 1 && type.maxCount === 1;
  const on = {
    profileId,
    appId: detail.appId,
    instanceId: detail.id,
    elementId: element.id,
    ...(production ? { confirmProduction: true } : {}),
  };
  const warning = production
    ? {
        title: t('acts.productionWarning', { env: env ? environmentLabel(env, t) : '' }),
        body: t('acts.productionBody'),
      }
    : undefined;

  async function replace() {
    setError(undefined);
    try {
      const picked = await chooseFile('data');
      if (!picked) return;
      if (production) setAsking({ handle: picked.handle });
      else await replaceData({ ...on, file: picked.handle });
    } catch (e) {
      setError(e);
    }
  }

  /** Replace after the production question; a failure keeps the question open with the handle main gave back. */
  async function replaceAsked(handle: string) {
    try {
      await replaceData({ ...on, file: handle });
    } catch (error) {
      const [again] = afterFailedSend([{ handle }], [handle], error);
      setAsking(again ? { handle: again.handle } : undefined);
      if (!again) setError(error);
      throw error;
    }
  }

  return (
    <span className="acts-file-actions">
      <Button
        variant="tertiary"
        data-size="sm"
        aria-label={t('acts.replaceLabel', { file: name })}
        onClick={() => void replace()}
        data-testid="file-replace"
      >
        {t('acts.replace')}
      </Button>
      {mainForm ? null : (
        <Button
          variant="tertiary"
          data-size="sm"
          data-color="danger"
          aria-label={t('acts.deleteLabel', { file: name })}
          onClick={() => setAsking('delete')}
          data-testid="file-delete"
        >
          {t('acts.delete')}
        </Button>
      )}
      {error ? (
        <span className="acts-file-actions__error" role="alert" data-testid="file-action-error">
          {errorText(error).title}. {errorText(error).hint}
        </span>
      ) : null}
      {asking !== undefined ? (
        <ConfirmDialog
          open={asking !== undefined}
          title={asking === 'delete' ? t('acts.fileDeleteTitle') : t('acts.productionTitle')}
          body={
            asking === 'delete'
              ? t('acts.fileDeleteBody', { file: name, dataType: element.dataType ?? '' })
              : t('acts.replaceLabel', { file: name })
          }
          warning={warning}
          confirmLabel={asking === 'delete' ? t('acts.fileDeleteYes') : t('acts.productionYes')}
          cancelLabel={t('acts.cancel')}
          tone="danger"
          onConfirm={async () => {
            if (asking === 'delete') await deleteData(on);
            else if (asking) await replaceAsked(asking.handle);
            setAsking(undefined);
          }}
          onCancel={() => setAsking(undefined)}
          testId="file-action-confirm"
        />
      ) : null}
    </span>
  );
}
