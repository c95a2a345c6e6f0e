/** Offline station, last step: write the wrapped bundle to the removable media, then finish the ceremony. */
import { Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { Res } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { Countdown } from '../../components/Countdown';
import { SavedFiles } from '../../components/SavedFiles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { formatCheckValue, formatHash } from '../../../../electron/shared/display/hash-format';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { ClosingDialog, finishCeremony, type Closing } from '../transcript/ClosingDialog';
import { OtherRegionsWrap } from './OtherRegionsWrap';

type Saved = Exclude<Res<'bundle:exportWrapped'>, { cancelled: true }>;

export function WrappedBundleStep() {
  const { parameters, material, wrapped, airGapRegions } = useUi((s) => s.session);
  // A multi-Region bundle carries every Region (main refuses otherwise): no folder is asked for before.
  const unwrapped = airGapRegions.filter((r) => r.wrappedSha256 === null).map((r) => r.region);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [closing, setClosing] = useState<Closing>(null);
  if (!parameters || !wrapped) return null;

  const save = () =>
    runAction(
      {
        scope: 'bundle',
        action: 'Save wrapped bundle…',
        progress: 'Waiting for a folder, then writing the wrapped bundle…',
      },
      (api) => api.exportWrappedBundle({}),
    ).then((r) => r && !('cancelled' in r) && setSaved(r));

  return (
    <section aria-labelledby="step-title">
      <StepHeading intro="The wrapped bundle holds the encrypted key material, its check value and this station's transcript. Carry it to the online station, which imports it before the parameters expire.">
        Wrapped bundle
      </StepHeading>
      <Facts
        testId="bundle-facts"
        facts={[
          { label: 'EncryptedKeyMaterial', value: formatHash(wrapped.sha256), mono: true },
          { label: 'Wrapped size', value: `${wrapped.size} bytes` },
          {
            label: 'Check value',
            value: material ? formatCheckValue(material.checkValue) : '—',
            mono: true,
          },
          { label: 'Import before', value: <Countdown until={parameters.parametersValidTo} /> },
        ]}
      />
      <OtherRegionsWrap />
      <Stack direction="row" spacing={2} sx={{ mt: 3 }}>
        <ActionButton
          label="Save wrapped bundle…"
          disabled={unwrapped.length > 0}
          onClick={() => void save()}
        />
        <ActionButton
          label="Finish ceremony"
          variant={saved ? 'contained' : 'outlined'}
          disabled={!saved}
          onClick={() => setClosing('completed')}
        />
      </Stack>
      {unwrapped.length > 0 && (
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="bundle-needs-regions">
          Wrap for {unwrapped.join(', ')} first: the wrapped bundle carries every Region.
        </Typography>
      )}
      <ErrorAlert scope="bundle" />
      {saved && <SavedFiles saved={saved} testId="wrapped-bundle-saved" sx={{ mt: 2 }} />}
      <ClosingDialog
        closing={closing}
        onDone={() => setClosing(null)}
        finish={(outcome, reason) => finishCeremony('bundle', outcome, reason)}
      />
    </section>
  );
}
