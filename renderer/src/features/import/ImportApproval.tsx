/**
 * Witness approval of the import: main computes the request (exactly what ImportKeyMaterial will send)
 * and its SHA-256; each witness approves that digest by name. Changing a value (the expiry here, a new
 * wrap, another key) gives another request, and main no longer counts the earlier approvals.
 */
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import {
  LinearProgress,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import type { Req } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
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
      : approval.request.justification === request.justification)
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
              { label: 'Approval request', value: formatHash(current.digest), mono: true },
            ]}
          />
          <Stack spacing={0.5}>
            <Typography id="quorum-label" variant="body2" sx={{ fontWeight: 600 }}>
              {current.approvedBy.length} of {current.needed} approvals needed
              {current.approvedBy.length >= current.needed ? ' — the import may be sent' : ''}
            </Typography>
            <LinearProgress
              variant="determinate"
              value={Math.min(100, (100 * current.approvedBy.length) / current.needed)}
              aria-labelledby="quorum-label"
              data-testid="approval-quorum"
              data-approved={current.approvedBy.length}
              data-needed={current.needed}
              sx={{ height: 8, borderRadius: 1, maxWidth: 480 }}
            />
          </Stack>
          <List aria-label="Witnesses" data-testid="approval-witnesses" disablePadding>
            {witnesses.map((w) => {
              const approved = current.approvedBy.includes(w);
              return (
                <ListItem key={w} disableGutters data-approved={approved}>
                  <ListItemIcon sx={{ minWidth: 32 }}>
                    {approved ? (
                      <CheckCircleIcon color="success" titleAccess="approved" />
                    ) : (
                      <HourglassEmptyIcon color="action" titleAccess="not yet approved" />
                    )}
                  </ListItemIcon>
                  <ListItemText
                    primary={w}
                    secondary={
                      approved
                        ? 'approved exactly these values'
                        : 'checks the values above, then approves in person'
                    }
                  />
                  {!approved && (
                    <ActionButton
                      label={`Approve as ${w}`}
                      variant="outlined"
                      onClick={() => void approve(w, current.digest)}
                    />
                  )}
                </ListItem>
              );
            })}
          </List>
        </Stack>
      )}
      <ErrorAlert scope="approval" />
    </Paper>
  );
}
