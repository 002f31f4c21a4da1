import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/browser/api';
import { draftToInput, draftToPatch, emptyDraft } from '../../../../src/browser/features/profiles/profile-draft';
import { fieldErrorsFrom, fieldForPath } from '../../../../src/browser/features/profiles/profile-error-fields';
import type { Envelope } from '../../../../src/common/contract';
import { tempHome } from '../../../helpers/temp-home';
import { testServices } from '../../../helpers/test-services';

/** Main's real refusals (real dispatch over real services), placed on the form's fields. */
describe('profile errors from main → form fields', () => {
  let cleanup: () => Promise<void>;
  let dispatch: ReturnType<typeof testServices>['dispatch'];
  let keyId: string;

  async function refusal(channel: string, input: unknown): Promise<ApiError> {
    const envelope = (await dispatch(channel, input)) as Envelope<unknown>;
    if (envelope.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return new ApiError(envelope.error);
  }

  function draft(overrides: Partial<ReturnType<typeof emptyDraft>> = {}) {
    return {
      ...emptyDraft(),
      name: 'Skatteetaten',
      clientId: 'client-1',
      keyId,
      scopes: ['altinn:serviceowner/instances.read'],
      ...overrides,
    };
  }

  beforeEach(async () => {
    const temp = await tempHome();
    cleanup = temp.cleanup;
    dispatch = testServices(temp.home).dispatch;
    const key = await dispatch('keys:generate', { name: 'k' });
    if (!key.ok) throw new Error(key.error.code);
    keyId = (key.result as { id: string }).id;
  });

  afterEach(async () => {
    await cleanup();
  });

  it('puts a consumer_org with a wrong check digit on the consumer_org field (add)', async () => {
    const error = await refusal('profiles:add', draftToInput(draft({ consumerOrg: '123456789' }), 'tt02'));
    expect(fieldErrorsFrom(error)).toEqual({
      fields: { consumerOrg: 'profiles.errOrgNumberInvalid' },
      general: false,
    });
  });

  it('puts a bad system user org number on its field (update: the patch prefix is dropped)', async () => {
    const added = await dispatch('profiles:add', draftToInput(draft(), 'tt02'));
    if (!added.ok) throw new Error(added.error.code);
    const id = (added.result as { id: string }).id;
    const error = await refusal('profiles:update', {
      id,
      patch: draftToPatch(draft({ systemUserOrg: '987654321', externalRef: 'x' })),
    });
    expect(fieldErrorsFrom(error).fields).toEqual({ systemUserOrg: 'profiles.errOrgNumberInvalid' });
  });

  it('names the name field when the name is taken, and the key field when the key is gone', async () => {
    const first = await dispatch('profiles:add', draftToInput(draft(), 'tt02'));
    expect(first.ok).toBe(true);
    const taken = await refusal('profiles:add', draftToInput(draft({ name: 'SKATTEETATEN' }), 'tt02'));
    expect(fieldErrorsFrom(taken).fields).toEqual({ name: 'profiles.errNameTaken' });
    const noKey = await refusal('profiles:add', draftToInput(draft({ name: 'B', keyId: 'no-such-key' }), 'tt02'));
    expect(fieldErrorsFrom(noKey).fields).toEqual({ keyId: 'profiles.errKeyNotFound' });
  });

  it('names the test-org switch when it is on in production', async () => {
    const error = await refusal('profiles:add', draftToInput(draft({ testOrg: true }), 'prod'));
    expect(fieldErrorsFrom(error)).toEqual({ fields: { testOrg: 'profiles.errTestOrgProduction' }, general: false });
  });

  it('leaves an error that names no field to the general alert', async () => {
    const error = await refusal('profiles:add', draftToInput(draft(), 'no-such-env'));
    expect(fieldErrorsFrom(error)).toEqual({ fields: {}, general: true });
    expect(fieldErrorsFrom(new Error('boom')).general).toBe(true);
  });

  it('reads paths as segments or as text', () => {
    expect(fieldForPath(['patch', 'systemUser', 'externalRef'])).toBe('externalRef');
    expect(fieldForPath('systemUser.org')).toBe('systemUserOrg');
    expect(fieldForPath('scopes[1]')).toBe('scopes');
    expect(fieldForPath(['id'])).toBeUndefined();
  });
});
