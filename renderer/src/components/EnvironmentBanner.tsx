/**
 * Always visible: is this the air-gapped station, a rehearsal against the local emulator, or real AWS —
 * and, once connected, the endpoint (and where main found it), Region, account and principal.
 */
import { Box, Typography } from '@mui/material';
import type { Connection } from '../../../electron/shared/ipc-contract';

type Kind = 'none' | 'rehearsal' | 'production' | 'offline';

const STYLES: Record<Kind, object> = {
  none: { bgcolor: 'grey.200', color: 'text.primary' },
  rehearsal: { bgcolor: '#1d4e89', color: '#fff' },
  production: { bgcolor: '#8a1c1c', color: '#fff' },
  // Striped charcoal: unlike any connected state, so nobody mistakes the station they are at.
  offline: {
    color: '#fff',
    background: 'repeating-linear-gradient(135deg, #263238 0 18px, #37474f 18px 36px)',
    py: 1.25,
  },
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function EnvironmentBanner({
  connection,
  station = 'online',
}: {
  connection: Connection | null;
  station?: 'online' | 'offline';
}) {
  const kind: Kind =
    station === 'offline'
      ? 'offline'
      : connection === null
        ? 'none'
        : connection.target === 'emulator'
          ? 'rehearsal'
          : 'production';
  const text = {
    none: 'Not connected',
    rehearsal: 'REHEARSAL — local emulator; nothing here touches AWS',
    production: `PRODUCTION — AWS account ${connection?.account ?? ''}, ${connection?.region ?? ''}`,
    offline: 'Offline — air-gapped: this station makes no network connection',
  }[kind];
  return (
    <Box
      component="aside"
      aria-label="Environment"
      data-testid="environment-banner"
      data-kind={kind}
      sx={{ ...STYLES[kind], px: 3, py: 0.75 }}
    >
      <Typography
        variant="body2"
        sx={{ fontWeight: 600, letterSpacing: 0.5, fontSize: kind === 'offline' ? 16 : undefined }}
      >
        {text}
      </Typography>
      {connection && kind !== 'offline' && (
        // Where every call goes and as whom, for the whole ceremony: chosen by main, never typed here.
        <Typography variant="caption" component="p" data-testid="environment-endpoint" sx={{ opacity: 0.9 }}>
          Endpoint {hostOf(connection.endpoint)} ({connection.endpointSource}) · Region {connection.region} ·
          Account {connection.account} · Principal {connection.principalArn}
        </Typography>
      )}
    </Box>
  );
}
