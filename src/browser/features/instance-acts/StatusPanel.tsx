import { Button, Fieldset, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useId, useState } from 'react';
import type { ActInstanceView } from '../../../common/contract/instance-acts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLanguage, useT } from '../../hooks/use-t';
import { useInstanceActsStore } from '../../store/use-instance-acts-store';
import { ActProductionStep } from './ActProductionStep';
import { InboxPreview } from './InboxPreview';
import { emptyRow, type KeyValueRow, KeyValueRows, rowsToMap } from './KeyValueRows';
import { useActWrite } from './use-act-write';

const rowsOf = (map: Record<string, string>) => Object.entries(map).map(([k, v]) => emptyRow(k, v));

/** What differs from what Altinn has: only those keys are sent (Altinn merges; an empty value keeps the old). */
function changes(rows: readonly KeyValueRow[], stored: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rowsToMap(rows))) if (stored[k] !== v) out[k] = v;
  return out;
}

/**
 * What the owner sees (issue 19): the substatus (label and description, through the app, so the
 * substatus-changed event is sent) with a preview of how it reads in the inbox, the presentation texts and
 * the data values.
 */
export function StatusPanel({ profileId, view }: { profileId: string; view: ActInstanceView }) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const metadata = useInstanceActsStore((s) => s.metadata.value);
  const { updateStatus } = useInstanceActsStore.getState();
  const write = useActWrite();
  const [label, setLabel] = useState(view.substatus?.label ?? '');
  const [description, setDescription] = useState(view.substatus?.description ?? '');
  const [texts, setTexts] = useState<KeyValueRow[]>(() => rowsOf(view.presentationTexts));
  const [values, setValues] = useState<KeyValueRow[]>(() => rowsOf(view.dataValues));
  const [saved, setSaved] = useState(false);

  // Altinn's answer after a save is what the fields start from again.
  const stamp = JSON.stringify([view.substatus, view.presentationTexts, view.dataValues]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the stamp stands for the three members it is made of
  useEffect(() => {
    setLabel(view.substatus?.label ?? '');
    setDescription(view.substatus?.description ?? '');
    setTexts(rowsOf(view.presentationTexts));
    setValues(rowsOf(view.dataValues));
  }, [stamp]);

  const subChanged =
    label.trim() !== '' &&
    (label !== (view.substatus?.label ?? '') || description !== (view.substatus?.description ?? ''));
  const textChanges = changes(texts, view.presentationTexts);
  const valueChanges = changes(values, view.dataValues);
  const anything = subChanged || Object.keys(textChanges).length > 0 || Object.keys(valueChanges).length > 0;
  const title = metadata?.appId === view.appId ? (metadata.title[lang] ?? metadata.title.nb ?? view.appId) : view.appId;

  function save() {
    setSaved(false);
    void write.start(async (confirmProduction) => {
      await updateStatus({
        profileId,
        appId: view.appId,
        instanceId: view.id,
        ...(subChanged ? { substatus: { label: label.trim(), ...(description ? { description } : {}) } } : {}),
        ...(Object.keys(textChanges).length ? { presentationTexts: textChanges } : {}),
        ...(Object.keys(valueChanges).length ? { dataValues: valueChanges } : {}),
        ...(confirmProduction ? { confirmProduction } : {}),
      });
      setSaved(true);
    });
  }

  return (
    <section className="instance-details__section acts-panel" aria-labelledby={`${id}-h`} data-testid="status-panel">
      <Heading level={3} data-size="xs" id={`${id}-h`}>
        {t('acts.statusHeading')}
      </Heading>
      <div className="acts-status">
        <div className="acts-status__fields">
          <Textfield
            label={t('acts.substatusLabel')}
            description={t('acts.substatusHelp')}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            data-testid="substatus-label"
          />
          <Textfield
            label={t('acts.substatusDescription')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="substatus-description"
          />
        </div>
        <InboxPreview
          title={title}
          org={view.org}
          substatus={label.trim() ? { label: label.trim(), description: description || null } : null}
          presentationTexts={rowsToMap(texts)}
          dueBefore={view.dueBefore}
        />
      </div>
      <Fieldset>
        <Fieldset.Legend>{t('acts.textsHeading')}</Fieldset.Legend>
        <Fieldset.Description>{t('acts.textsHelp')}</Fieldset.Description>
        <KeyValueRows
          rows={texts}
          onChange={setTexts}
          keyLabel={t('acts.key')}
          valueLabel={t('acts.value')}
          addLabel={t('acts.addRow')}
          removeLabel={(key) => t('acts.removeRow', { key })}
          testId="presentation-texts"
        />
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('acts.valuesHeading')}</Fieldset.Legend>
        <Fieldset.Description>{t('acts.valuesHelp')}</Fieldset.Description>
        <KeyValueRows
          rows={values}
          onChange={setValues}
          keyLabel={t('acts.key')}
          valueLabel={t('acts.value')}
          addLabel={t('acts.addRow')}
          removeLabel={(key) => t('acts.removeRow', { key })}
          testId="data-values"
        />
      </Fieldset>
      {write.asking ? (
        <ActProductionStep
          environmentName={write.environmentName}
          what={t('acts.statusHeading')}
          onYes={() => void write.confirm()}
          onBack={write.cancel}
        />
      ) : (
        <div className="button-row">
          <Button
            data-size="sm"
            onClick={save}
            disabled={!anything || write.busy}
            aria-busy={write.busy}
            data-testid="status-save"
          >
            {write.busy ? t('acts.savingStatus') : t('acts.saveStatus')}
          </Button>
          {saved && !anything ? (
            <Paragraph data-size="sm" role="status" data-testid="status-saved">
              {t('acts.statusSaved')}
            </Paragraph>
          ) : null}
        </div>
      )}
      {write.error ? <ErrorAlert error={write.error} heading={t('acts.statusFailed')} /> : null}
    </section>
  );
}
