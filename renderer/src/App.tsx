/**
 * The frame: header (with the Transcript while a ceremony is open), the offline/rehearsal/production
 * banner, then the start screen — or, once a ceremony is open, the stepper and the current step.
 */
import {
  Alert,
  Box,
  Container,
  CssBaseline,
  LinearProgress,
  Stack,
  ThemeProvider,
  Typography,
} from '@mui/material';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { Res } from '../../electron/shared/ipc-contract';
import { call, ceremonyApi } from './api';
import { CeremonyStepper } from './CeremonyStepper';
import { BusyIndicator } from './components/BusyIndicator';
import { EnvironmentBanner } from './components/EnvironmentBanner';
import { FinishedScreen } from './features/finish/FinishedScreen';
import { StartScreen } from './features/start/StartScreen';
import { TranscriptButton } from './features/transcript/TranscriptButton';
import { reachable, resumeStep } from './steps';
import { StepView } from './StepView';
import { useUi } from './store';
import { theme } from './theme';

type Info = Res<'app:info'>;

/** On load: ask main where the ceremony stands and reopen that step. */
function useRestore(): string | null {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call(ceremonyApi().sessionState({})).then(
      (session) => {
        const ui = useUi.getState();
        ui.setSession(session);
        ui.goTo(resumeStep(session));
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  return error;
}

/**
 * If main cleared what the open step needs (a new key, deleted material), go where the work now is; and
 * a ceremony just started or resumed opens on its station's first open step.
 */
function useKeepStepReachable() {
  const session = useUi((s) => s.session);
  const step = useUi((s) => s.step);
  const restored = useUi((s) => s.restored);
  const ceremonyId = session.ceremony?.ceremonyId ?? null;
  useEffect(() => {
    if (restored && ceremonyId) useUi.getState().goTo(resumeStep(useUi.getState().session));
  }, [restored, ceremonyId]);
  // Why a ceremony was started (and an expiry planner row's preset) belongs to that ceremony: forget both
  // once it is closed, so the next ceremony does not connect or offer a key from the last one.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!restored) return;
    if (ceremonyId) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      useUi.getState().setReimportKey(null);
      useUi.getState().setIntent('import');
    }
  }, [restored, ceremonyId]);
  useEffect(() => {
    if (restored && !reachable(step, session)) useUi.getState().goTo(resumeStep(session));
  }, [restored, step, session]);
}

/** Its own component: it follows every session change, and a hook in App would re-render the whole frame. */
function KeepStepReachable() {
  useKeepStepReachable();
  return null;
}

/**
 * The main region, marked `data-busy` while an action runs (every screen, including those without a busy
 * indicator): tests wait for it to clear before they look. Not `aria-busy`, which would hold back the
 * busy indicator's own announcement. Its own component, so a busy change re-renders only this frame.
 */
function Main({ children }: { children: ReactNode }) {
  const busy = useUi((s) => s.busy !== null);
  return (
    <Container component="main" maxWidth="lg" sx={{ py: 3 }} data-busy={busy || undefined}>
      {children}
    </Container>
  );
}

export function App() {
  const [info, setInfo] = useState<Info | null>(null);
  const restoreError = useRestore();
  const restored = useUi((s) => s.restored);
  const connection = useUi((s) => s.session.connection);
  const station = useUi((s) => s.session.station);
  const open = useUi((s) => s.session.ceremony !== null);
  const finished = useUi((s) => s.finished !== null);
  useEffect(() => {
    call(ceremonyApi().appInfo({})).then(setInfo, () => undefined);
  }, []);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <KeepStepReachable />
      <Stack
        component="header"
        direction="row"
        sx={{
          bgcolor: '#102a43',
          color: '#fff',
          px: 3,
          py: 1.5,
          alignItems: 'center',
          justifyContent: 'space-between',
        }}
      >
        <Box>
          <Typography variant="h6" component="h1" sx={{ fontWeight: 600 }}>
            KMS Key Ceremony
          </Typography>
          {info && (
            <Typography variant="caption" data-testid="app-info" sx={{ opacity: 0.8 }}>
              Version {info.version} · {info.platform} · {info.runtime}
              {info.selfTest &&
                (info.selfTest.ok ? ' · crypto self-test passed' : ' · CRYPTO SELF-TEST FAILED')}
            </Typography>
          )}
        </Box>
        {restored && <TranscriptButton />}
      </Stack>
      <EnvironmentBanner connection={connection} station={station} />
      <Main>
        {restoreError && <Alert severity="error">{restoreError}</Alert>}
        {!restored && !restoreError && <LinearProgress aria-label="Restoring the ceremony" />}
        {restored && !open && finished && <FinishedScreen />}
        {restored && !open && !finished && (
          <>
            <BusyIndicator />
            <StartScreen />
          </>
        )}
        {restored && open && (
          <>
            <CeremonyStepper />
            <StepView />
          </>
        )}
      </Main>
    </ThemeProvider>
  );
}
