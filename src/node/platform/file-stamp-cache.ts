import { type BigIntStats, statSync } from 'node:fs';

export interface FileStampCache<T> {
  /**
   * The value as of the file now: loaded again only when the file differs from the last load's. The
   * value is shared by every caller until then, so it is frozen (deeply): copy it to change it.
   */
  get(): Promise<T>;
  /** Forget the value: call after this process writes the file. */
  clear(): void;
}

/** What identifies one version of a file; null for no file. */
type Stamp = Pick<BigIntStats, 'ino' | 'size' | 'mtimeNs' | 'ctimeNs'> | null;

/**
 * A value loaded from a file (parsed, validated), kept while the file stays the same — whoever changes
 * it, this process or another (the CLI and the app share the home folder and may run at once). Each
 * get() compares the file's inode, size and change times (ns) with those taken just before the last
 * load, so a write between that stat and the read is seen at the next call. An atomic write (temp file +
 * rename) gives the file a new inode, so even a same-size change within one clock tick is seen.
 *
 * The stat is synchronous on purpose: this is asked on every Storage request of a download (the token
 * lookup reads the profile and the environment), a local stat takes about a microsecond, and an
 * asynchronous one would queue for a libuv pool thread behind the download's writes and fsyncs.
 */
export function fileStampCache<T>(path: string, load: () => Promise<T>): FileStampCache<T> {
  let entry: { stamp: Stamp; value: T } | undefined;
  return {
    async get() {
      const stamp = stampOf(path);
      if (entry && stamp !== undefined && sameStamp(entry.stamp, stamp)) return entry.value;
      const value = deepFreeze(await load());
      entry = stamp === undefined ? undefined : { stamp, value };
      return value;
    },
    clear() {
      entry = undefined;
    },
  };
}

/** Plain data only (parsed JSON): objects and arrays, all the way down. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The file's stamp; undefined when it cannot be told (then the value is loaded every time). */
function stampOf(path: string): Stamp | undefined {
  try {
    const s = statSync(path, { bigint: true, throwIfNoEntry: false });
    return s ? { ino: s.ino, size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs } : null;
  } catch {
    return undefined;
  }
}

function sameStamp(a: Stamp, b: Stamp): boolean {
  if (a === null || b === null) return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
