import type { z } from 'zod';

/**
 * A channel pairs a zod schema for the renderer's input with the TypeScript type of the result.
 * The result type is phantom: it exists only for the type checker (results come from our own services).
 */
export interface ChannelDef<I extends z.ZodType, R> {
  readonly input: I;
  readonly result?: R;
}

export function channel<R>() {
  return <I extends z.ZodType>(input: I): ChannelDef<I, R> => ({ input });
}

export type ChannelMap = Record<string, ChannelDef<z.ZodType, unknown>>;
