/**
 * Channel name → method name on `window.ceremony`. Pure data, no zod, so the sandboxed preload
 * stays tiny; `ipc-contract.ts` adds the schemas and a type test keeps the two in step.
 */
export const channels = {
  'app:info': 'appInfo',
} as const;

export type Channel = keyof typeof channels;
export type MethodName = (typeof channels)[Channel];
