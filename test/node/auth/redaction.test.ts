import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, fileSink, type LogSink, memorySink } from '../../../src/node/platform/log';
import { tempHome } from '../../helpers/temp-home';
import { type AuthHarness, appErrorOf, authHarness } from './auth-harness';

let h: AuthHarness | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await h?.fake.close();
  await cleanup?.();
  h = undefined;
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

describe('redaction: tokens and grants never reach the logs or the home folder', () => {
  it('a full flow, with failures and retries, leaves zero hits', async () => {
    const home = await tempHome();
    cleanup = home.cleanup;
    const memory = memorySink();
    const file = fileSink(join(home.home, 'logs', 'mpd.log'));
    const both: LogSink = {
      write(line) {
        memory.write(line);
        file.write(line);
      },
    };
    h = await authHarness({ logger: createLogger(both, { level: 'debug' }) });

    await h.service.getToken('p1', { altinn: true });
    await h.service.copyToken('p1', 'maskinporten');
    await h.service.doctor('p1');
    h.service.clear();
    h.fake.setClockOffsetSeconds(30); // a skew retry
    await h.service.getToken('p1', { altinn: true });
    h.fake.setClockOffsetSeconds(0);
    h.fake.failNext(401, '', 'exchange');
    h.service.clear();
    await appErrorOf(h.service.getToken('p1', { altinn: true }));
    h.fake.rejectKid('kid-1');
    h.service.clear();
    await appErrorOf(h.service.getToken('p1'));
    await h.service.doctor('p1');

    const issued = h.fake.issuedTokens();
    const secrets = [
      ...issued.accessTokens,
      ...issued.altinnTokens,
      ...h.fake.receivedGrants().map((g) => g.assertion),
    ];
    expect(issued.accessTokens.length).toBeGreaterThanOrEqual(3);
    expect(issued.altinnTokens.length).toBeGreaterThanOrEqual(2);
    expect(h.fake.receivedGrants().length).toBeGreaterThanOrEqual(6);
    // Each part of a JWT alone is already a leak (the signature part is unique to it).
    const needles = secrets.flatMap((s) => [s, s.split('.')[2]]);

    const logText = memory.lines.join('\n');
    expect(memory.lines.length).toBeGreaterThan(10);
    const files = await filesUnder(home.home);
    expect(files.length).toBeGreaterThan(0);
    const fileTexts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    const hits = needles.filter((n) => logText.includes(n) || fileTexts.some((t) => t.includes(n)));
    expect(hits).toEqual([]);
  });
});
