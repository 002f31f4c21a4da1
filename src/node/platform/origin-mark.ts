import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

/**
 * The operating system's mark that a file came from the internet (issue 17, finding 5): Windows' Mark of
 * the Web and macOS's quarantine. With it, Office opens a document from a stranger in Protected View with
 * its macros off, SmartScreen and Gatekeeper check a program before it runs, and archive tools pass the
 * mark on to what they unpack — as for a file a browser downloaded. Without it a submitted file looked
 * like one the user made.
 *
 * - Windows: an NTFS alternate data stream `<file>:Zone.Identifier` holding
 *   `[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=<url>\r\n` — zone 3 is URLZONE_INTERNET; the text is what
 *   Chromium writes when it sets the mark itself (chromium components/services/quarantine/quarantine_win.cc,
 *   SetInternetZoneIdentifierDirectly). A volume without streams (FAT32, exFAT, some shares) cannot hold it.
 * - macOS: the extended attribute `com.apple.quarantine`, `<flags>;<seconds since 1970, hex>;<agent>;<UUID>`
 *   with flags 0081 — bit 0x0001 is QTN_FLAG_DOWNLOAD (libquarantine's qtn_flags), and 0081 is what files
 *   downloaded by other apps carry and what Apple's tools set by hand for "downloaded" — set with
 *   `/usr/bin/xattr -w` for a whole batch of files in one run.
 * - Linux and the rest: nothing. No desktop there has a mark its programs honour (Chromium writes only
 *   informational `user.xdg.origin.url` attributes), so the mark is not written and nothing relies on it.
 *
 * The writer is chosen by platform and takes the system calls as arguments, so each platform's exact
 * bytes, paths and commands are tested on any machine (test/node/platform/origin-mark.test.ts).
 */
export interface MarkedFile {
  path: string;
  /** Where the bytes came from (the data element's URL; it carries no token). */
  url: string;
}

export interface OriginMark {
  /** Whether this platform has a mark at all (false: `mark` does nothing). */
  readonly writes: boolean;
  /** Mark these files; resolves when done. Throws only if the mark could not be written. */
  mark(files: MarkedFile[]): Promise<void>;
}

/** What the writers need from the system: the outside world, replaced in tests. */
export interface MarkSystem {
  writeFile(path: string, data: string): Promise<void>;
  run(command: string, args: string[]): Promise<void>;
  now(): Date;
  uuid(): string;
}

export const QUARANTINE_AGENT = 'Maskinporten Desktop';
/** QTN_FLAG_DOWNLOAD (0x0001) with 0x0080, as downloaded files carry it. */
export const QUARANTINE_FLAGS = '0081';
/** Paths per xattr run: well under macOS's ARG_MAX (1 MiB) for paths of up to 4 KiB. */
const XATTR_BATCH = 100;

export function zoneIdentifier(url: string): string {
  return `[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=${url}\r\n`;
}

export function quarantineValue(now: Date, uuid: string): string {
  const seconds = Math.floor(now.getTime() / 1000).toString(16);
  return `${QUARANTINE_FLAGS};${seconds};${QUARANTINE_AGENT};${uuid.toUpperCase()}`;
}

export function originMarkFor(platform: NodeJS.Platform, system: MarkSystem = nodeMarkSystem): OriginMark {
  if (platform === 'win32') {
    return {
      writes: true,
      async mark(files) {
        for (const file of files)
          await system.writeFile(`${file.path}:Zone.Identifier`, zoneIdentifier(hostUrl(file.url)));
      },
    };
  }
  if (platform === 'darwin') {
    return {
      writes: true,
      async mark(files) {
        if (files.some((f) => !f.path.startsWith('/'))) throw new Error('xattr is given absolute paths only');
        const value = quarantineValue(system.now(), system.uuid());
        for (let i = 0; i < files.length; i += XATTR_BATCH) {
          // Absolute paths (the download folder is resolved), so none can be read as an option.
          const paths = files.slice(i, i + XATTR_BATCH).map((f) => f.path);
          await system.run('/usr/bin/xattr', ['-w', 'com.apple.quarantine', value, ...paths]);
        }
      },
    };
  }
  return { writes: false, mark: async () => {} };
}

/** The URL as the mark may hold it: http(s) only, no user name or password in it, one line. */
export function hostUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'about:internet';
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return 'about:internet';
  }
}

const nodeMarkSystem: MarkSystem = {
  writeFile: (path, data) => writeFile(path, data, 'utf8'),
  run: (command, args) =>
    new Promise((resolve, reject) => {
      execFile(command, args, { windowsHide: true, timeout: 30_000 }, (error) => (error ? reject(error) : resolve()));
    }),
  now: () => new Date(),
  uuid: () => randomUUID(),
};
