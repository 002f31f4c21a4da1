/**
 * The benchmark's server, in its own process so it does not share an event loop with the client being
 * measured. Prints one JSON line ({ url, storageBase, appBaseTemplate, bytes, elements, urlsFile }) when
 * ready, then serves on 127.0.0.1 until killed. Argument: a JSON { downloadInstances, listInstances, dir }.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeAltinnStorage } from '../test/fakes/altinn-storage';
import { downloadScenario, listScenario } from './scenario';

export const BENCH_TOKEN = 'bench-token';

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as { downloadInstances: number; listInstances: number; dir: string };
  const fake = new FakeAltinnStorage({
    validateToken: (token) =>
      token === BENCH_TOKEN
        ? { org: 'ttd', scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'] }
        : null,
  });
  fake.logRequests = false;
  await fake.listen();
  const downloads = fake.add(downloadScenario(args.downloadInstances));
  fake.add(listScenario(args.listInstances));
  // The same URLs our manager uses: the app API data endpoint (§3.4: recommended).
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
  process.stdout.write(
    `${JSON.stringify({ url: fake.url, storageBase: fake.storageBase, appBaseTemplate: fake.appBaseTemplate, bytes, elements, urlsFile })}\n`,
  );
  process.on('SIGTERM', () => fake.close().then(() => process.exit(0)));
}

main().catch((error) => {
  process.stderr.write(`fake-server: ${error}\n`);
  process.exit(1);
});
