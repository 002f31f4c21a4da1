import { Button, Field, Label, Paragraph, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { type DragEvent, useId, useRef, useState } from 'react';
import { MAX_DROPPED_FILES } from '../../../common/contract/dropped-files';
import type { DataTypeView, LocalFileInfo } from '../../../common/contract/instance-acts';
import { formatBytes } from '../../../common/format/bytes';
import { countProblems } from '../../../common/schemas/data-part-rules';
import { handlesForDroppedFiles } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLanguage, useT } from '../../hooks/use-t';
import { useInstanceActsStore } from '../../store/use-instance-acts-store';
import { fileProblem, likelyType, type PickedFile, uploadableTypes } from './file-problems';

let pickCount = 0;

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/** The problems of the picked files, by index, and the count problems (a data type that would hold too many). */
export function pickedFileProblems(
  files: readonly PickedFile[],
  types: readonly DataTypeView[],
  t: ReturnType<typeof useT>,
  lang: 'nb' | 'en',
  existing: readonly { dataType?: string | null }[] = [],
): { perFile: (string | undefined)[]; counts: string[] } {
  const perFile = files.map((f) =>
    fileProblem(
      f,
      types.find((d) => d.id === f.dataType),
      t,
      lang,
    ),
  );
  const counts = countProblems(types, files, existing).map((c) =>
    t('acts.fileTooMany', { dataType: c.dataType, max: c.maxCount }),
  );
  return { perFile, counts };
}

/**
 * Files to upload: dropped on the zone (the preload's one helper reads their paths and main names them in its
 * own dialog, once for the drop, as for keys) or chosen in the native dialog main shows. The window holds
 * one-time handles, never paths; main reads each file and answers its name, size and content type
 * (act:choose-file at once, act:inspect-file for a drop), the person picks its data type, and what the app
 * would refuse is said at once.
 */
export function FilePicker({
  types,
  files,
  onChange,
  existing,
  testId = 'act-files',
}: {
  types: readonly DataTypeView[];
  files: readonly PickedFile[];
  onChange(files: PickedFile[]): void;
  existing?: readonly { dataType?: string | null }[];
  testId?: string;
}) {
  const t = useT();
  const lang = useLanguage();
  const id = useId();
  const { chooseFile, inspectFile } = useInstanceActsStore.getState();
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>();
  const depth = useRef(0);
  const choices = uploadableTypes(types);
  const { perFile, counts } = pickedFileProblems(files, types, t, lang, existing);

  function picked(info: LocalFileInfo): PickedFile {
    const { handle, name, size, contentType } = info;
    return { key: ++pickCount, handle, name, size, contentType, dataType: likelyType(types, contentType) ?? '' };
  }

  async function choose() {
    setError(undefined);
    setNotice(undefined);
    try {
      const info = await chooseFile('data');
      if (info) onChange([...files, picked(info)]);
    } catch (e) {
      setError(e);
    }
  }

  async function addDropped(dropped: File[]) {
    let handed: Awaited<ReturnType<typeof handlesForDroppedFiles>>;
    try {
      handed = await handlesForDroppedFiles(dropped, 'act-data');
    } catch (e) {
      return setError(e);
    }
    // null: the person said no in main's dialog.
    if (handed === null) return;
    if (handed === undefined) {
      // Outside Electron no shell can tell a dropped file's path: main's dialog picks it instead.
      if (dropped[0]) setNotice(t('acts.dropExplain', { file: dropped[0].name }));
      return choose();
    }
    const added: PickedFile[] = [];
    for (const file of handed) {
      try {
        added.push(picked(await inspectFile(file.handle)));
      } catch (e) {
        setError(e);
      }
    }
    if (added.length) onChange([...files, ...added]);
  }

  function onDrop(e: DragEvent) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth.current = 0;
    setDragging(false);
    setError(undefined);
    setNotice(undefined);
    const dropped = Array.from(e.dataTransfer.files);
    if (dropped.length === 0) return;
    if (dropped.length > MAX_DROPPED_FILES) return setNotice(t('acts.dropTooMany', { max: MAX_DROPPED_FILES }));
    void addDropped(dropped);
  }

  if (choices.length === 0) return <Paragraph data-size="sm">{t('acts.fileNoTypes')}</Paragraph>;

  return (
    <div className="acts-files" data-testid={testId}>
      <section
        aria-label={t('acts.filesDrop')}
        className="acts-drop"
        data-dragging={dragging || undefined}
        onDragEnter={(e) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          depth.current += 1;
          setDragging(true);
        }}
        onDragOver={(e) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!hasFiles(e)) return;
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setDragging(false);
        }}
        onDrop={onDrop}
        data-testid={`${testId}-drop`}
      >
        <span className="acts-drop__text">{dragging ? t('acts.filesDrop') : t('acts.filesHelp')}</span>
        <Button
          type="button"
          variant="secondary"
          data-size="sm"
          onClick={() => void choose()}
          data-testid={`${testId}-choose`}
        >
          {t('acts.filesChoose')}
        </Button>
      </section>
      {notice ? <Paragraph data-size="sm">{notice}</Paragraph> : null}
      {error ? <ErrorAlert error={error} /> : null}
      {files.length === 0 ? null : (
        <ul className="acts-files__list">
          {files.map((file, i) => {
            const problem = perFile[i];
            return (
              <li key={file.key} className="acts-files__item" data-testid={`${testId}-item`}>
                <div className="acts-files__name">
                  <strong>{file.name}</strong>
                  <span className="acts-muted">
                    {' '}
                    {file.contentType} · {formatBytes(file.size, lang)}
                  </span>
                </div>
                <Field className="acts-files__type">
                  <Label htmlFor={`${id}-type-${i}`} className="ds-sr-only">
                    {t('acts.fileType', { file: file.name })}
                  </Label>
                  <Select
                    id={`${id}-type-${i}`}
                    data-size="sm"
                    value={file.dataType}
                    onChange={(e) => onChange(files.map((f, j) => (j === i ? { ...f, dataType: e.target.value } : f)))}
                    data-testid={`${testId}-type`}
                  >
                    {choices.map((d) => (
                      <Select.Option key={d.id} value={d.id}>
                        {d.id}
                      </Select.Option>
                    ))}
                  </Select>
                </Field>
                <Button
                  type="button"
                  variant="tertiary"
                  data-size="sm"
                  aria-label={t('acts.fileRemove', { file: file.name })}
                  onClick={() => onChange(files.filter((_, j) => j !== i))}
                >
                  ✕
                </Button>
                {problem ? (
                  <ValidationMessage className="acts-files__problem" data-testid={`${testId}-problem`}>
                    {problem}
                  </ValidationMessage>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {counts.map((c) => (
        <ValidationMessage key={c} data-testid={`${testId}-problem`}>
          {c}
        </ValidationMessage>
      ))}
    </div>
  );
}
