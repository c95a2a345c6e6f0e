/**
 * The Verify step in a replica Region: main proves the Region holds the primary's material (the same
 * KeyMaterialId, and a ciphertext of the primary decrypts here), then the Regions table shows what is left.
 */
import { Alert, AlertTitle, List, ListItem, ListItemText } from '@mui/material';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { MultiRegionPanel } from './MultiRegionPanel';

export function RegionProof() {
  const region = useUi((s) => s.session.multiRegion?.current ?? '');
  const v = useUi((s) => s.session.verification);
  const prove = () =>
    runAction(
      {
        scope: 'verify',
        action: `Prove ${region}`,
        progress: `Comparing ${region}'s material with the primary's…`,
        expected: 'Usually a few seconds (a few KMS calls in two Regions).',
      },
      (api) => api.proveRegion({}),
    );
  return (
    <section aria-labelledby="step-title">
      <StepHeading intro="KMS must hold the primary's material here: the same KeyMaterialId, and a ciphertext made by the primary decrypts in this Region.">
        Verify
      </StepHeading>
      <ActionButton label={`Prove ${region}`} onClick={() => void prove()} />
      <ErrorAlert scope="verify" />
      {v?.passed && (
        <Alert severity="success" role="status" sx={{ mt: 3 }} data-testid="region-proof">
          <AlertTitle>Proven: {region} holds the primary’s material</AlertTitle>
          <List dense aria-label="Checks">
            {v.checks.map((c) => (
              <ListItem key={c.name} disableGutters>
                <ListItemText primary={c.name} secondary={c.detail} />
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
      <MultiRegionPanel />
    </section>
  );
}
