import { describe, expect, it } from 'vitest';
import { hostUrl, type MarkSystem, originMarkFor } from '../../../src/node/platform/origin-mark';

/** A system that records what a writer would write and run, on any machine. */
function recordingSystem() {
  const writes: { path: string; data: string }[] = [];
  const runs: { command: string; args: string[] }[] = [];
  const system: MarkSystem = {
    writeFile: async (path, data) => {
      writes.push({ path, data });
    },
    run: async (command, args) => {
      runs.push({ command, args });
    },
    now: () => new Date('2026-12-07T10:11:12Z'),
    uuid: () => '0b7c8e2a-5d4f-4a3b-9c1d-2e3f4a5b6c7d',
  };
  return { system, writes, runs };
}

const URL_A =
  'https://ttd.apps.tt02.altinn.no/ttd/app/instances/512345/4b9c8f1e-9f0b-4c2e-8d8a-0f5f1f3c2a11/data/1b4e28ba-2fa1-41d2-a883-0e02b4d4f8f1';

describe('the mark that a file came from the internet (issue 17, finding 5)', () => {
  it('on Windows: a Zone.Identifier stream, zone 3 (Internet), with the URL the bytes came from', async () => {
    const { system, writes, runs } = recordingSystem();
    const mark = originMarkFor('win32', system);
    expect(mark.writes).toBe(true);
    await mark.mark([
      { path: 'C:\\Mottak\\ttd_app\\512345_4b9c\\søknad.docx', url: URL_A },
      { path: 'D:\\x\\b.pdf', url: 'https://platform.tt02.altinn.no/storage/api/v1/instances/1/2/data/3' },
    ]);
    expect(writes).toEqual([
      {
        path: 'C:\\Mottak\\ttd_app\\512345_4b9c\\søknad.docx:Zone.Identifier',
        data: `[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=${URL_A}\r\n`,
      },
      {
        path: 'D:\\x\\b.pdf:Zone.Identifier',
        data: '[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://platform.tt02.altinn.no/storage/api/v1/instances/1/2/data/3\r\n',
      },
    ]);
    expect(Buffer.from(writes[0]!.data, 'utf8').subarray(0, 17).toString('latin1')).toBe('[ZoneTransfer]\r\nZ');
    expect(runs).toEqual([]);
  });

  it('on macOS: com.apple.quarantine through /usr/bin/xattr, 0081;<hex seconds>;agent;UUID, a batch per run', async () => {
    const { system, writes, runs } = recordingSystem();
    const mark = originMarkFor('darwin', system);
    expect(mark.writes).toBe(true);
    const files = Array.from({ length: 101 }, (_, i) => ({ path: `/Users/kari/Mottak/f${i}.pdf`, url: URL_A }));
    await mark.mark(files);
    const value = `0081;${Math.floor(Date.parse('2026-12-07T10:11:12Z') / 1000).toString(16)};Maskinporten Desktop;0B7C8E2A-5D4F-4A3B-9C1D-2E3F4A5B6C7D`;
    expect(value).toBe('0081;6b168640;Maskinporten Desktop;0B7C8E2A-5D4F-4A3B-9C1D-2E3F4A5B6C7D');
    expect(runs).toEqual([
      {
        command: '/usr/bin/xattr',
        args: ['-w', 'com.apple.quarantine', value, ...files.slice(0, 100).map((f) => f.path)],
      },
      { command: '/usr/bin/xattr', args: ['-w', 'com.apple.quarantine', value, files[100]!.path] },
    ]);
    expect(writes).toEqual([]);
    await expect(mark.mark([{ path: 'relative.pdf', url: URL_A }])).rejects.toThrow(/absolute/);
  });

  it('on Linux (and the rest): writes nothing — no mark there that programs honour', async () => {
    for (const platform of ['linux', 'freebsd'] as const) {
      const { system, writes, runs } = recordingSystem();
      const mark = originMarkFor(platform, system);
      expect(mark.writes).toBe(false);
      await mark.mark([{ path: '/home/kari/a.pdf', url: URL_A }]);
      expect(writes).toEqual([]);
      expect(runs).toEqual([]);
    }
  });

  it('puts only an http(s) URL without user name or password into the mark, on one line', () => {
    expect(hostUrl(URL_A)).toBe(URL_A);
    expect(hostUrl('https://user:secret@host.example/x')).toBe('https://host.example/x');
    expect(hostUrl('file:///etc/passwd')).toBe('about:internet');
    expect(hostUrl('not a url\r\nZoneId=0')).toBe('about:internet');
  });
});
