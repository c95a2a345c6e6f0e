/** Step 2: pick an existing key or create one with Origin EXTERNAL, then read what KMS says about it. */
import { Alert, Box, Button, Tab, Tabs } from '@mui/material';
import { useState } from 'react';
import { runAction } from '../../actions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { CreateKeyForm } from './CreateKeyForm';
import { KeyDetails } from './KeyDetails';
import { KeyList } from './KeyList';
import { MultiRegionPanel } from '../multi-region/MultiRegionPanel';

export function KeyStep() {
  const key = useUi((s) => s.session.key);
  const multiRegion = useUi((s) => s.session.multiRegion !== null);
  const [tab, setTab] = useState<'existing' | 'create'>('existing');
  const reimport = useUi((s) => s.intent === 'reimport-from-backup');
  const chosen = useUi((s) => s.reimportKey);
  const describeChosen = (keyArn: string) =>
    runAction({ scope: 'key', action: 'Describe key', progress: 'Describing the key…' }, (api) =>
      api.describeKey({ keyId: keyArn }),
    );
  return (
    <section aria-labelledby="step-title">
      <StepHeading intro="Import works only into a key whose Origin is EXTERNAL. Pick one, or create one here.">
        Key
      </StepHeading>
      {reimport && chosen && key?.arn !== chosen.keyArn && (
        <Alert
          severity="info"
          sx={{ mb: 2 }}
          data-testid="reimport-intent"
          action={
            <Button color="inherit" size="small" onClick={() => void describeChosen(chosen.keyArn)}>
              Describe {chosen.label}
            </Button>
          }
        >
          Reimport from backup for {chosen.label}, chosen in the expiry planner ({chosen.keyArn}). Describe
          it, then choose “Reimport from backup” under its details; the custodians bring their shares.
        </Alert>
      )}
      {reimport && !chosen && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="reimport-intent">
          Reimport from backup: pick the key whose material expired or was deleted (EXTERNAL, PendingImport)
          and Describe key, then choose “Reimport from backup” under its details; the custodians bring their
          shares.
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(_, v: 'existing' | 'create') => setTab(v)}
        aria-label="Key source"
        sx={{ mb: 2 }}
      >
        <Tab value="existing" label="Existing key" id="tab-existing" aria-controls="panel-existing" />
        <Tab value="create" label="New key" id="tab-create" aria-controls="panel-create" />
      </Tabs>
      <Box role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'existing' ? <KeyList selected={key?.keyId ?? null} /> : <CreateKeyForm />}
      </Box>
      <ErrorAlert scope="key" />
      {key && <KeyDetails keyDescription={key} />}
      {multiRegion && <MultiRegionPanel />}
    </section>
  );
}
