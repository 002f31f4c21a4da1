import type { ChannelParsed } from '../../common/contract';
import { type ConfirmFact, confirmInMainOrRefuse } from '../platform/confirm-in-main';
import type { Services } from '../services';

/**
 * Confirming receipt in production (POST …/complete: Altinn may then delete the instances) is asked in main's
 * own dialog after the window's yes (`confirmProduction`), for a download job that confirms and for
 * confirming afterwards (issue 17, finding 4). Without the window's yes nothing is asked here: the service
 * refuses with its own code. Here, not in src/node/downloads/: the CLI's typed yes or flag is its person's
 * own answer, and the window is the one that cannot be taken at its word.
 */
export async function confirmDownloadJobInMain(s: Services, input: ChannelParsed<'downloads:start'>): Promise<void> {
  if (!input.confirm || input.confirmProduction !== true) return;
  const source = input.source;
  await ask(s, input.profileId, {
    question: 'confirm.questionDownloadConfirm',
    confirmLabel: 'confirm.yesDownloadConfirm',
    facts: [
      ...(source.kind === 'query' ? ([['confirm.factApp', source.filters.appId]] as ConfirmFact[]) : []),
      ...(source.kind === 'instances' ? ([['confirm.factInstances', source.instanceIds.length]] as ConfirmFact[]) : []),
      ['confirm.factFolder', input.target],
    ],
  });
}

export async function confirmAfterwardsInMain(s: Services, input: ChannelParsed<'instances:confirm'>): Promise<void> {
  if (input.confirmProduction !== true) return;
  let folder = input.target ?? '';
  if (!folder && input.jobId) {
    try {
      folder = s.downloads.targetOf(input.jobId);
    } catch {
      // The service says what is wrong with the job; the dialog is not reached.
      return;
    }
  }
  await ask(s, input.profileId, {
    question: 'confirm.questionConfirmInstances',
    params: { count: input.instanceIds.length },
    confirmLabel: 'confirm.yesConfirmInstances',
    facts: [
      ['confirm.factInstances', input.instanceIds.length],
      ['confirm.factFolder', folder],
    ],
  });
}

async function ask(
  s: Services,
  profileId: string,
  change: {
    question: 'confirm.questionDownloadConfirm' | 'confirm.questionConfirmInstances';
    params?: Record<string, number>;
    confirmLabel: 'confirm.yesDownloadConfirm' | 'confirm.yesConfirmInstances';
    facts: ConfirmFact[];
  },
): Promise<void> {
  const profile = await s.profiles.get(profileId);
  const environment = await s.environments.get(profile.environmentId);
  if (!environment.production) return;
  await confirmInMainOrRefuse(
    { desktop: s.desktop, language: async () => (await s.uiSettings.get()).language, logger: s.logger },
    {
      environment,
      ...change,
      facts: [['confirm.factProfile', profile.name], ['confirm.factClient', profile.clientId], ...change.facts],
      notes: ['confirm.noteConfirmDeletes'],
    },
  );
}
