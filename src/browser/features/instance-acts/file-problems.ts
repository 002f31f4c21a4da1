import type { DataTypeView } from '../../../common/contract/instance-acts';
import { formatBytes } from '../../../common/format/bytes';
import { dataPartProblem, mediaType } from '../../../common/schemas/data-part-rules';
import type { T } from '../../hooks/use-t';

/**
 * A picked file as the window knows it: main's answer to act:choose-file or act:inspect-file (a one-time
 * handle, never a path), and the data type chosen for it.
 */
export interface PickedFile {
  /** Tells the picked files apart (the same file may be picked twice). */
  key: number;
  handle: string;
  name: string;
  size: number;
  contentType: string;
  dataType: string;
}

/** What is wrong with a file for its data type, in words (the rules main checks too: data-part-rules.ts). */
export function fileProblem(
  file: PickedFile,
  type: DataTypeView | undefined,
  t: T,
  lang: 'nb' | 'en',
): string | undefined {
  if (!type) return undefined;
  const problem = dataPartProblem(type, file);
  switch (problem?.kind) {
    case undefined:
    case 'read-only':
      return undefined;
    case 'empty':
      return t('acts.fileEmpty');
    case 'form-type':
      return t('acts.fileFormType', { dataType: type.id });
    case 'no-extension':
      return t('acts.fileNoExtension');
    case 'too-large':
      return t('acts.fileTooLarge', { size: formatBytes(file.size, lang), max: formatBytes(problem.maxBytes, lang) });
    case 'type-not-allowed':
      return t('acts.fileTypeNotAllowed', {
        type: mediaType(file.contentType),
        dataType: type.id,
        allowed: problem.allowed.join(', '),
      });
  }
}

/** The data types a person may upload to: not the app's receipt. */
export function uploadableTypes(types: readonly DataTypeView[]): DataTypeView[] {
  return types.filter((d) => !d.readOnly);
}

/** The data type a new file most likely belongs to: the first binary one that takes its content type. */
export function likelyType(types: readonly DataTypeView[], contentType: string): string | undefined {
  const media = mediaType(contentType);
  const binary = types.filter((d) => !d.form && !d.readOnly);
  return (
    binary.find((d) => d.allowedContentTypes.some((a) => mediaType(a) === media))?.id ??
    binary.find((d) => d.allowedContentTypes.length === 0)?.id ??
    binary[0]?.id ??
    types.find((d) => !d.readOnly)?.id
  );
}
