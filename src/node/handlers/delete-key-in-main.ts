import { type ConfirmFact, confirmInMainOrRefuse } from '../platform/confirm-in-main';
import type { Services } from '../services';

/**
 * Deleting a stored key is final (only a backup brings it back), and the window's own question — the key's
 * name typed — is one a compromised window answers itself: main asks in its own dialog, naming the key, its
 * kid and thumbprint and the profiles that will be left without a key (issue 17, finding 4: every change of
 * keys is confirmed in main). A no, or no answer, deletes nothing. The command line answers for its person
 * (`mpd keys delete` is what they typed), as for every other change outside production.
 */
export async function deleteKeyConfirmedInMain(s: Services, id: string): Promise<{ deleted: boolean }> {
  // Reading the key first: an unknown id fails with the store's own error, before any dialog.
  const key = await s.keys.get(id);
  const usedBy = (await s.profiles.list()).filter((p) => p.keyId === id).map((p) => p.name);
  const facts: ConfirmFact[] = [
    ['confirm.factKid', key.kid],
    ['confirm.factThumbprint', key.thumbprint],
    ...(usedBy.length > 0 ? ([['confirm.factProfilesUsingKey', usedBy]] as ConfirmFact[]) : []),
  ];
  await confirmInMainOrRefuse(
    { desktop: s.desktop, language: async () => (await s.uiSettings.get()).language, logger: s.logger },
    {
      question: 'confirm.questionDeleteStoredKey',
      params: { name: key.name },
      confirmLabel: 'confirm.yesDeleteStoredKey',
      facts,
      notes: ['confirm.noteDeleteStoredKey', ...(usedBy.length > 0 ? (['confirm.noteKeyInProfiles'] as const) : [])],
    },
  );
  return s.keys.delete(id);
}
