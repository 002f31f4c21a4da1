import { describe, expect, it } from 'vitest';
import { jobName, scheduleLines, shellWord } from '../../../src/node/intake/schedule-lines';

const base = {
  command: ['/usr/bin/node', '/opt/mpd/bin/mpd.cjs'],
  args: ['sync', '--out', '/srv/50% mottak', '--once'],
  name: 'mpd-sync-ttd-a',
};

describe('schedule lines', () => {
  it('writes cron steps that divide the hour or the day, and says when cron cannot', () => {
    expect(scheduleLines({ ...base, intervalMinutes: 10 }).cron.line).toMatch(/^\*\/10 \* \* \* \* /);
    expect(scheduleLines({ ...base, intervalMinutes: 10 }).cron.note).toBeUndefined();
    expect(scheduleLines({ ...base, intervalMinutes: 45 }).cron.note).toMatch(/full hour/);
    expect(scheduleLines({ ...base, intervalMinutes: 120 }).cron.line).toMatch(/^0 \*\/2 \* \* \* /);
    expect(scheduleLines({ ...base, intervalMinutes: 1440 }).cron.line).toMatch(/^0 0 \* \* \* /);
    expect(scheduleLines({ ...base, intervalMinutes: 90 }).cron.note).toMatch(/cannot repeat every 90 minutes/);
  });

  it('quotes for each format: % escaped for cron, doubled for systemd, quotes escaped for schtasks', () => {
    const lines = scheduleLines({ ...base, intervalMinutes: 10 });
    expect(lines.cron.line).toContain(`--out '/srv/50\\% mottak' --once`);
    expect(lines.systemd.service).toContain(
      'ExecStart=/usr/bin/node /opt/mpd/bin/mpd.cjs sync --out "/srv/50%% mottak" --once',
    );
    expect(lines.systemd.timer).toContain('OnUnitActiveSec=10min');
    expect(lines.schtasks).toBe(
      'schtasks /Create /F /TN "Maskinporten Desktop\\mpd-sync-ttd-a" /SC MINUTE /MO 10 /TR "/usr/bin/node /opt/mpd/bin/mpd.cjs sync --out \\"/srv/50% mottak\\" --once"',
    );
    expect(scheduleLines({ ...base, intervalMinutes: 1440 }).schtasks).toContain('/SC DAILY');
  });

  it('names jobs and quotes shell words safely', () => {
    expect(jobName('ttd/mottak-2')).toBe('mpd-sync-ttd-mottak-2');
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('/plain/path')).toBe('/plain/path');
  });
});
