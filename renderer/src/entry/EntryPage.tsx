/**
 * Custodians enter their component or share here, one at a time, in a window of its own (issue 11): the
 * ceremony wizard never holds one. Every secret is typed into an uncontrolled field, read once from the
 * DOM, sent once through `window.custodyEntry`, and the field is cleared — it never enters React state.
 * The page shows only what main answers: names, check values, share numbers.
 */
import { Alert, AlertTitle, Box, Button, Container, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CustodyEntryApi, CustodyStatus, IpcError, Result } from '../../../electron/shared/ipc-contract';

declare global {
  interface Window {
    custodyEntry?: CustodyEntryApi;
  }
}

type Outcome = { ok: true; text: string } | { ok: false; error: IpcError };

function api(): CustodyEntryApi {
  if (!window.custodyEntry) throw new Error('window.custodyEntry is missing: open this page from the app.');
  return window.custodyEntry;
}

/** Reads an uncontrolled field once and clears it. */
function take(ref: React.RefObject<HTMLInputElement | HTMLTextAreaElement | null>): string {
  const field = ref.current;
  const value = field?.value ?? '';
  if (field) field.value = '';
  return value;
}

export function EntryPage() {
  const [status, setStatus] = useState<CustodyStatus | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useCallback(async () => {
    const r = await api().custodyStatus({});
    if (r.ok) setStatus(r.value);
  }, []);
  useEffect(() => {
    // Main is the source of truth: who is next, how many are in (another custodian may have entered).
    const load = () =>
      void api()
        .custodyStatus({})
        .then((r) => r.ok && setStatus(r.value));
    load();
    const timer = setInterval(load, 1500);
    return () => clearInterval(timer);
  }, []);

  const submit = async <T,>(send: () => Promise<Result<T>>, describe: (v: T) => string) => {
    setBusy(true);
    setOutcome(null);
    try {
      const r = await send();
      setOutcome(r.ok ? { ok: true, text: describe(r.value) } : { ok: false, error: r.error });
      await refresh();
    } finally {
      setBusy(false);
    }
  };

  const entry = status?.entry ?? null;
  return (
    <Container maxWidth="sm" sx={{ py: 4 }} component="main">
      <Typography variant="h5" component="h1" gutterBottom>
        Custodian entry
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
        Only the custodian looks at this screen while entering. What you type goes to the ceremony’s main
        process once, is checked there, and is never shown or stored here.
      </Typography>
      {!entry && (
        <Alert severity="info">Nothing to enter: the ceremony has not asked for components or shares.</Alert>
      )}
      {entry?.kind === 'components' && <ComponentForm entry={entry} busy={busy} submit={submit} />}
      {entry?.kind === 'shares' && <ShareForm entry={entry} busy={busy} submit={submit} />}
      {entry?.kind === 'passphrases' && <PassphraseForm entry={entry} busy={busy} submit={submit} />}
      {outcome?.ok && (
        <Alert severity="success" sx={{ mt: 3 }} data-testid="entry-accepted" role="status">
          {outcome.text}
        </Alert>
      )}
      {outcome && !outcome.ok && (
        <Alert severity="error" sx={{ mt: 3 }} role="alert" data-testid="entry-error">
          <AlertTitle>{outcome.error.message}</AlertTitle>
          {outcome.error.hint}
        </Alert>
      )}
    </Container>
  );
}

type Entry = NonNullable<CustodyStatus['entry']>;
type Submit = <T>(send: () => Promise<Result<T>>, describe: (v: T) => string) => Promise<void>;

function ComponentForm({ entry, busy, submit }: { entry: Entry; busy: boolean; submit: Submit }) {
  const component = useRef<HTMLInputElement>(null);
  const checkValue = useRef<HTMLInputElement>(null);
  const custodian = entry.next;
  if (!custodian)
    return (
      <Alert severity="success">
        All {entry.custodians.length} components are in. The operator combines them in the ceremony window.
      </Alert>
    );
  const accepted = (r: { custodian: string; checkValue: string; entered: number; total: number }) =>
    `${r.custodian}’s component was accepted: check value ${r.checkValue} (${r.entered} of ${r.total}).`;
  const send = () => {
    const value = take(component);
    const kcv = take(checkValue);
    void submit(() => api().submitComponent({ custodian, component: value, checkValue: kcv }), accepted);
  };
  // Main opens the file dialog and reads the file; this page never sees its path or its bytes.
  const load = () => {
    const kcv = take(checkValue);
    if (component.current) component.current.value = ''; // a half-typed component is not kept
    void submit(
      () => api().submitComponentFile({ custodian, checkValue: kcv }),
      (r) => ('cancelled' in r ? 'No file was chosen.' : accepted(r)),
    );
  };
  return (
    <Box component="form" onSubmit={(e) => (e.preventDefault(), send())} aria-label="Enter a component">
      <Typography variant="h6" component="h2" gutterBottom>
        {custodian}: your {entry.keySpec} component
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Component {entry.entered.length + 1} of {entry.custodians.length}. Type the check value written on
        your form, then type the component in hex groups — or load it from the file on your own drive.
      </Typography>
      <Stack spacing={2}>
        <TextField
          label="Component check value (6 hex digits)"
          inputRef={checkValue}
          autoComplete="off"
          slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'component-check-value' } }}
        />
        <TextField
          label="Component (hex groups)"
          type="password"
          inputRef={component}
          autoComplete="off"
          slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'component' } }}
        />
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={busy}>
            Submit component
          </Button>
          <Button variant="outlined" disabled={busy} onClick={load}>
            Load component from file…
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}

