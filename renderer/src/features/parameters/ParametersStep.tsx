/** Step 3: choose the wrapping algorithm and wrapping key spec the table allows, then get import parameters. */
import { Stack } from '@mui/material';
import { useState } from 'react';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { ParametersPanel } from './ParametersPanel';
import { OptionRadios } from './OptionRadios';
import { algorithmOptions, fitSpec, keySpecOptions } from './wrapping-choice';
import { GetParametersButton } from './GetParametersButton';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Its own subscriber, so parameters arriving render the panel without re-rendering the choices above. */
function FetchedParameters() {
  const parameters = useUi((s) => s.session.parameters);
  return parameters && <ParametersPanel parameters={parameters} />;
}

export function ParametersStep() {
  const key = useUi((s) => s.session.key);
  // Read once, for the initial choice: the step re-opens on the combination fetched last.
  const [parameters] = useState(() => useUi.getState().session.parameters);
  const combinations = key?.combinations ?? [];
  const [algorithm, setAlgorithm] = useState(
    parameters?.wrappingAlgorithm ?? key?.recommended?.wrappingAlgorithm ?? '',
  );
  const [spec, setSpec] = useState(parameters?.wrappingKeySpec ?? key?.recommended?.wrappingKeySpec ?? '');
  if (!key) return null;

  const pickAlgorithm = (a: string) => {
    setAlgorithm(a);
    setSpec(fitSpec(combinations, a, spec));
  };

  return (
    <section aria-labelledby="step-title">
      <StepHeading
        intro={`KMS hands out a fresh RSA wrapping public key and an import token for ${key.aliases[0] ?? key.keyId} (${key.keySpec}). Both are valid for 24 hours.`}
      >
        Import parameters
      </StepHeading>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={4} sx={{ mb: 2 }}>
        <OptionRadios
          label="Wrapping algorithm"
          name="wrapping-algorithm"
          options={algorithmOptions(combinations)}
          value={algorithm}
          recommended={key.recommended?.wrappingAlgorithm ?? null}
          onChange={pickAlgorithm}
        />
        <OptionRadios
          label="Wrapping key spec"
          name="wrapping-key-spec"
          options={keySpecOptions(combinations, algorithm)}
          value={spec}
          recommended={key.recommended?.wrappingKeySpec ?? null}
          onChange={setSpec}
        />
      </Stack>
      <GetParametersButton label="Get import parameters" algorithm={algorithm} spec={spec} />
      <ErrorAlert scope="parameters" />
      <FetchedParameters />
    </section>
  );
}
