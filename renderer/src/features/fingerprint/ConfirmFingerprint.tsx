/**
 * The witness check across the air gap: one station reads the wrapping public key's PGP words aloud, the
 * other confirms them — by ear ("Matches") or by typing the words as heard, which main compares word by word.
 * `region`: one of a multi-Region bundle's other Regions (its own wrapping key), confirmed on its own.
 */
import { Alert, Box, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUi } from '../../store';

/**
 * The words box is a plain textarea that grows with what is typed through CSS (at least two lines), not
 * MUI's multiline default (TextareaAutosize): that one measures the page in a layout effect, a forced
 * synchronous layout of the whole step in the frame where the import parameters first appear.
 */
const HEARD_SX = { '& textarea': { fieldSizing: 'content', minHeight: '2lh' } } as const;

export function ConfirmFingerprint({ region }: { region?: string } = {}) {
  const firstWitness = useUi((s) => s.session.ceremony?.witnesses[0] ?? '');
  const [witness, setWitness] = useState(firstWitness);
  const [heard, setHeard] = useState('');
  const [result, setResult] = useState<{ matched: boolean; message: string } | null>(null);

  const scope = region ? `fingerprint-${region}` : 'fingerprint';
  const id = region ? `confirm-fingerprint-${region}-title` : 'confirm-fingerprint-title';
  const confirm = (label: string, heardWords: string | null) =>
    runAction(
      { scope, action: label, progress: 'Recording the fingerprint check in the transcript…' },
      (api) =>
        region
          ? api.confirmRegionFingerprint({ region, witness: witness.trim(), heardWords })
          : api.confirmFingerprint({ witness: witness.trim(), heardWords }),
    ).then((r) => r && setResult(r));
  // Several of these on one screen (one per Region): each control's name says which Region it is for.
  const named = (label: string) => (region ? `${label} (${region})` : label);

  return (
    <Box
      component="section"
      aria-labelledby={id}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}
    >
      <Typography id={id} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {region ? `Confirm ${region}'s fingerprint` : 'Confirm fingerprint'}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 760 }}>
        One station reads the PGP words aloud; a witness at the other station confirms they match what is
        shown there, or types them as heard so the app compares them word by word.
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 760 }}>
        <TextField
          label={named('Witness')}
          size="small"
          value={witness}
          onChange={(e) => setWitness(e.target.value)}
          sx={{ maxWidth: 320 }}
        />
        <Box>
          <ActionButton
            label={named('Matches — confirmed aloud')}
            variant="outlined"
            disabled={!witness.trim()}
            onClick={() => void confirm(named('Matches — confirmed aloud'), null)}
          />
        </Box>
        <TextField
          label={named('Words as heard on the other station')}
          size="small"
          multiline
          rows={2}
          value={heard}
          onChange={(e) => setHeard(e.target.value)}
          sx={HEARD_SX}
          slotProps={{
            input: { inputComponent: 'textarea' },
            htmlInput: { style: { fontFamily: 'var(--mono)' } },
          }}
        />
        <Box>
          <ActionButton
            label={named('Check the words')}
            variant="outlined"
            disabled={!witness.trim() || !heard.trim()}
            onClick={() => void confirm(named('Check the words'), heard)}
          />
        </Box>
      </Stack>
      <ErrorAlert scope={scope} />
      {result && (
        <Alert
          severity={result.matched ? 'success' : 'error'}
          role={result.matched ? 'status' : 'alert'}
          data-testid={region ? `fingerprint-confirmation-${region}` : 'fingerprint-confirmation'}
          data-matched={result.matched}
          sx={{ mt: 2 }}
        >
          {result.matched ? result.message : `Does NOT match: ${result.message}`}
        </Alert>
      )}
    </Box>
  );
}
