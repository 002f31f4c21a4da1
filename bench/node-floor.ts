/**
 * The Node.js floors of the benchmark: the least any client written for Node can do for the same work,
 * measured on the same machine against the same fake, so the ratios of `mpd` to curl can be read
 * against what the runtime itself allows. None of this is product code; it exists to be measured.
 *
 *   receive   the download URLs through a plain node:http keep-alive agent with the same concurrency,
 *             each body read and thrown away: no file, no hash, no fsync. Nothing written for Node
 *             downloads faster than this.
 *   write     each body written to its own file as it arrives, as curl does: no hash, no fsync, no
 *             rename. What Node costs beside curl for the same job.
 *   safe      the same plus the safety steps `mpd download` always takes, in their cheapest form:
 *             a temp file written with blocking writes, MD5 on the same thread, fsync, rename. No
 *             listing, retries, resume, manifest or progress.
 *   safe-batch the same, but renamed at once and flushed in batches (every BATCH files and at the end:
 *             each file's fsync, two at a time, then each folder's), as `mpd download` now does. Both safe
 *             modes write a folder per instance (three files), as `mpd download` does.
 *   list-raw  the listing pages followed one after another, the next page asked for as soon as its
 *             link shows in the first bytes; bodies read but not parsed.
 *   list-parse the same, each page also parsed with JSON.parse (what any client that reads the
 *             instances must do at least).
 *
 * Argument: JSON { mode, urlsFile | firstPage, token, concurrency, target }. Prints one JSON line
 * { seconds, cpuSeconds, peakRss } timed from the first request (no process start, like ours).
 */
import { createHash } from 'node:crypto';
import { closeSync, fsync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { Agent, get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';

interface Args {
  mode: 'receive' | 'write' | 'safe' | 'safe-batch' | 'list-raw' | 'list-parse';
  token: string;
  urlsFile?: string;
  firstPage?: string;
  concurrency?: number;
  target?: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
const headers = { Authorization: `Bearer ${args.token}`, Accept: 'application/json' };

function request(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
      else resolve(res);
    }).on('error', reject);
  });
}

function drain(res: IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    res.on('data', () => {});
    res.once('end', resolve);
    res.once('error', reject);
  });
}

function save(res: IncomingMessage, path: string): Promise<void> {
  const fd = openSync(path, 'w');
  return new Promise((resolve, reject) => {
    res.on('data', (chunk: Buffer) => writeSync(fd, chunk));
    res.once('error', reject);
    res.once('end', () => {
      closeSync(fd);
      resolve();
    });
  });
}

/** safe-batch: renamed files (still open) not yet flushed, and the flush in progress. */
const BATCH = 64;
let unflushed: { fd: number; folder: string }[] = [];
let flushing: Promise<void> = Promise.resolve();
const fsyncFd = (fd: number) => new Promise<void>((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));

/** As flush-batch.ts does it: each file's fsync (two at a time), then each folder's; open/close blocking. */
function flushBatch(): Promise<void> {
  const batch = unflushed;
  unflushed = [];
  flushing = flushing.then(async () => {
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const { fd } = batch[next++] as { fd: number };
        await fsyncFd(fd);
        closeSync(fd);
      }
    };
    await Promise.all([lane(), lane()]);
    for (const folder of new Set(batch.map((b) => b.folder))) {
      const fd = openSync(folder, 'r');
      await fsyncFd(fd);
      closeSync(fd);
    }
  });
  return flushing;
}

function saveSafely(res: IncomingMessage, folder: string, name: string): Promise<void> {
  const temp = join(folder, `${name}.part`);
  const fd = openSync(temp, 'w');
  const md5 = createHash('md5');
  return new Promise((resolve, reject) => {
    res.on('data', (chunk: Buffer) => {
      md5.update(chunk);
      writeSync(fd, chunk);
    });
    res.once('error', reject);
    res.once('end', () => {
      md5.digest('base64');
      if (args.mode === 'safe-batch') {
        renameSync(temp, join(folder, name));
        unflushed.push({ fd, folder });
        if (unflushed.length >= BATCH) void flushBatch();
        return resolve();
      }
      fsync(fd, (error) => {
        closeSync(fd);
        if (error) return reject(error);
        renameSync(temp, join(folder, name));
        resolve();
      });
    });
  });
}

async function download(): Promise<void> {
  const lines = readFileSync(args.urlsFile as string, 'utf8')
    .trim()
    .split('\n');
  let next = 0;
  const lane = async () => {
    while (next < lines.length) {
      const index = next++;
      const [url, id] = (lines[index] as string).split('\t') as [string, string];
      const res = await request(url);
      if (args.mode === 'receive') await drain(res);
      else if (args.mode === 'write') await save(res, join(args.target as string, id));
      else {
        // A folder per instance: the URLs come three per instance, one after another.
        const folder = join(args.target as string, `i${Math.floor(index / 3)}`);
        mkdirSync(folder, { recursive: true });
        await saveSafely(res, folder, id);
      }
    }
  };
  await Promise.all(Array.from({ length: args.concurrency ?? 4 }, lane));
  if (args.mode === 'safe-batch') await flushBatch();
}

/** The page's `next` link from its first bytes (Storage writes it before `instances`). */
function leadingNext(text: string): string | undefined {
  const match = /"next"\s*:\s*"([^"]*)"/.exec(text.slice(0, 4096));
  return match?.[1] || undefined;
}

async function list(): Promise<number> {
  const parse = args.mode === 'list-parse';
  let instances = 0;
  type Page = { body: Promise<string>; next: Promise<string | undefined> };
  const fetchPage = (url: string): Page => {
    let tellNext: (next: string | undefined) => void = () => {};
    const next = new Promise<string | undefined>((resolve) => {
      tellNext = resolve;
    });
    const body = request(url).then(
      (res) =>
        new Promise<string>((resolve, reject) => {
          const chunks: Buffer[] = [];
          let size = 0;
          let head = true;
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            size += chunk.length;
            if (head) {
              const start = chunks.length === 1 ? chunk : Buffer.concat(chunks, size);
              const link = leadingNext(start.toString('utf8', 0, 4096));
              if (link || size > 4096) {
                head = false;
                tellNext(link);
              }
            }
          });
          res.once('error', reject);
          res.once('end', () => {
            const text = Buffer.concat(chunks, size).toString('utf8');
            if (head) tellNext(leadingNext(text));
            resolve(text);
          });
        }),
    );
    return { body, next };
  };
  let page: Page | undefined = fetchPage(args.firstPage as string);
  while (page) {
    const link: string | undefined = await page.next;
    const following: Page | undefined = link ? fetchPage(link) : undefined;
    const text = await page.body;
    instances += parse ? (JSON.parse(text) as { instances: unknown[] }).instances.length : 1;
    page = following;
  }
  return instances;
}

async function main(): Promise<void> {
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  let instances = 0;
  if (args.mode === 'list-raw' || args.mode === 'list-parse') instances = await list();
  else await download();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRss: peak ? Number(peak[1]) * 1024 : process.memoryUsage().rss,
      instances,
    })}\n`,
  );
  agent.destroy();
}

main().catch((error) => {
  process.stderr.write(`node-floor: ${error?.stack ?? error}\n`);
  process.exit(1);
});
