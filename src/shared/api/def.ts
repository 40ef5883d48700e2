import { type z } from 'zod';
import type { Permission } from './permission';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  permission: Permission;
  /** Phantom: carries the output type; never read at run time. */
  output?: O;
}

/** `def<Output>()(input, permission)`: the output type is named, the input inferred. */
export const def =
  <O>() =>
  <I extends z.ZodType>(input: I, permission: Permission): MethodSpec<I, O> => ({ input, permission });

/**
 * A transfer beside the JSON calls: a body streamed in (an upload) or out (a download), with
 * parameters and a permission like a method's. HTTP routes, IPC and the desktop app's own
 * scheme all pass them to the one guard in main's dispatcher.
 */
export interface StreamSpec<P extends z.ZodType, O, D extends 'in' | 'out' = 'in' | 'out'> {
  direction: D;
  params: P;
  permission: Permission;
  /** Phantom: what an upload answers; never read at run time. */
  output?: O;
}

/** `upload<Output>()(params, permission)`: a body streamed in, answered like a method. */
export const upload =
  <O>() =>
  <P extends z.ZodType>(params: P, permission: Permission): StreamSpec<P, O, 'in'> => ({ direction: 'in', params, permission });

/** `download(params, permission)`: a stored file streamed out. */
export const download = <P extends z.ZodType>(params: P, permission: Permission): StreamSpec<P, never, 'out'> => ({ direction: 'out', params, permission });
