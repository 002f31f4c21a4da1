import type { Language } from '../../common/contract/app';
import { downloadNotices } from '../../common/i18n/errors/downloads';
import type { Desktop } from '../platform/desktop';
import type { EventBus } from '../platform/event-bus';
import { DownloadManager, type DownloadManagerOptions } from './download-manager';

/**
 * The manager as the app runs it: progress goes out as `downloads:progress` events (to the window, the
 * e2e page and the CLI), and an OS notification says when a job has ended.
 */
export function createDownloadsService(
  options: DownloadManagerOptions & { events: EventBus; desktop: Desktop; language?: () => Promise<Language> },
): DownloadManager {
  const manager = new DownloadManager(options);
  manager.onProgress((progress) => options.events.emit('downloads:progress', progress));
  manager.onFinished(async (job) => {
    const language = (await options.language?.().catch(() => 'nb' as const)) ?? 'nb';
    const texts = downloadNotices[language];
    const title = texts.title[job.state === 'running' ? 'completed' : job.state];
    const body = texts.body(job.instances.done, job.instances.failed, job.elements.infected);
    options.desktop.notify(title, body);
  });
  return manager;
}
