/** Shows the current step's screen, and Back / Next underneath. */
import { Box, Button, Paper, Stack } from '@mui/material';
import { Suspense, createElement, lazy, useEffect, type ComponentType } from 'react';
import { LinearProgress } from '@mui/material';
import { ConnectStep } from './features/connect/ConnectStep';
import { useParametersExpired } from './features/parameters/useParametersExpired';
import { STEPS, reachable, stepIndex, type StepId } from './steps';
import { useUi } from './store';

/**
 * Connect ships in the first bundle; the other screens (and the date pickers only Import needs) load as
 * separate chunks, fetched while the officers read the first screen, so the first render stays small.
 */
const LOADERS = {
  key: () => import('./features/key/KeyStep').then((m) => ({ default: m.KeyStep })),
  parameters: () =>
    import('./features/parameters/ParametersStep').then((m) => ({ default: m.ParametersStep })),
  material: () => import('./features/material/MaterialStep').then((m) => ({ default: m.MaterialStep })),
  wrap: () => import('./features/wrap/WrapStep').then((m) => ({ default: m.WrapStep })),
  import: () => import('./features/import/ImportStep').then((m) => ({ default: m.ImportStep })),
  verify: () => import('./features/verify/VerifyStep').then((m) => ({ default: m.VerifyStep })),
};

type Loaded = { default: ComponentType };
type LazyId = keyof typeof LOADERS;

/**
 * Screens already fetched render directly: going through React.lazy again would suspend once and let
 * React hold the fallback for its reveal throttle (~300 ms) on every first visit.
 */
const ready: Partial<Record<StepId, ComponentType>> = { connect: ConnectStep };
const load = (id: LazyId): Promise<Loaded> =>
  LOADERS[id]().then((m: Loaded) => {
    ready[id] = m.default;
    return m;
  });
const LAZY: Record<LazyId, ComponentType> = {
  key: lazy(() => load('key')),
  parameters: lazy(() => load('parameters')),
  material: lazy(() => load('material')),
  wrap: lazy(() => load('wrap')),
  import: lazy(() => load('import')),
  verify: lazy(() => load('verify')),
};

function screenFor(step: StepId): ComponentType {
  return ready[step] ?? LAZY[step as LazyId];
}

function usePrefetchScreens() {
  useEffect(() => {
    const t = setTimeout(() => (Object.keys(LOADERS) as LazyId[]).forEach((id) => void load(id)), 200);
    return () => clearTimeout(t);
  }, []);
}

/** Back and Next; ticks every second (for parameter expiry) without re-rendering the step above it. */
function StepNav({ step }: { step: StepId }) {
  const session = useUi((s) => s.session);
  const busy = useUi((s) => s.busy !== null);
  const goTo = useUi((s) => s.goTo);
  // Expired parameters are a dead end: the officers must fetch new ones before going on.
  const blocked = useParametersExpired() && step === 'parameters';
  const i = stepIndex(step);
  const prev = STEPS[i - 1];
  const next = STEPS[i + 1];
  return (
    <Stack direction="row" sx={{ justifyContent: 'space-between', mt: 2 }}>
      <Box>
        {prev && (
          <Button variant="text" disabled={busy} onClick={() => goTo(prev.id)}>
            Back
          </Button>
        )}
      </Box>
      {next && (
        <Button
          variant="contained"
          disabled={busy || blocked || !reachable(next.id, session)}
          onClick={() => goTo(next.id)}
        >
          Next
        </Button>
      )}
    </Stack>
  );
}

export function StepView() {
  const step = useUi((s) => s.step);
  usePrefetchScreens();
  return (
    <>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 4 } }} data-testid={`step-${step}`}>
        <Suspense fallback={<LinearProgress aria-label="Opening the step" />}>
          {createElement(screenFor(step), { key: step })}
        </Suspense>
      </Paper>
      <StepNav step={step} />
    </>
  );
}
