import { describe, expect, it } from 'vitest';
import { interpolate, type MessageKey, translate } from '../../../src/common/i18n/translate';

describe('translate', () => {
  it('gives the message in the asked language', () => {
    expect(translate('nb', 'shell.navKeys')).toBe('Nøkler');
    expect(translate('en', 'shell.navKeys')).toBe('Keys');
  });

  it('fills {name} placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'shell.errorCode', { code: 'X_Y' })).toBe('Error code: X_Y');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('does not treat inherited properties as parameters', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });

  it('shows the key itself when a message is missing, so the gap is visible', () => {
    expect(translate('en', 'shell.noSuchKey' as MessageKey)).toBe('shell.noSuchKey');
    expect(translate('en', 'nowhere.key' as MessageKey)).toBe('nowhere.key');
  });
});
