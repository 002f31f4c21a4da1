import {
  Alert,
  Button,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useEffect, useId, useState } from 'react';
import type { CreatedInstanceView, OwnerKind } from '../../../common/contract/instance-acts';
import { groupNationalId, groupOrgNumber } from '../../../common/format/owner-numbers';
import { normalizePartyNumber } from '../../../common/schemas/party-numbers';
import { ApiError } from '../../api';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useErrorText, useLanguage, useT } from '../../hooks/use-t';
import { useInstanceActsStore } from '../../store/use-instance-acts-store';
import { useInstancesStore } from '../../store/use-instances-store';
import { ActProductionStep } from './ActProductionStep';
import { FilePicker, pickedFileProblems } from './FilePicker';
import type { PickedFile } from './file-problems';
import { emptyRow, type KeyValueRow, KeyValueRows, rowsToMap } from './KeyValueRows';
import { ownerFeedback, ownerShort } from './owner-feedback';
import { afterFailedSend } from './renewed-files';

type Step = 'form' | 'production' | 'result';

/** A data-model path as prefill takes it (the rule main checks: src/node/acts/local-checks.ts). */
const PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

/** `datetime-local` (the person's local time) as ISO 8601 UTC; empty stays absent. */
function isoOf(local: string): string | undefined {
  if (!local) return undefined;
  const ms = Date.parse(local);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/**
 * "Ny instans" (issue 19, item 2): the owner with checksum feedback as it is typed, prefill as key/value rows or
 * from a JSON file, files by drag and drop or the native dialog (each with its data type, checked against the
 * app's metadata), visible-after and due-before. In Production the window asks first and main asks again. The
 * result names the party as the app answered it, and each file's element — or why it was not stored.
 */
export function NewInstanceDialog({
  open,
  profileId,
  appId,
  production,
  environmentName,
  onClose,
}: {
  open: boolean;
  profileId: string;
  appId: string;
  production: boolean;
  environmentName: string;
  onClose(): void;
}) {
  const t = useT();
  const lang = useLanguage();
  const errorText = useErrorText();
  const id = useId();
  const metadata = useInstanceActsStore((s) => s.metadata);
  const { loadMetadata, readPrefill, chooseFile, create } = useInstanceActsStore.getState();
  const [step, setStep] = useState<Step>('form');
  const [kind, setKind] = useState<OwnerKind>('org');
  const [owner, setOwner] = useState('');
  const [ownerTouched, setOwnerTouched] = useState(false);
  const [rows, setRows] = useState<KeyValueRow[]>([]);
  const [prefillNote, setPrefillNote] = useState<string>();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [visibleAfter, setVisibleAfter] = useState('');
  const [dueBefore, setDueBefore] = useState('');
  const [tried, setTried] = useState(false);
  const [created, setCreated] = useState<CreatedInstanceView>();
  const { busy, error, setError, run } = useBusyAction();

  useEffect(() => {
    if (open) void loadMetadata(profileId, appId);
  }, [open, profileId, appId, loadMetadata]);

  const app = metadata.value?.appId === appId ? metadata.value : undefined;
  const types = app?.dataTypes ?? [];
  const feedback = ownerFeedback(kind, owner, t);
  const showOwnerError = !feedback.valid && feedback.message !== undefined && (ownerTouched || tried);
  const { perFile, counts } = pickedFileProblems(files, types, t, lang);
  const keyCount = new Map<string, number>();
  for (const r of rows) if (r.key.trim()) keyCount.set(r.key.trim(), (keyCount.get(r.key.trim()) ?? 0) + 1);
  const rowError = (row: KeyValueRow) => {
    const key = row.key.trim();
    if (!key) return undefined;
    if (!PATH.test(key)) return t('acts.prefillPathInvalid');
    return (keyCount.get(key) ?? 0) > 1 ? t('acts.prefillDuplicate') : undefined;
  };
  const invalid =
    !feedback.valid || perFile.some(Boolean) || counts.length > 0 || rows.some((r) => rowError(r) !== undefined);

  function reset() {
    setStep('form');
    setKind('org');
    setOwner('');
    setOwnerTouched(false);
    setRows([]);
    setPrefillNote(undefined);
    setFiles([]);
    setVisibleAfter('');
    setDueBefore('');
    setTried(false);
    setCreated(undefined);
    setError(undefined);
  }

  function close() {
    const made = created !== undefined;
    reset();
    onClose();
    // The new instance belongs in the list now.
    if (made) void useInstancesStore.getState().refresh();
  }

  async function loadPrefillFile() {
    setError(undefined);
    setPrefillNote(undefined);
    try {
      const picked = await chooseFile('prefill');
      if (!picked) return;
      const prefill = await readPrefill(picked.handle);
      const fromFile = Object.entries(prefill);
      const kept = rows.filter((r) => r.key.trim() && !(r.key.trim() in prefill));
      setRows([...kept, ...fromFile.map(([k, v]) => emptyRow(k, v))]);
      setPrefillNote(t('acts.prefillLoaded', { count: fromFile.length }));
    } catch (e) {
      setError(e);
    }
  }

  async function send() {
    const prefill = rowsToMap(rows);
    const failed = await run(async () => {
      try {
        setCreated(
          await create({
            profileId,
            appId,
            owner: { kind, value: normalizePartyNumber(owner) },
            ...(Object.keys(prefill).length ? { prefill } : {}),
            files: files.map((f) => ({ dataType: f.dataType, file: f.handle })),
            visibleAfter: isoOf(visibleAfter),
            dueBefore: isoOf(dueBefore),
            ...(production ? { confirmProduction: true } : {}),
          }),
        );
      } catch (error) {
        // Main gives the files back under new handles: fix what was wrong and send again, no picking again.
        setFiles((now) =>
          afterFailedSend(
            now,
            files.map((f) => f.handle),
            error,
          ),
        );
        throw error;
      }
    });
    setStep(failed ? 'form' : 'result');
  }

  function submit() {
    setTried(true);
    if (invalid) return;
    if (production) setStep('production');
    else void send();
  }

  async function openCreated() {
    const instanceId = created?.instance.id;
    reset();
    onClose();
    if (!instanceId) return;
    await useInstancesStore.getState().refresh();
    await useInstancesStore.getState().openDetail(instanceId);
  }

  const ownerText = ownerShort(
    kind,
    owner,
    t,
    kind === 'org' ? groupOrgNumber : kind === 'person' ? groupNationalId : (v) => v,
  );
  const allowedTypes = app?.partyTypesAllowed;
  const allowedList = allowedTypes
    ? (
        [
          ['person', 'acts.typePerson'],
          ['organisation', 'acts.typeOrganisation'],
          ['subUnit', 'acts.typeSubUnit'],
          ['bankruptcyEstate', 'acts.typeBankruptcyEstate'],
        ] as const
      )
        .filter(([k]) => allowedTypes[k])
        .map(([, key]) => t(key))
    : [];
  const ownerLabel =
    kind === 'org'
      ? t('acts.ownerLabelOrg')
      : kind === 'person'
        ? t('acts.ownerLabelPerson')
        : t('acts.ownerLabelParty');

  return (
    <AppDialog
      open={open}
      title={
        step === 'production'
          ? t('acts.productionTitle')
          : step === 'result'
            ? t('acts.resultTitle')
            : t('acts.newTitle', { app: appId })
      }
      onClose={close}
      testId="new-instance-dialog"
      className="acts-dialog"
      bodyClassName="dialog-body"
    >
      {step === 'form' ? (
        <form
          className="acts-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Paragraph data-size="sm">{t('acts.newIntro')}</Paragraph>
          {metadata.status === 'loading' && !app ? <LoadingState label={t('acts.metadataLoading')} /> : null}
          {metadata.status === 'failed' ? (
            <ErrorAlert
              error={metadata.error}
              heading={t('acts.metadataFailed')}
              onRetry={() => void loadMetadata(profileId, appId)}
            />
          ) : null}

          <Fieldset>
            <Fieldset.Legend>{t('acts.ownerLegend')}</Fieldset.Legend>
            <Fieldset.Description>
              {allowedTypes
                ? allowedList.length === 0
                  ? t('acts.partyTypesAll')
                  : t('acts.partyTypesSome', { types: allowedList.join(', ') })
                : null}
            </Fieldset.Description>
            <div className="acts-owner-kinds">
              {(
                [
                  ['org', 'acts.ownerKindOrg'],
                  ['person', 'acts.ownerKindPerson'],
                  ['party', 'acts.ownerKindParty'],
                ] as const
              ).map(([value, key]) => (
                <Radio
                  key={value}
                  name={`${id}-owner-kind`}
                  value={value}
                  checked={kind === value}
                  onChange={() => setKind(value)}
                  label={t(key)}
                  data-testid={`owner-kind-${value}`}
                />
              ))}
            </div>
            <Textfield
              label={ownerLabel}
              value={owner}
              inputMode="numeric"
              autoComplete="off"
              onChange={(e) => setOwner(e.target.value)}
              onBlur={() => setOwnerTouched(true)}
              description={
                feedback.valid ? `✓ ${feedback.message} ${t('acts.ownerNameLater')}` : t('acts.ownerNameLater')
              }
              error={showOwnerError ? feedback.message : undefined}
              data-testid="owner-number"
              data-valid={feedback.valid ? 'true' : 'false'}
            />
          </Fieldset>

          <Fieldset>
            <Fieldset.Legend>{t('acts.prefillLegend')}</Fieldset.Legend>
            <Fieldset.Description>{t('acts.prefillHelp')}</Fieldset.Description>
            <KeyValueRows
              rows={rows}
              onChange={setRows}
              keyLabel={t('acts.prefillPath')}
              valueLabel={t('acts.prefillValue')}
              addLabel={t('acts.prefillAdd')}
              removeLabel={(path) => t('acts.prefillRemove', { path })}
              errorOf={rowError}
              actions={
                <>
                  <Button
                    type="button"
                    variant="tertiary"
                    data-size="sm"
                    onClick={() => void loadPrefillFile()}
                    data-testid="prefill-file"
                  >
                    {t('acts.prefillFromFile')}
                  </Button>
                  {prefillNote ? <span className="acts-muted">{prefillNote}</span> : null}
                </>
              }
              testId="prefill"
            />
          </Fieldset>

          <Fieldset>
            <Fieldset.Legend>{t('acts.filesLegend')}</Fieldset.Legend>
            <FilePicker types={types} files={files} onChange={setFiles} />
          </Fieldset>

          <Fieldset>
            <Fieldset.Legend>{t('acts.datesLegend')}</Fieldset.Legend>
            <div className="acts-dates">
              <Textfield
                type="datetime-local"
                label={t('acts.visibleAfter')}
                description={t('acts.visibleAfterHelp')}
                value={visibleAfter}
                onChange={(e) => setVisibleAfter(e.target.value)}
                data-testid="visible-after"
              />
              <Textfield
                type="datetime-local"
                label={t('acts.dueBefore')}
                description={t('acts.dueBeforeHelp')}
                value={dueBefore}
                onChange={(e) => setDueBefore(e.target.value)}
                data-testid="due-before"
              />
            </div>
          </Fieldset>

          {tried && invalid ? (
            <ValidationMessage data-testid="new-instance-fix">{t('acts.fixFirst')}</ValidationMessage>
          ) : null}
          {error ? <ErrorAlert error={error} heading={t('acts.createFailed')} /> : null}
          <div className="button-row">
            <Button type="submit" disabled={busy} aria-busy={busy} data-testid="new-instance-create">
              {busy ? t('acts.creating') : t('acts.create')}
            </Button>
            <Button type="button" variant="secondary" onClick={close}>
              {t('acts.cancel')}
            </Button>
          </div>
        </form>
      ) : null}

      {step === 'production' ? (
        <ActProductionStep
          environmentName={environmentName}
          what={`${t('acts.newTitle', { app: appId })}: ${ownerText}`}
          busy={busy}
          onYes={() => void send()}
          onBack={() => setStep('form')}
        />
      ) : null}

      {step === 'result' && created ? (
        <div className="acts-result" data-testid="new-instance-result">
          <Paragraph data-testid="new-instance-party">
            {created.party?.name
              ? t('acts.resultFor', { name: created.party.name, owner: ownerText })
              : t('acts.resultForNoName', { owner: ownerText })}
          </Paragraph>
          <dl className="facts">
            <dt>{t('acts.resultId')}</dt>
            <dd className="instance-details__id" data-testid="new-instance-id">
              {created.instance.id}
            </dd>
            <dt>{t('acts.resultTask')}</dt>
            <dd>
              {[created.instance.currentTask, created.instance.process.currentTaskName].filter(Boolean).join(' – ')}
            </dd>
          </dl>
          {created.parts.length ? (
            <ul className="instance-details__list" data-testid="new-instance-parts">
              {created.parts.map((p) => (
                <li key={`${p.dataType}-${p.filename}-${p.elementId ?? ''}`} data-error-code={p.error?.code}>
                  {p.error
                    ? t('acts.resultPartFailed', { file: p.filename, reason: errorText(new ApiError(p.error)).title })
                    : t('acts.resultPartOk', { file: p.filename, dataType: p.dataType })}
                </li>
              ))}
            </ul>
          ) : null}
          {created.parts.some((p) => p.error) ? (
            <Alert data-color="warning" data-size="sm">
              <Heading level={3} data-size="2xs">
                {t('acts.resultPartsFailed', { count: created.parts.filter((p) => p.error).length })}
              </Heading>
            </Alert>
          ) : null}
          <div className="button-row">
            <Button onClick={() => void openCreated()} data-testid="new-instance-open">
              {t('acts.openInstance')}
            </Button>
            <Button variant="secondary" onClick={close}>
              {t('acts.close')}
            </Button>
          </div>
        </div>
      ) : null}
    </AppDialog>
  );
}
