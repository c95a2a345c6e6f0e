/** This station's steps; a step can be opened once main's session has what it needs. */
import { Step, StepButton, Stepper } from '@mui/material';
import { reachable, stepIndex, stepsFor } from './steps';
import { useUi } from './store';

export function CeremonyStepper() {
  const session = useUi((s) => s.session);
  const step = useUi((s) => s.step);
  const goTo = useUi((s) => s.goTo);
  const steps = stepsFor(session);
  const last = steps[steps.length - 1]!.id;
  // The last step is done when its own result exists: a verified import, or (offline) a saved bundle.
  const finished = last === 'verify' ? session.verification?.passed === true : false;
  return (
    <Stepper
      nonLinear
      activeStep={stepIndex(step, steps)}
      alternativeLabel
      component="nav"
      aria-label="Ceremony steps"
    >
      {steps.map((s, i) => {
        const next = steps[i + 1];
        const done = next ? reachable(next.id, session) : finished;
        return (
          <Step key={s.id} completed={done} disabled={!reachable(s.id, session)}>
            <StepButton
              onClick={() => goTo(s.id)}
              aria-current={s.id === step ? 'step' : undefined}
              data-testid={`stepper-${s.id}`}
            >
              {s.label}
            </StepButton>
          </Step>
        );
      })}
    </Stepper>
  );
}
