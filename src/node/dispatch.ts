import { type ChannelName, type ChannelParsed, type ChannelResult, channels, type Envelope } from '../common/contract';
import { AppError, SeamErrors } from '../common/errors/app-error';
import { describeZodError } from '../common/errors/zod-issues';
import { englishHint } from '../common/i18n/hints';
import type { Logger } from './platform/log';

export type Handler<C extends ChannelName> = (input: ChannelParsed<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
export type Handlers = { [C in ChannelName]: Handler<C> };

/**
 * Validate the input against the contract, call the handler, and turn every outcome into an envelope.
 * Nothing thrown escapes: the renderer and the CLI always get `{ ok, result }` or `{ ok: false, error }`.
 */
export function createDispatch(handlers: Handlers, log?: Logger) {
  return async function dispatch(channelName: string, input: unknown): Promise<Envelope<unknown>> {
    if (!Object.hasOwn(channels, channelName)) {
      return fail(new AppError(SeamErrors.UNKNOWN_CHANNEL, `Unknown channel "${String(channelName).slice(0, 80)}"`));
    }
    const name = channelName as ChannelName;
    const parsed = channels[name].input.safeParse(input);
    if (!parsed.success) {
      return fail(
        new AppError(SeamErrors.INVALID_INPUT, `Invalid input for ${name}: ${describeZodError(parsed.error)}`, {
          details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
        }),
      );
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const result = await handler(parsed.data);
      return { ok: true, result };
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      log?.error('unexpected error in handler', { channel: name, error: String(error) });
      return fail(new AppError(SeamErrors.INTERNAL, `Unexpected error in ${name}: ${errorMessage(error)}`));
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatch>;

function fail(error: AppError): Envelope<never> {
  const json = error.toJSON();
  return { ok: false, error: { ...json, hint: englishHint(error.code) } };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
