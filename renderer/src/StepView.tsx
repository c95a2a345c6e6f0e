/** Shows the current step's screen, and Back / Next underneath. */
import { Box, Button, Paper, Stack } from '@mui/material';
import { Suspense, createElement, lazy, useEffect, useMemo, type ComponentType } from 'react';
import { LinearProgress } from '@mui/material';
import { ConnectStep } from './features/connect/ConnectStep';
import { useParametersExpired } from './features/parameters/useParametersExpired';
import { reachable, stepIndex, stepsFor, type StepId } from './steps';
import { useUi } from './store';
import { BusyIndicator } from './components/BusyIndicator';
import { RegionBanner } from './features/multi-region/RegionBanner';

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
  finish: () => import('./features/finish/FinishStep').then((m) => ({ default: m.FinishStep })),
  rotate: () => import('./features/rotation/RotateStep').then((m) => ({ default: m.RotateStep })),
  offlineParameters: () =>
    import('./features/offline/OfflineParametersStep').then((m) => ({ default: m.OfflineParametersStep })),
  bundle: () =>
    import('./features/offline/WrappedBundleStep').then((m) => ({ default: m.WrappedBundleStep })),
};

type Loaded = { default: ComponentType };
type LazyId = keyof typeof LOADERS;
type ScreenId = StepId | 'offlineParameters';

/**
 * Screens already fetched render directly: going through React.lazy again would suspend once and let
 * React hold the fallback for its reveal throttle (~300 ms) on every first visit.
 */
const ready: Partial<Record<ScreenId, ComponentType>> = { connect: ConnectStep };
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
  finish: lazy(() => load('finish')),
  rotate: lazy(() => load('rotate')),
  offlineParameters: lazy(() => load('offlineParameters')),
  bundle: lazy(() => load('bundle')),
};

/** The offline station shows what was loaded from the bundle instead of asking KMS for parameters. */
function screenFor(step: StepId, offline: boolean): ComponentType {
  const id: ScreenId = offline && step === 'parameters' ? 'offlineParameters' : step;
  return ready[id] ?? LAZY[id as LazyId];
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
  const steps = stepsFor(session);
  const i = stepIndex(step, steps);
  const prev = steps[i - 1];
  const next = steps[i + 1];
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
  const offline = useUi((s) => s.session.station === 'offline');
  // Chosen once per step: swapping the lazy wrapper for the loaded screen mid-visit would remount it
  // (and lose what the officers typed) when a prefetch lands.
  const screen = useMemo(() => screenFor(step, offline), [step, offline]);
  usePrefetchScreens();
  return (
    <>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 4 } }} data-testid={`step-${step}`}>
        <BusyIndicator />
        <RegionBanner />
        <Suspense fallback={<LinearProgress aria-label="Opening the step" />}>
          {createElement(screen, { key: `${step}-${offline}` })}
        </Suspense>
      </Paper>
      <StepNav step={step} />
    </>
  );
}
