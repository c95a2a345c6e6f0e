/**
 * The only door between main and renderer. Every channel declares a request schema and a strict
 * response schema; main parses both, so a handler that returns an undeclared field (say, key bytes)
 * fails instead of leaking. The renderer imports this file for types only.
 */
import { z } from 'zod';
import { channels, type Channel } from './channels';

const empty = z.object({}).strict();

export const contract = {
  'app:info': {
    req: empty,
    res: z
      .object({
        name: z.string(),
        version: z.string(),
        platform: z.string(),
        runtime: z.enum(['electron', 'browser-bridge']),
        versions: z.object({ node: z.string(), electron: z.string().nullable() }).strict(),
      })
      .strict(),
  },
} as const satisfies Record<Channel, { req: z.ZodType; res: z.ZodType }>;

export const ipcError = z.object({ code: z.string(), message: z.string(), hint: z.string() }).strict();
export type IpcError = z.infer<typeof ipcError>;

export type Req<C extends Channel> = z.input<(typeof contract)[C]['req']>;
export type Res<C extends Channel> = z.output<(typeof contract)[C]['res']>;

/** What every call resolves to: errors are values, typed, never a rejected promise with a mangled message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** `window.ceremony`: one method per channel, derived from the contract so the two cannot drift. */
export type CeremonyApi = {
  [C in Channel as (typeof channels)[C]]: (req: Req<C>) => Promise<Result<Res<C>>>;
};

export { channels };
export type { Channel };
