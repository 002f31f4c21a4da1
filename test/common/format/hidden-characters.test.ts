import { describe, expect, it } from 'vitest';
import { visibleName } from '../../../src/common/format/hidden-characters';

describe('visibleName: a name from Altinn as the window and mpd show it', () => {
  it('replaces what would make it read as something else, as the name on disk does', () => {
    expect(visibleName('x\u202Efdp.exe')).toBe('x_fdp.exe');
    expect(visibleName('faktura\u2066.pdf\u2069.exe')).toBe('faktura_.pdf_.exe');
    expect(visibleName('a\u200Bb\uFEFF')).toBe('a_b_');
  });

  it('leaves ordinary names, and no name, alone', () => {
    expect(visibleName('Søknad om støtte (2).pdf')).toBe('Søknad om støtte (2).pdf');
    expect(visibleName(null)).toBeNull();
    expect(visibleName(undefined)).toBeUndefined();
  });
});
