/** The seven steps; a step can be opened once main's session has what it needs. */
import { Step, StepButton, Stepper } from '@mui/material';
import { STEPS, reachable, stepIndex } from './steps';
import { useUi } from './store';

export function CeremonyStepper() {
  const session = useUi((s) => s.session);
  const step = useUi((s) => s.step);
  const goTo = useUi((s) => s.goTo);
  return (
    <Stepper
      nonLinear
      activeStep={stepIndex(step)}
      alternativeLabel
      component="nav"
      aria-label="Ceremony steps"
    >
      {STEPS.map((s, i) => {
        const next = STEPS[i + 1];
        const done = next ? reachable(next.id, session) : session.verification?.passed === true;
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
