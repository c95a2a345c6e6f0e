/** Shows the current step's screen, and Back / Next underneath. */
import { Box, Button, Paper, Stack } from '@mui/material';
import type { ComponentType } from 'react';
import { ConnectStep } from './features/connect/ConnectStep';
import { ImportStep } from './features/import/ImportStep';
import { KeyStep } from './features/key/KeyStep';
import { MaterialStep } from './features/material/MaterialStep';
import { ParametersStep } from './features/parameters/ParametersStep';
import { VerifyStep } from './features/verify/VerifyStep';
import { WrapStep } from './features/wrap/WrapStep';
import { STEPS, reachable, stepIndex, type StepId } from './steps';
import { useUi } from './store';

const SCREENS: Record<StepId, ComponentType> = {
  connect: ConnectStep,
  key: KeyStep,
  parameters: ParametersStep,
  material: MaterialStep,
  wrap: WrapStep,
  import: ImportStep,
  verify: VerifyStep,
};

export function StepView() {
  const step = useUi((s) => s.step);
  const session = useUi((s) => s.session);
  const busy = useUi((s) => s.busy !== null);
  const goTo = useUi((s) => s.goTo);
  const i = stepIndex(step);
  const prev = STEPS[i - 1];
  const next = STEPS[i + 1];
  const Screen = SCREENS[step];
  return (
    <>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 4 } }} data-testid={`step-${step}`}>
        <Screen key={step} />
      </Paper>
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
            disabled={busy || !reachable(next.id, session)}
            onClick={() => goTo(next.id)}
          >
            Next
          </Button>
        )}
      </Stack>
    </>
  );
}
