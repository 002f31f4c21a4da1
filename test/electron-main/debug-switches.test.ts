import { describe, expect, it } from 'vitest';
import { debugSwitchRefusal, refusedDebugSwitches } from '../../src/electron-main/debug-switches';

describe('refusedDebugSwitches (issue 17, finding 9)', () => {
  it.each([
    ['--remote-debugging-port=9222', '--remote-debugging-port'],
    ['--remote-debugging-pipe', '--remote-debugging-pipe'],
    ['--inspect', '--inspect'],
    ['--inspect-brk=0.0.0.0:9229', '--inspect-brk'],
    ['--inspect-port=1', '--inspect-port'],
    ['--js-flags=--allow-natives-syntax', '--js-flags'],
    ['-remote-debugging-port=9222', '-remote-debugging-port'],
    ['--REMOTE-DEBUGGING-PORT=9222', '--REMOTE-DEBUGGING-PORT'],
  ])('refuses %s in a packaged app', (arg, named) => {
    expect(refusedDebugSwitches(['--home=/x', arg], true, 'linux')).toEqual([named]);
  });

  it("reads Windows' slash switches only on Windows", () => {
    expect(refusedDebugSwitches(['/remote-debugging-port=9222'], true, 'win32')).toEqual(['/remote-debugging-port']);
    expect(refusedDebugSwitches(['/remote-debugging-port=9222'], true, 'linux')).toEqual([]);
  });

  it('names every switch it refuses, with the value given apart', () => {
    expect(refusedDebugSwitches(['--inspect', '--remote-debugging-port', '9222', '--js-flags', 'x'], true)).toEqual([
      '--inspect',
      '--remote-debugging-port',
      '--js-flags',
    ]);
  });

  it('lets ordinary switches through, and everything through when unpackaged', () => {
    expect(refusedDebugSwitches(['--home=/tmp/inspect', '--no-sandbox', 'inspect', '--lang=nb'], true)).toEqual([]);
    expect(refusedDebugSwitches(['--remote-debugging-port=9222', '--inspect'], false)).toEqual([]);
  });

  it('says why in both languages', () => {
    const text = debugSwitchRefusal(['--inspect']);
    expect(text).toContain('starter ikke med feilsøkingsbrytere (--inspect)');
    expect(text).toContain('does not start with debugging switches (--inspect)');
  });
});
