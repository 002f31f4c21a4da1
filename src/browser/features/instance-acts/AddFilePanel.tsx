import { Button, Heading } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { ActInstanceView } from '../../../common/contract/instance-acts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLanguage, useT } from '../../hooks/use-t';
import { useInstanceActsStore } from '../../store/use-instance-acts-store';
import { ActProductionStep } from './ActProductionStep';
import { FilePicker, pickedFileProblems } from './FilePicker';
import type { PickedFile } from './file-problems';
import { afterFailedSend } from './renewed-files';
import { useActWrite } from './use-act-write';

/** Add files to the open instance (issue 19): picked or dropped, each with its data type, checked as it is picked. */
export function AddFilePanel({ profileId, view }: { profileId: string; view: ActInstanceView }) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const metadata = useInstanceActsStore((s) => s.metadata.value);
  const { addData } = useInstanceActsStore.getState();
  const write = useActWrite();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const types = metadata?.appId === view.appId ? metadata.dataTypes : [];
  const { perFile, counts } = pickedFileProblems(files, types, t, lang, view.data);
  const invalid = perFile.some(Boolean) || counts.length > 0;

  function upload() {
    void write.start(async (confirmProduction) => {
      let left = [...files];
      while (left.length) {
        const file = left[0] as PickedFile;
        try {
          await addData({
            profileId,
            appId: view.appId,
            instanceId: view.id,
            dataType: file.dataType,
            file: file.handle,
            ...(confirmProduction ? { confirmProduction } : {}),
          });
        } catch (error) {
          // The file main refused (or Altinn did) stays, under the handle main gave back for it.
          left = afterFailedSend(left, [file.handle], error);
          setFiles(left);
          throw error;
        }
        left.shift();
        setFiles([...left]);
      }
    });
  }

  return (
    <section className="instance-details__section acts-panel" aria-labelledby={`${id}-h`} data-testid="add-file-panel">
      <Heading level={3} data-size="xs" id={`${id}-h`}>
        {t('acts.addFileHeading')}
      </Heading>
      <FilePicker types={types} files={files} onChange={setFiles} existing={view.data} testId="add-files" />
      {files.length ? (
        write.asking ? (
          <ActProductionStep
            environmentName={write.environmentName}
            what={files.map((f) => `${f.name} (${f.dataType})`).join(', ')}
            onYes={() => void write.confirm()}
            onBack={write.cancel}
          />
        ) : (
          <div className="button-row">
            <Button
              data-size="sm"
              onClick={upload}
              disabled={invalid || write.busy}
              aria-busy={write.busy}
              data-testid="add-files-upload"
            >
              {write.busy ? t('acts.uploading') : t('acts.upload')}
            </Button>
          </div>
        )
      ) : null}
      {write.error ? <ErrorAlert error={write.error} heading={t('acts.addFileFailed')} /> : null}
    </section>
  );
}
