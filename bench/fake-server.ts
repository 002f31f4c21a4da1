/**
 * The benchmark's servers, in their own process so they share no event loop with the client being
 * measured: the fake Maskinporten + Altinn token exchange (test/fakes/auth-server.ts) and the fake
 * Storage + app API, which accepts only real Altinn tokens from that exchange (signature, issuer,
 * expiry: `altinnTokenCheck(auth.verifyAltinnToken)`). A tiny loopback admin route lets the measured
 * `mpd` process register its client's public key, as a service owner would in the self-service portal.
 *
 * Prints one JSON line when ready ({ storageBase, appBaseTemplate, auth, adminUrl, bytes, elements,
 * urlsFile, latency, many }), then serves on 127.0.0.1 until SIGTERM. Argument: JSON { downloadInstances,
 * listInstances, latencyInstances, manyInstances, dir }.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { altinnTokenCheck, FakeAltinnStorage } from '../test/fakes/altinn-storage';
import { startAuthFake } from '../test/fakes/auth-server';
import { BENCH_ORG, BENCH_ORGNO, downloadScenario, LATENCY_APP, listScenario, manyScenario } from './scenario';

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as {
    downloadInstances: number;
    listInstances: number;
    latencyInstances: number;
    /** The memory row's one-file instances (0: none). */
    manyInstances?: number;
    dir: string;
  };
  const auth = await startAuthFake();
  auth.registerServiceOwner(BENCH_ORGNO, BENCH_ORG);
  const fake = new FakeAltinnStorage({
    validateToken: altinnTokenCheck((token) => auth.verifyAltinnToken(token)),
  });
  fake.logRequests = false;
  await fake.listen();
  const downloads = fake.add(downloadScenario(args.downloadInstances));
  fake.add(listScenario(args.listInstances));
  const latencyDownloads = fake.add(downloadScenario(args.latencyInstances, 7, LATENCY_APP));
  const many = args.manyInstances ? fake.add(manyScenario(args.manyInstances)) : [];

  // POST /register {clientId, jwk, scopes}: the measured process's key, registered on the fake Maskinporten.
  // POST /latency {ms}: every request to both fakes waits this long first (the latency regime).
  // POST /log {on}: log Storage requests from now on (cleared) or stop; GET /marks: when the Maskinporten
  // token and the Altinn token were answered, when the first query
  // and the first data request arrived and were answered (epoch ms), for the time to the first file.
  const epoch = (t: number | undefined) => (t === undefined ? undefined : performance.timeOrigin + t);
  const admin = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      try {
        if (req.method === 'POST' && req.url === '/latency') {
          const { ms } = JSON.parse(body) as { ms: number };
          fake.latencyMs = ms;
          auth.setDelayMs(ms);
          res.end('{}');
          return;
        }
        if (req.method === 'POST' && req.url === '/log') {
          fake.requests.length = 0;
          auth.resetStats();
          fake.logRequests = (JSON.parse(body) as { on: boolean }).on;
          res.end('{}');
          return;
        }
        if (req.method === 'GET' && req.url === '/marks') {
          // The first page, not the size=1 probe beside it (parallel-listing.ts).
          const query = fake.requests.find((r) => r.kind === 'query' && !r.query.includes('order='));
          const data = fake.requests.filter((r) => r.kind === 'data' && r.doneAt !== undefined);
          const firstData = data.reduce<(typeof data)[number] | undefined>(
            (a, r) => (a && (a.doneAt as number) <= (r.doneAt as number) ? a : r),
            undefined,
          );
          const answered = auth.answered();
          res.end(
            JSON.stringify({
              // The Altinn token: when the exchange answered (and the Maskinporten token before it).
              grantAt: epoch(answered.token),
              tokenAt: epoch(answered.exchange),
              queryAt: epoch(query?.at),
              queryDoneAt: epoch(query?.doneAt),
              firstDataAt: epoch(firstData?.at),
              firstDataDoneAt: epoch(firstData?.doneAt),
              queries: fake.requests.filter((r) => r.kind === 'query').length,
              // The first requests as they arrived (ms since the first query arrived) and were answered.
              early: fake.requests.slice(0, 24).map((r) => ({
                kind: r.kind,
                at: Math.round(r.at - (query?.at ?? 0)),
                done: r.doneAt === undefined ? undefined : Math.round(r.doneAt - (query?.at ?? 0)),
              })),
            }),
          );
          return;
        }
        if (req.method !== 'POST' || req.url !== '/register') throw new Error('unknown admin route');
        const { clientId, jwk, scopes } = JSON.parse(body) as { clientId: string; jwk: never; scopes: string[] };
        auth.registerClient({ clientId, orgNo: BENCH_ORGNO, keys: [jwk], scopes });
        res.end('{}');
      } catch (error) {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: String(error) }));
      }
    });
  });
  await new Promise<void>((resolve) => admin.listen(0, '127.0.0.1', resolve));

  // The URLs curl fetches: the app API data endpoints (§3.4: recommended), the same that `mpd download`
  // takes from each element's selfLinks.apps.
  const lines: string[] = [];
  let bytes = 0;
  let elements = 0;
  for (const instance of downloads) {
    for (const element of instance.elements) {
      lines.push(`${fake.url}/ttd/bench-download/instances/${instance.id}/data/${element.id}\t${element.id}`);
      bytes += element.spec.size;
      elements++;
    }
  }
  const urlsFile = join(args.dir, 'urls.tsv');
  writeFileSync(urlsFile, `${lines.join('\n')}\n`);
  let latencyBytes = 0;
  const latencyLines: string[] = [];
  for (const instance of latencyDownloads) {
    for (const element of instance.elements) {
      latencyLines.push(`${fake.url}/ttd/bench-latency/instances/${instance.id}/data/${element.id}\t${element.id}`);
      latencyBytes += element.spec.size;
    }
  }
  const latencyUrlsFile = join(args.dir, 'latency-urls.tsv');
  writeFileSync(latencyUrlsFile, `${latencyLines.join('\n')}\n`);
  const environment = auth.environment('bench');
  process.stdout.write(
    `${JSON.stringify({
      storageBase: fake.storageBase,
      appBaseTemplate: fake.appBaseTemplate,
      auth: { maskinporten: environment.maskinporten, exchangeUrl: environment.altinn.exchangeUrl },
      adminUrl: `http://127.0.0.1:${(admin.address() as AddressInfo).port}`,
      bytes,
      elements,
      urlsFile,
      latency: { urlsFile: latencyUrlsFile, bytes: latencyBytes, elements: latencyLines.length },
      many: {
        instances: many.length,
        bytes: many.reduce((sum, i) => sum + i.elements.reduce((s, e) => s + e.spec.size, 0), 0),
      },
    })}\n`,
  );
  process.on('SIGTERM', () => {
    admin.close();
    Promise.all([fake.close(), auth.close()]).finally(() => process.exit(0));
  });
}

main().catch((error) => {
  process.stderr.write(`fake-server: ${error?.stack ?? error}\n`);
  process.exit(1);
});
