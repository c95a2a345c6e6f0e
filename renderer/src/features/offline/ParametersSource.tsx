/**
 * Where the offline station reads import parameters from: a file (bundle .zip, console download, CLI
 * JSON, bare public key) or a folder. Main opens the dialog. If main answers NEEDS_DETAILS, the key spec
 * and wrapping algorithm pickers appear, and the next choice sends them along.
 */
import { Alert, Stack } from '@mui/material';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { useUi } from '../../store';
import { DetailsPickers, type Details } from '../start/DetailsPickers';

export type ParametersFrom = 'file' | 'folder';

export interface ParametersSourceProps {
  /** ErrorAlert scope the run reports into (NEEDS_DETAILS is read back from it). */
  scope: string;
  labels: Record<ParametersFrom, string>;
  disabled?: boolean;
  run: (from: ParametersFrom, label: string, details: Details | null) => Promise<unknown>;
}

export function ParametersSource({ scope, labels, disabled, run }: ParametersSourceProps) {
  const needsDetails = useUi((s) => s.errors[scope]?.code === 'NEEDS_DETAILS');
  const [details, setDetails] = useState<Details>({ keySpec: '', wrappingAlgorithm: '' });
  const [asked, setAsked] = useState(false);
  const showPickers = needsDetails || asked;
  const complete = details.keySpec !== '' && details.wrappingAlgorithm !== '';
  const choose = (from: ParametersFrom) => {
    if (needsDetails) setAsked(true);
    void run(from, labels[from], showPickers && complete ? details : null);
  };
  return (
    <Stack spacing={2}>
      {showPickers && (
        <Alert severity="info" data-testid="needs-details">
          This input does not say which key spec and wrapping algorithm it is for. Choose the ones used on the
          online station, then choose the same file or folder again.
          <Stack sx={{ mt: 1.5 }}>
            <DetailsPickers value={details} onChange={setDetails} />
          </Stack>
        </Alert>
      )}
      <Stack direction="row" spacing={2}>
        {(Object.keys(labels) as ParametersFrom[]).map((from) => (
          <ActionButton
            key={from}
            label={labels[from]}
            variant={from === 'file' ? 'contained' : 'outlined'}
            disabled={disabled || (showPickers && !complete)}
            onClick={() => choose(from)}
          />
        ))}
      </Stack>
    </Stack>
  );
}
