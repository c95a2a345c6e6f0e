/**
 * Witness approval of the import: main computes the request (exactly what ImportKeyMaterial will send)
 * and its SHA-256; each witness approves that digest by name. Changing a value (the expiry here, a new
 * wrap, another key) gives another request, and main no longer counts the earlier approvals.
 */
import { Paper, Stack, Typography } from '@mui/material';
import type { Req } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { WitnessApprovals } from '../../components/WitnessApprovals';
import { formatCheckValue, formatHash } from '../../../../electron/shared/display/hash-format';
import { useUi } from '../../store';
import { formatInstant } from '../../time';

export function ImportApproval({ request, disabled }: { request: Req<'import:run'>; disabled: boolean }) {
  const approval = useUi((s) => s.session.approval);
  const ceremony = useUi((s) => s.session.ceremony);
  const witnesses = ceremony?.witnesses ?? [];
  const current =
    approval?.valid &&
    approval.request.expirationModel === request.expirationModel &&
    (request.expirationModel === 'KEY_MATERIAL_EXPIRES'
      ? approval.request.validTo === new Date(request.validTo).toISOString()
      : approval.request.justification === request.justification) &&
    (approval.request.keyMaterialDescription ?? null) === (request.newKeyMaterial?.description ?? null) &&
    (approval.request.importType === 'NEW_KEY_MATERIAL') === (request.newKeyMaterial !== undefined)
      ? approval
      : null;

  const ask = () =>
    runAction(
      { scope: 'approval', action: 'Request witness approval', progress: 'Computing the approval request…' },
      (api) => api.requestImportApproval(request),
    );
  const approve = (witness: string, digest: string) =>
    runAction(
      { scope: 'approval', action: `Approve as ${witness}`, progress: `Recording ${witness}’s approval…` },
      (api) => api.approveImport({ witness, digest }),
    );

  return (
    <Paper variant="outlined" component="section" aria-labelledby="approval-title" sx={{ p: 2, mt: 3 }}>
      <Typography id="approval-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
        Witness approval
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 760 }}>
        Each witness checks exactly what will be sent to KMS and approves it by name. Any change voids the
        approvals.
      </Typography>
      {!current ? (
        <ActionButton
          label="Request witness approval"
          variant="outlined"
          disabled={disabled}
          onClick={() => void ask()}
        />
      ) : (
        <Stack spacing={2} data-testid="approval-request" data-digest={current.digest}>
          <Facts
            facts={[
              { label: 'Key ARN', value: current.request.keyArn, mono: true },
              { label: 'Alias', value: current.request.aliases.join(', ') || '—' },
              { label: 'Region / account', value: `${current.request.region} / ${current.request.account}` },
              { label: 'KeySpec', value: current.request.keySpec },
              {
                label: 'Wrapping',
                value: `${current.request.wrappingAlgorithm} / ${current.request.wrappingKeySpec}`,
                mono: true,
              },
              {
                label: 'EncryptedKeyMaterial',
                value: formatHash(current.request.encryptedKeyMaterialSha256),
                mono: true,
              },
              {
                label: 'Check value',
                value: formatCheckValue(current.request.checkValue),
                mono: true,
              },
              {
                label: 'ExpirationModel',
                value: current.request.validTo
                  ? `${current.request.expirationModel} — ValidTo ${current.request.validTo} (UTC), ${formatInstant(current.request.validTo)}`
                  : current.request.expirationModel,
              },
              ...(current.request.importType
                ? [
                    { label: 'ImportType', value: current.request.importType, mono: true },
                    { label: 'KeyMaterialDescription', value: current.request.keyMaterialDescription ?? '—' },
                  ]
                : []),
              { label: 'Approval request', value: formatHash(current.digest), mono: true },
            ]}
          />
          <WitnessApprovals
            id="approval"
            witnesses={witnesses}
            approvedBy={current.approvedBy}
            needed={current.needed}
            whenReached="the import may be sent"
            buttonLabel={(w) => `Approve as ${w}`}
            approvedText="approved exactly these values"
            onApprove={(w) => void approve(w, current.digest)}
          />
        </Stack>
      )}
      <ErrorAlert scope="approval" />
    </Paper>
  );
}
