import { Button, Paragraph } from '@digdir/designsystemet-react';
import { type DragEvent, useEffect, useRef, useState } from 'react';
import type { KeySummary } from '../../../common/contract/keys';
import { handleForDroppedFile } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { ViewHeader } from '../../components/ViewHeader';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { BackupDialog } from './BackupDialog';
import { DeleteKeyDialog } from './DeleteKeyDialog';
import { GenerateKeyDialog } from './GenerateKeyDialog';
import { ImportPasswordDialog } from './ImportPasswordDialog';
import type { KeyAction } from './KeyActionsMenu';
import { KeysNotice } from './KeysNotice';
import { KeyTable } from './KeyTable';
import { PassphraseVaultDialog } from './PassphraseVaultDialog';
import { PrivateExportDialog } from './PrivateExportDialog';
import { PublicJwkDialog } from './PublicJwkDialog';
import { RegisteredDateDialog } from './RegisteredDateDialog';
import { RenameKeyDialog } from './RenameKeyDialog';
import { useImportFlow } from './use-import-flow';
import { VaultStatus } from './VaultStatus';
import './keys.css';

type OpenDialog =
  | { kind: 'generate' }
  | { kind: 'passphrase-vault' }
  | { kind: 'jwk' | 'backup' | 'private-export' | 'rename' | 'registered' | 'delete'; key: KeySummary };

