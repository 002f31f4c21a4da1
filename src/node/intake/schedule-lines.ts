/**
 * `mpd sync schedule --print`: the same watch as a job of the system's scheduler — a crontab line, a
 * systemd timer with its service, and a Windows `schtasks` command — each running `mpd sync … --once`
 * at the watch's interval. Quoting follows each format: POSIX shell words for cron (where `%` means a
 * newline and must be escaped, crontab(5)), systemd's own quoting with `%` doubled (systemd.unit(5),
 * "Specifiers"), and schtasks' /TR string with inner quotes as \".
 */
export interface ScheduleInput {
  /** The program and script that run `mpd` here, absolute (e.g. node and bin/mpd.cjs). */
  command: string[];
  /** The arguments after the command: `sync --profile … --once …`. */
  args: string[];
  intervalMinutes: number;
  /** A short name for the job, e.g. `mpd-sync-ttd-mottak`. */
  name: string;
}

export interface ScheduleLines {
  cron: { line: string; note?: string };
  systemd: { service: string; timer: string; serviceName: string; timerName: string };
  schtasks: string;
}

export function scheduleLines(input: ScheduleInput): ScheduleLines {
  return { cron: cronEntry(input), systemd: systemdUnits(input), schtasks: schtasksCommand(input) };
}

/** A name safe for a unit file and a task: letters, digits, dashes. */
export function jobName(appId: string): string {
  return `mpd-sync-${appId.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

function cronEntry(input: ScheduleInput): ScheduleLines['cron'] {
  const m = input.intervalMinutes;
  const words = [...input.command, ...input.args].map(shellWord).join(' ').replace(/%/g, '\\%');
  let when: string;
  let note: string | undefined;
  if (m < 60) {
    when = `*/${m} * * * *`;
    if (60 % m !== 0) note = `cron restarts */${m} at every full hour, so the last gap of each hour is shorter`;
  } else if (m % 60 === 0 && 24 % (m / 60) === 0) {
    when = m === 1440 ? '0 0 * * *' : `0 */${m / 60} * * *`;
  } else {
    const hours = Math.max(1, Math.round(m / 60));
    when = hours >= 24 ? '0 0 * * *' : `0 */${hours} * * *`;
    note = `cron cannot repeat every ${m} minutes; this runs every ${Math.min(hours, 24)} hour(s)`;
  }
  return { line: `${when} ${words}`, ...(note ? { note } : {}) };
}

function systemdUnits(input: ScheduleInput): ScheduleLines['systemd'] {
  const exec = [...input.command, ...input.args].map(systemdWord).join(' ');
  const service = [
    '[Unit]',
    `Description=Maskinporten Desktop intake (${input.name})`,
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=oneshot',
    `ExecStart=${exec}`,
    '',
  ].join('\n');
  const timer = [
    '[Unit]',
    `Description=Run ${input.name}.service every ${input.intervalMinutes} min`,
    '',
    '[Timer]',
    'OnBootSec=2min',
    `OnUnitActiveSec=${input.intervalMinutes}min`,
    'AccuracySec=30s',
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return { service, timer, serviceName: `${input.name}.service`, timerName: `${input.name}.timer` };
}

function schtasksCommand(input: ScheduleInput): string {
  const run = [...input.command, ...input.args].map(windowsWord).join(' ');
  const m = input.intervalMinutes;
  const every = m < 1440 ? `/SC MINUTE /MO ${m}` : '/SC DAILY';
  return `schtasks /Create /F /TN "Maskinporten Desktop\\${input.name}" ${every} /TR "${run.replace(/"/g, '\\"')}"`;
}

/** One POSIX shell word: bare when it is plain, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** systemd splits ExecStart on spaces, honours double quotes and C escapes, and expands `%` specifiers. */
function systemdWord(word: string): string {
  const escaped = word.replace(/%/g, '%%');
  return /^[A-Za-z0-9_@+=:,./-]+$/.test(escaped) ? escaped : `"${escaped.replace(/(["\\])/g, '\\$1')}"`;
}

/** A Windows command-line word (CommandLineToArgvW rules): quoted when it has a space or a quote. */
function windowsWord(word: string): string {
  return /^[^\s"]+$/.test(word) ? word : `"${word.replace(/"/g, '\\"')}"`;
}
