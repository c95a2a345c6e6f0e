/**
 * The single registration point's logic, free of Electron so the browser test bridge runs the very
 * same code: parse the request, run the handler, parse the response, and turn every failure into the
 * typed `{ code, message, hint }` shape. Logs name the channel only, never payloads.
 */
import type { z } from 'zod';
import { AppError, toErrorShape } from '../../core/errors';
import { contract, type AnyChannel, type Req, type Res, type Result } from '../../shared/ipc-contract';

export type Handler<C extends AnyChannel> = (
  req: z.output<(typeof contract)[C]['req']>,
) => Promise<Res<C>> | Res<C>;
export type HandlerTable = { [C in AnyChannel]: Handler<C> };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`)
    .join('; ');
}

export function isChannel(name: string): name is AnyChannel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export async function dispatch(
  handlers: HandlerTable,
  channel: string,
  raw: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail(
      new AppError('UNKNOWN_CHANNEL', `There is no operation called "${channel}".`, 'Update the app.'),
    );
  }
  const schema = contract[channel];
  const request = schema.req.safeParse(raw ?? {});
  if (!request.success) {
    return fail(
      new AppError(
        'BAD_REQUEST',
        `The request to "${channel}" was malformed: ${describeIssues(request.error)}.`,
        'Nothing was changed. Check the values you entered and try again.',
      ),
    );
  }
  let output: unknown;
  try {
    output = await (handlers[channel] as (req: unknown) => unknown)(request.data as Req<typeof channel>);
  } catch (error) {
    return fail(error);
  }
  const response = schema.res.safeParse(output);
  if (!response.success) {
    console.error(`[ipc] ${channel}: handler response failed the contract`);
    return fail(
      new AppError(
        'BAD_RESPONSE',
        `The answer to "${channel}" did not match the contract and was withheld.`,
        'This is a bug in KMS Key Ceremony; report it. Nothing was shown.',
      ),
    );
  }
  return { ok: true, value: response.data };
}

function fail(error: unknown): Result<never> {
  return { ok: false, error: toErrorShape(error) };
}
