import type { RequestContext } from '../context';
import type { InputSchema } from '../wire';

/** One KMS API operation: its input schema (checked before `run`) and its behaviour. */
export interface Operation {
  input: InputSchema;
  // Inputs are checked against `input` before run; members are typed by each operation.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run(ctx: RequestContext, input: any): unknown;
}
