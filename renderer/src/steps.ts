/** The ceremony's seven steps, in AWS's order, and which session facts unlock each one. */
import type { SessionState } from '../../electron/shared/ipc-contract';

export const STEPS = [
  { id: 'connect', label: 'Connect' },
  { id: 'key', label: 'Key' },
  { id: 'parameters', label: 'Import parameters' },
  { id: 'material', label: 'Key material' },
  { id: 'wrap', label: 'Wrap' },
  { id: 'import', label: 'Import' },
  { id: 'verify', label: 'Verify' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

/** A step is reachable once everything it needs exists in main's session. */
const NEEDS: Record<StepId, (s: SessionState) => boolean> = {
  connect: () => true,
  key: (s) => s.connection !== null,
  parameters: (s) => s.key !== null && s.key.importability.mode !== 'none',
  material: (s) => s.parameters !== null,
  wrap: (s) => s.parameters !== null && s.material !== null,
  import: (s) => s.wrapped !== null,
  verify: (s) => s.imported !== null,
};

export function reachable(step: StepId, s: SessionState): boolean {
  return STEPS.slice(0, stepIndex(step) + 1).every(({ id }) => NEEDS[id](s));
}

/** Where to put the officers after a reload: the step that comes after the last thing they finished. */
export function resumeStep(s: SessionState): StepId {
  const done: [StepId, boolean][] = [
    ['verify', s.imported !== null],
    ['import', s.wrapped !== null],
    ['wrap', s.material !== null && s.parameters !== null],
    ['material', s.parameters !== null],
    ['parameters', s.key !== null && s.key.importability.mode !== 'none'],
    ['key', s.connection !== null],
  ];
  return done.find(([, ok]) => ok)?.[0] ?? 'connect';
}

export function stepIndex(step: StepId): number {
  return STEPS.findIndex((s) => s.id === step);
}

/**
 * What the UI assumes before main has answered `sessionState` (nothing is shown until it has). Asserted
 * rather than annotated: main may report more fields than the wizard reads (e.g. the station).
 */
export const EMPTY_SESSION = {
  connection: null,
  key: null,
  parameters: null,
  material: null,
  wrapped: null,
  imported: null,
  verification: null,
} as SessionState;
