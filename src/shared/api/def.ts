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