// Maskinporten keeps at most 5 keys per client (reference §4, POST /jwks replaces the whole set).
const MAX_KEYS_PER_CLIENT = 5;

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** The Keys task: the vault, the stored keys and everything done to them. */
export function KeysView() {
  const t = useT();
  const { status, error: loadError, value: keys } = useKeysStore((s) => s.keys);
  const vault = useKeysStore((s) => s.vault);
  const selected = useKeysStore((s) => s.selected);
  const load = useKeysStore((s) => s.load);
  const showNotice = useKeysStore((s) => s.showNotice);
  const importFlow = useImportFlow();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const { busy: busyAction, error: actionError, setError: setActionError, run: quick } = useBusyAction();
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const returnFocus = useRef<HTMLElement | null>(null);
  const sectionRef = useRef<HTMLElement>(null);

  useEffect(() => {
    void load();
  }, [load]);

  // A dialog gives focus back to what opened it; if that is gone (a deleted row), to the view heading.
  useEffect(() => {
    if (dialog) return;
    const target = returnFocus.current;
    returnFocus.current = null;
    if (!target) return;
    if (target.isConnected) target.focus();
    else sectionRef.current?.querySelector<HTMLElement>('[data-view-heading]')?.focus();
  }, [dialog]);

  function open(next: OpenDialog) {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setActionError(undefined);
    setDialog(next);
  }

  function onAction(key: KeySummary, action: KeyAction) {
    const store = useKeysStore.getState();
    switch (action) {
      case 'show-jwk':
        return open({ kind: 'jwk', key });
      case 'copy-jwk':
        return void quick(() => store.copyPublicJwk(key.id));
      case 'save-jwk':
        return void quick(() => store.exportKeys({ ids: [key.id], format: 'public-jwk' }));
      case 'save-jwks':
        return void quick(() => store.exportKeys({ ids: [key.id], format: 'jwks' }));
      case 'save-pem':
        return void quick(() => store.exportKeys({ ids: [key.id], format: 'public-pem' }));
      case 'backup':
      case 'private-export':
      case 'rename':
      case 'registered':
      case 'delete':
        return open({ kind: action, key });
    }
  }

  // Drag and drop: the page hands the dropped File to the preload's one helper, which reads its path itself
  // (webUtils.getPathForFile) and asks main, which names the file in its own dialog and answers a handle;
  // the page never sees a path (issue 17, finding 4). Where no desktop shell can tell (outside Electron),
  // the drop names the file and opens the native picker instead.
  const dropHandlers = {
    onDragEnter(e: DragEvent) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      dragDepth.current += 1;
      setDragging(true);
    },
    onDragOver(e: DragEvent) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(e: DragEvent) {
      if (!hasFiles(e)) return;
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDragging(false);
    },
    onDrop(e: DragEvent) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      dragDepth.current = 0;
      setDragging(false);
      const dropped = e.dataTransfer.files[0];
      void (async () => {
        let picked: Awaited<ReturnType<typeof handleForDroppedFile>>;
        try {
          picked = dropped ? await handleForDroppedFile(dropped) : undefined;
        } catch (error) {
          return importFlow.setError(error);
        }
        if (picked) return importFlow.importPicked(picked);
        // null: the person said no in main's dialog.
        if (picked === null) return;
        if (dropped) showNotice({ tone: 'info', message: 'keys.dropExplain', params: { file: dropped.name } });
        await importFlow.start();
      })();
    },
  };

  const key = dialog && 'key' in dialog ? (keys.find((k) => k.id === dialog.key.id) ?? dialog.key) : undefined;
  const close = () => setDialog(null);

  const generateButton = (
    <Button onClick={() => open({ kind: 'generate' })} data-testid="generate-key">
      {t('keys.generate')}
    </Button>
  );
  const importButton = (
    <Button
      variant="secondary"
      onClick={() => void importFlow.start()}
      loading={importFlow.busy}
      disabled={importFlow.busy}
      data-testid="import-key"
    >
      {importFlow.busy ? t('keys.importing') : t('keys.import')}
    </Button>
  );

  return (
    <section
      ref={sectionRef}
      className="view keys-view"
      data-testid="view-keys"
      data-dragging={dragging || undefined}
      {...dropHandlers}
    >
      <ViewHeader title={t('shell.navKeys')}>
        <Paragraph className="keys-view__intro">{t('keys.intro')}</Paragraph>
      </ViewHeader>

      {vault ? <VaultStatus vault={vault} onChoosePassphrase={() => open({ kind: 'passphrase-vault' })} /> : null}
      <KeysNotice />
      {importFlow.error ? <ErrorAlert error={importFlow.error} /> : null}
      {actionError ? <ErrorAlert error={actionError} /> : null}

      {status === 'failed' ? (
        <ErrorAlert error={loadError} onRetry={() => void load()} />
      ) : status !== 'ready' ? (
        <LoadingState label={t('keys.loading')} />
      ) : keys.length === 0 ? (
        <EmptyState
          title={t('keys.emptyTitle')}
          action={
            <div className="key-toolbar">
              {generateButton}
              {importButton}
            </div>
          }
        >
          {t('keys.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <div className="key-toolbar" aria-busy={busyAction}>
            {generateButton}
            {importButton}
            <Button
              variant="secondary"
              disabled={selected.length === 0 || busyAction}
              onClick={() => void quick(() => useKeysStore.getState().exportKeys({ ids: selected, format: 'jwks' }))}
              data-testid="save-jwks-selected"
            >
              {selected.length ? t('keys.saveJwksSelected', { count: selected.length }) : t('keys.saveJwksNone')}
            </Button>
          </div>
          {selected.length > MAX_KEYS_PER_CLIENT ? (
            <Paragraph data-size="sm" className="keys-view__warning" data-testid="too-many-selected">
              {t('keys.tooManySelected', { count: selected.length })}
            </Paragraph>
          ) : null}
          <KeyTable
            keys={keys}
            onAction={onAction}
            onCopyKid={(k) => void quick(() => useKeysStore.getState().copyKid(k.id))}
          />
        </>
      )}
      <Paragraph data-size="sm" className="key-cell__subtle">
        {t('keys.dropHint')} {t('keys.emptyImportHint')}
      </Paragraph>

      {dragging ? (
        <div className="keys-drop" aria-hidden="true" data-testid="drop-overlay">
          <span>{t('keys.dropTitle')}</span>
        </div>
      ) : null}

      {dialog?.kind === 'generate' ? <GenerateKeyDialog onClose={close} /> : null}
      {dialog?.kind === 'passphrase-vault' ? <PassphraseVaultDialog onClose={close} /> : null}
      {key && dialog?.kind === 'jwk' ? <PublicJwkDialog keySummary={key} onClose={close} /> : null}
      {key && dialog?.kind === 'backup' ? <BackupDialog keySummary={key} onClose={close} /> : null}
      {key && dialog?.kind === 'private-export' ? <PrivateExportDialog keySummary={key} onClose={close} /> : null}
      {key && dialog?.kind === 'rename' ? <RenameKeyDialog keySummary={key} onClose={close} /> : null}
      {key && dialog?.kind === 'registered' ? <RegisteredDateDialog keySummary={key} onClose={close} /> : null}
      {key && dialog?.kind === 'delete' ? <DeleteKeyDialog keySummary={key} onClose={close} /> : null}
      {importFlow.passwordRequest ? (
        <ImportPasswordDialog
          key={importFlow.passwordRequest.attempt}
          fileName={importFlow.passwordRequest.file.name}
          wrongPassword={importFlow.passwordRequest.wrong}
          busy={importFlow.busy}
          onSubmit={(password) => void importFlow.submitPassword(password)}
          onClose={importFlow.cancelPassword}
        />
      ) : null}
    </section>
  );
}
