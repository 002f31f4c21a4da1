import type { T } from '../../hooks/use-t';

/** A task type in words, with Altinn's name beside it: "utfylling (data)". */
export function taskTypeText(type: string | null, t: T): string {
  if (!type) return '–';
  const word =
    type === 'data'
      ? t('acts.taskTypeData')
      : type === 'confirmation'
        ? t('acts.taskTypeConfirmation')
        : type === 'signing'
          ? t('acts.taskTypeSigning')
          : type === 'payment'
            ? t('acts.taskTypePayment')
            : type === 'feedback'
              ? t('acts.taskTypeFeedback')
              : undefined;
  return word ? `${word} (${type})` : t('acts.taskTypeOther', { type });
}
