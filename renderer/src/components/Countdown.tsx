/**
 * Time left until an instant, ticking each second: amber under one hour, red once expired. Main's own
 * "expired" answer (which uses KMS's clock) overrides the local clock through `expired`.
 */
import { Chip } from '@mui/material';
import { useEffect, useState } from 'react';
import { formatInstant } from '../time';

const HOUR = 3_600_000;

export function remaining(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h} h ${String(m).padStart(2, '0')} min ${String(sec).padStart(2, '0')} s left`;
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function countdownState(until: string, now: number, expired = false): 'ok' | 'warn' | 'expired' {
  const left = Date.parse(until) - now;
  if (expired || left <= 0) return 'expired';
  return left < HOUR ? 'warn' : 'ok';
}

/**
 * `countdownState` kept current without re-rendering the caller every second: React skips the update
 * while the state stays the same, so a screen re-renders only when it turns 'warn' or 'expired'.
 */
export function useCountdownState(until: string, expired = false): 'ok' | 'warn' | 'expired' {
  const [state, setState] = useState(() => countdownState(until, Date.now(), expired));
  useEffect(() => {
    const tick = () => setState(countdownState(until, Date.now(), expired));
    tick();
    const t = setInterval(tick, 1000);
    return () => clearInterval(t);
  }, [until, expired]);
  return state;
}

export function Countdown({ until, expired = false }: { until: string; expired?: boolean }) {
  const now = useNow();
  const state = countdownState(until, now, expired);
  const color = state === 'ok' ? 'success' : state === 'warn' ? 'warning' : 'error';
  return (
    <Chip
      data-testid="countdown"
      data-state={state}
      color={color}
      variant="outlined"
      size="small"
      label={state === 'expired' ? 'expired' : remaining(Date.parse(until) - now)}
      title={`until ${formatInstant(until)}`}
      // MUI's warning orange on white is below 4.5:1; a darker amber keeps the chip readable (axe).
      sx={{
        fontFamily: 'var(--mono)',
        ...(state === 'warn' ? { color: '#8a4500', borderColor: '#b26a00' } : {}),
      }}
    />
  );
}
