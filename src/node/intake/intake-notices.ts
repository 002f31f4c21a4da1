import type { Language } from '../../common/contract/app';
import type { PassRecord, Watch, WatchStop } from '../../common/contract/intake';
import { localizedError } from '../../common/i18n/hints';
import { translate } from '../../common/i18n/translate';

/** An OS notification: a title and one line. */
export interface Notice {
  title: string;
  body: string;
}

/**
 * "3 nye innsendinger i ttd/mottak" after a pass that brought new instances (issue 12, item 3); nothing
 * after a quiet pass, so a watch that finds nothing every ten minutes stays silent.
 */
export function newSubmissionsNotice(lang: Language, watch: Watch, record: PassRecord): Notice | undefined {
  if (record.downloaded === 0) return undefined;
  const title =
    record.downloaded === 1
      ? translate(lang, 'intake.noticeNewOne', { app: watch.appId })
      : translate(lang, 'intake.noticeNew', { count: record.downloaded, app: watch.appId });
  const saved = watch.confirm
    ? translate(lang, 'intake.noticeNewBodyConfirmed', { folder: watch.target, confirmed: record.confirmed })
    : translate(lang, 'intake.noticeNewBody', { folder: watch.target });
  const failed = record.failed ? ` ${translate(lang, 'intake.noticeProblemsBody', { failed: record.failed })}` : '';
  return { title, body: `${saved}${failed}` };
}

/** A watch that stopped needs a person: say so once, with the error's title. */
export function stoppedNotice(lang: Language, watch: Watch, stop: WatchStop): Notice {
  return {
    title: translate(lang, 'intake.noticeStopped', { app: watch.appId }),
    body: localizedError(stop.error.code, lang)?.title ?? stop.error.message,
  };
}
