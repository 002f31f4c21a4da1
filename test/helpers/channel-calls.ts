import type { ChannelName, ChannelResult } from '../../src/common/contract';
import type { AppErrorJson } from '../../src/common/errors/app-error';
import type { testServices } from './test-services';

type Dispatch = ReturnType<typeof testServices>['dispatch'];

/**
 * Channel calls over a test's dispatch (asked for at each call: tests make it in beforeAll): `ok` gives the
 * channel's typed result or throws with the error code, `fail` gives the error or throws if the call succeeded.
 */
export function channelCalls(dispatch: () => Dispatch) {
  return {
    async ok<C extends ChannelName>(channel: C, input: unknown): Promise<ChannelResult<C>> {
      const envelope = await dispatch()(channel, input);
      if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.result as ChannelResult<C>;
    },
    async fail(channel: ChannelName, input: unknown): Promise<AppErrorJson> {
      const envelope = await dispatch()(channel, input);
      if (envelope.ok) throw new Error(`${channel} unexpectedly succeeded`);
      return envelope.error;
    },
  };
}
