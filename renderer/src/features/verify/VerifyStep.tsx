/** Step 7: main proves KMS holds exactly the officers' material; each check is shown with its detail. */
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import { Alert, AlertTitle, Box, List, ListItem, ListItemIcon, ListItemText } from '@mui/material';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { KeyDetails } from '../key/KeyDetails';
import { MultiRegionPanel } from '../multi-region/MultiRegionPanel';
import { RegionProof } from '../multi-region/RegionProof';

export function VerifyStep() {
  const { key, verification: v, multiRegion } = useUi((s) => s.session);
  // In a multi-Region replica, the proof is the Region's (same KeyMaterialId as the primary).
  if (multiRegion && multiRegion.current !== multiRegion.primaryRegion) return <RegionProof />;
  const verify = () =>
    runAction(
      {
        scope: 'verify',
        action: 'Verify import',
        progress: 'Asking KMS to prove it holds our material…',
        expected: 'Usually a few seconds (one or two KMS calls).',
      },
      (api) => api.verifyImport({}),
    );
  return (
    <section aria-labelledby="step-title">
      <StepHeading intro="KMS uses the imported key, and main checks the answer against the officers' own material, which never leaves this machine.">
        Verify
      </StepHeading>
      <ActionButton label="Verify import" onClick={() => void verify()} />
      <ErrorAlert scope="verify" />
      {v && (
        <Alert
          severity={v.passed ? 'success' : 'error'}
          role={v.passed ? 'status' : 'alert'}
          sx={{ mt: 3 }}
          data-testid="verification"
        >
          <AlertTitle>
            {v.passed
              ? 'Verified: KMS holds exactly this key material'
              : 'Verification FAILED: stop the ceremony'}
          </AlertTitle>
          <Facts
            facts={[
              { label: 'Method', value: v.method },
              { label: 'KeyMaterialId', value: v.keyMaterialId ?? '—', mono: true },
            ]}
          />
          <List dense aria-label="Checks">
            {v.checks.map((c) => (
              <ListItem key={c.name} disableGutters>
                <ListItemIcon sx={{ minWidth: 32 }}>
                  {c.passed ? (
                    <CheckCircleIcon color="success" titleAccess="passed" />
                  ) : (
                    <CancelIcon color="error" titleAccess="failed" />
                  )}
                </ListItemIcon>
                <ListItemText primary={c.name} secondary={c.detail} />
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
      {multiRegion && v?.passed && <MultiRegionPanel />}
      {key && (
        <Box sx={{ mt: 3 }}>
          <KeyDetails keyDescription={key} />
        </Box>
      )}
    </section>
  );
}
