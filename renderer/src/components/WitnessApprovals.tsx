/**
 * The quorum bar and the witnesses, each approving by name what main computed (an import, a rotation).
 * `id` prefixes the element ids and test ids ("approval" → approval-quorum, approval-witnesses).
 */
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import { LinearProgress, List, ListItem, ListItemIcon, ListItemText, Stack, Typography } from '@mui/material';
import { ActionButton } from './ActionButton';

export interface WitnessApprovalsProps {
  id: string;
  witnesses: string[];
  approvedBy: string[];
  needed: number;
  /** "the import may be sent": said once the quorum is reached. */
  whenReached: string;
  /** The button's name for witness `w`, e.g. "Approve as Wendy". */
  buttonLabel: (w: string) => string;
  approvedText: string;
  onApprove: (w: string) => void;
}

export function WitnessApprovals(p: WitnessApprovalsProps) {
  const have = p.approvedBy.length;
  return (
    <>
      <Stack spacing={0.5}>
        <Typography id={`${p.id}-quorum-label`} variant="body2" sx={{ fontWeight: 600 }}>
          {have} of {p.needed} approvals needed
          {have >= p.needed ? ` — ${p.whenReached}` : ''}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={Math.min(100, (100 * have) / p.needed)}
          aria-labelledby={`${p.id}-quorum-label`}
          data-testid={`${p.id}-quorum`}
          data-approved={have}
          data-needed={p.needed}
          sx={{ height: 8, borderRadius: 1, maxWidth: 480 }}
        />
      </Stack>
      <List aria-label="Witnesses" data-testid={`${p.id}-witnesses`} disablePadding>
        {p.witnesses.map((w) => {
          const approved = p.approvedBy.includes(w);
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
                secondary={approved ? p.approvedText : 'checks the values above, then approves in person'}
              />
              {!approved && (
                <ActionButton label={p.buttonLabel(w)} variant="outlined" onClick={() => p.onApprove(w)} />
              )}
            </ListItem>
          );
        })}
      </List>
    </>
  );
}
