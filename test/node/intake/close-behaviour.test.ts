import { describe, expect, it } from 'vitest';
import { closeAnswer, closeDecision, closeQuestion, trayTexts } from '../../../src/node/intake/close-behaviour';

describe('closing the window while intakes run', () => {
  it('quits as before when no watch is active, else does what is remembered or asks', () => {
    expect(closeDecision(0, 'ask')).toBe('quit');
    expect(closeDecision(0, 'background')).toBe('quit');
    expect(closeDecision(2, 'ask')).toBe('ask');
    expect(closeDecision(2, 'background')).toBe('background');
    expect(closeDecision(1, 'quit')).toBe('quit');
  });

  it('turns the answer into a choice, remembered only when asked to; closing the question keeps them running', () => {
    expect(closeAnswer(0, false)).toEqual({ choice: 'background' });
    expect(closeAnswer(1, true)).toEqual({ choice: 'quit', remember: 'quit' });
    expect(closeAnswer(0, true)).toEqual({ choice: 'background', remember: 'background' });
    expect(closeAnswer(-1, false)).toEqual({ choice: 'background' });
  });

  it('asks in the window’s language, naming how many watches run', () => {
    const nb = closeQuestion('nb', 3);
    expect(nb.buttons).toEqual(['Fortsett i bakgrunnen', 'Stopp og avslutt']);
    expect(nb.detail).toMatch(/^3 mottak ser etter nye innsendinger/);
    expect(closeQuestion('en', 2).checkboxLabel).toBe('Remember my choice');
    expect(trayTexts('nb', 2).tooltip).toBe('Maskinporten Desktop: 2 mottak');
  });
});