function ShareForm({ entry, busy, submit }: { entry: Entry; busy: boolean; submit: Submit }) {
  const custodian = useRef<HTMLInputElement>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const unlock = useRef<HTMLInputElement>(null);
  const describe = (r: { custodian: string; share: string; entered: number; threshold: number }) =>
    `${r.custodian}’s ${r.share} was accepted (${r.entered} given; ${r.threshold} needed).`;
  const name = () => custodian.current?.value.trim() ?? '';
  const sendText = () => {
    const who = name();
    const value = take(text);
    void submit(() => api().submitShareText({ custodian: who, text: value }), describe);
  };
  const sendFile = (kind: 'identity' | 'passphrase') => {
    const who = name();
    const secret = take(unlock);
    void submit(
      () =>
        api().submitShareFile({
          custodian: who,
          unlock: kind === 'identity' ? { identity: secret } : { passphrase: secret },
        }),
      (r) => ('cancelled' in r ? 'No file was chosen.' : describe(r)),
    );
  };
  return (
    <Stack spacing={2} component="section" aria-label="Enter a share">
      <Typography variant="h6" component="h2">
        Your share of the backup{entry.backupId ? ` ${entry.backupId}` : ''}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {entry.entered.length} share(s) given
        {entry.threshold ? `; ${entry.threshold} needed` : ''}. Type your name, then your sheet’s text (or
        scan its QR code into the field), or open your age file with your identity or passphrase.
      </Typography>
      <TextField label="Custodian name" inputRef={custodian} autoComplete="off" />
      <TextField
        label="Share text (from the sheet or its QR code)"
        multiline
        minRows={6}
        inputRef={text}
        autoComplete="off"
        slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'share-text' } }}
      />
      <Button variant="contained" disabled={busy} onClick={sendText}>
        Submit share text
      </Button>
      <TextField
        label="age identity (AGE-SECRET-KEY-1…) or passphrase"
        type="password"
        inputRef={unlock}
        autoComplete="off"
        slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'share-unlock' } }}
      />
      <Stack direction="row" spacing={1}>
        <Button variant="outlined" disabled={busy} onClick={() => sendFile('identity')}>
          Open age file with identity…
        </Button>
        <Button variant="outlined" disabled={busy} onClick={() => sendFile('passphrase')}>
          Open age file with passphrase…
        </Button>
      </Stack>
    </Stack>
  );
}

/** A custodian sets the passphrase of their backup share: typed twice, compared and checked in main. */
function PassphraseForm({ entry, busy, submit }: { entry: Entry; busy: boolean; submit: Submit }) {
  const passphrase = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLInputElement>(null);
  const custodian = entry.next;
  if (!custodian)
    return (
      <Alert severity="success">
        All {entry.custodians.length} passphrases are set. The officers write the backup in the ceremony
        window.
      </Alert>
    );
  const send = () => {
    const first = take(passphrase);
    const second = take(confirm);
    void submit(
      () => api().submitBackupPassphrase({ custodian, passphrase: first, confirm: second }),
      (r) => `Passphrase set for ${r.custodian} (share ${r.share}; ${r.set} of ${r.total} passphrases set).`,
    );
  };
  return (
    <Box component="form" onSubmit={(e) => (e.preventDefault(), send())} aria-label="Set a share passphrase">
      <Typography variant="h6" component="h2" gutterBottom>
        {custodian}: the passphrase for your backup share
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Passphrase {entry.entered.length + 1} of {entry.custodians.length}; any {entry.threshold} shares
        rebuild the key. Your share is written as an age file that opens only with this passphrase: choose at
        least 10 characters (4–5 random words), keep it yourself, and never write it next to the file.
      </Typography>
      <Stack spacing={2}>
        <TextField
          label="Passphrase"
          type="password"
          inputRef={passphrase}
          autoComplete="new-password"
          slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'passphrase' } }}
        />
        <TextField
          label="Type the passphrase again"
          type="password"
          inputRef={confirm}
          autoComplete="new-password"
          slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'passphrase-again' } }}
        />
        <Button type="submit" variant="contained" disabled={busy}>
          Set passphrase
        </Button>
      </Stack>
    </Box>
  );
}
