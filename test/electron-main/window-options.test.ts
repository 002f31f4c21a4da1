import { describe, expect, it } from 'vitest';
import { secureWindowOptions } from '../../src/electron-main/window-options';

describe('secureWindowOptions', () => {
  const options = secureWindowOptions('/app/out/preload/preload.cjs', true);
  const web = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads the preload it was given and nothing else', () => {
    expect(web.preload).toBe('/app/out/preload/preload.cjs');
    expect(Object.keys(web).sort()).toMatchInlineSnapshot(`
      [
        "allowRunningInsecureContent",
        "contextIsolation",
        "devTools",
        "experimentalFeatures",
        "navigateOnDragDrop",
        "nodeIntegration",
        "nodeIntegrationInSubFrames",
        "nodeIntegrationInWorker",
        "preload",
        "sandbox",
        "spellcheck",
        "webSecurity",
        "webviewTag",
      ]
    `);
  });

  it('opens DevTools only in an unpackaged app, whatever NODE_ENV says at run time (issue 17, finding 9)', () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      expect(secureWindowOptions('/p.cjs', true).webPreferences?.devTools).toBe(false);
    } finally {
      process.env.NODE_ENV = before;
    }
    expect(secureWindowOptions('/p.cjs', false).webPreferences?.devTools).toBe(true);
  });
});
