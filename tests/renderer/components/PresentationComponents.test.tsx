import { act, cleanup, render, screen, within } from '@testing-library/react';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BusyIndicator } from '../../../renderer/src/components/BusyIndicator';
import { Facts } from '../../../renderer/src/components/Facts';
import { Fingerprint } from '../../../renderer/src/components/Fingerprint';
import { ExpirationPicker } from '../../../renderer/src/features/import/ExpirationPicker';
import { latestValidTo } from '../../../renderer/src/features/import/expiration';
import { VerifyStep } from '../../../renderer/src/features/verify/VerifyStep';
import { EMPTY_SESSION } from '../../../renderer/src/steps';
import { useUi } from '../../../renderer/src/store';
import { formatInstant } from '../../../renderer/src/time';
import { installFakeApi, resetStore } from '../fake-api';

afterEach(cleanup);
const DAY = 86_400_000;
const WORDS = Array.from({ length: 32 }, (_, i) => `word${i + 1}`);

describe('Fingerprint', () => {
  it('shows the hash in the one format and the 32 PGP words numbered 1–32 in order', () => {
    render(<Fingerprint label="Wrapping public key" sha256={'3f2a'.repeat(16)} words={WORDS} testId="fp" />);
    const fp = screen.getByTestId('fp');
    expect(screen.getByTestId('fp-hash').textContent).toBe(`SHA-256 ${'3F2A '.repeat(15)}3F2A`);
    const grid = within(fp).getByRole('list', { name: 'Wrapping public key: PGP words' });
    const items = within(grid).getAllByRole('listitem');
    expect(items).toHaveLength(32);
    expect(items.map((li) => li.textContent)).toEqual(WORDS.map((w, i) => `${i + 1}${w}`));
  });

  it('shows no grid for a digest nobody reads aloud', () => {
    render(<Fingerprint label="EncryptedKeyMaterial" sha256={'ab'.repeat(32)} testId="fp" />);
    expect(screen.queryByRole('list')).toBeNull();
  });
});

describe('Facts', () => {
  it('pairs each label with its value (— when absent), identifiers in monospace', () => {
    render(
      <Facts
        testId="facts"
        facts={[
          { label: 'KeyId', value: '1234abcd', mono: true },
          { label: 'Description', value: 'rehearsal' },
          { label: 'Alias', value: null },
        ]}
      />,
    );
    const list = screen.getByTestId('facts');
    const terms = [...list.querySelectorAll('dt')].map((dt) => dt.textContent);
    const values = [...list.querySelectorAll('dd')];
    expect(terms).toEqual(['KeyId', 'Description', 'Alias']);
    expect(values.map((dd) => dd.textContent)).toEqual(['1234abcd', 'rehearsal', '—']);
    expect(getComputedStyle(values[0]!).fontFamily).toBe('var(--mono)');
    expect(getComputedStyle(values[1]!).fontFamily).not.toBe('var(--mono)');
  });
});

describe('ExpirationPicker', () => {
  const renderPicker = (validTo: Date, now: number) =>
    render(
      <LocalizationProvider dateAdapter={AdapterDayjs}>
        <ExpirationPicker value={{ model: 'KEY_MATERIAL_EXPIRES', validTo }} onChange={() => {}} now={now} />
      </LocalizationProvider>,
    );

  it('shows the latest allowed ValidTo (365 days ahead) in UTC and local time', () => {
    const now = Date.parse('2026-11-30T10:15:42Z');
    renderPicker(new Date(now + 90 * DAY), now);
    expect(latestValidTo(now).toISOString()).toBe('2027-11-30T10:15:00.000Z');
    expect(screen.getByTestId('latest-valid-to').textContent).toBe(
      `Latest allowed: ${formatInstant('2027-11-30T10:15:00.000Z')}`,
    );
    expect(screen.getByTestId('valid-to-readout').textContent).toBe(
      `Expires ${formatInstant(new Date(now + 90 * DAY))}`,
    );
  });

  it('never shows a refused value (366 days) as the expiry', () => {
    const now = Date.now();
    const refused = new Date(now + 366 * DAY);
    renderPicker(refused, now);
    const readout = screen.getByTestId('valid-to-readout');
    expect(readout.getAttribute('data-refused')).toBe('true');
    expect(readout.textContent).toBe('Not accepted: Valid to must be at most 365 days ahead.');
    expect(readout.textContent).not.toContain(formatInstant(refused));
    expect(readout.textContent).not.toMatch(/expires/i);
  });
});

describe('Progress state', () => {
  it('says what is happening, how long it usually takes and for how long it has run, as a status', () => {
    resetStore();
    useUi.getState().setBusy({
      action: 'Generate key material',
      label: 'Generating RSA_4096 key material in the main process…',
      expected: 'RSA-4096 generation usually takes 5–60 seconds.',
      since: Date.now() - 12_000,
    });
    render(<BusyIndicator />);
    const status = screen.getByRole('status');
    expect(within(status).getByTestId('busy-label').textContent).toBe(
      'Generating RSA_4096 key material in the main process…',
    );
    expect(within(status).getByTestId('busy-expected').textContent).toContain('5–60 seconds');
    expect(within(status).getByTestId('busy-elapsed').textContent).toMatch(/^1[23] s so far$/);
    expect(within(status).getByRole('progressbar', { name: /Generating RSA_4096/ })).toBeTruthy();
    act(() => useUi.getState().setBusy(null));
    expect(screen.getByRole('status').textContent).toBe('');
  });
});

describe('Verification failure', () => {
  it('is announced as an alert; a pass is a status', () => {
    const failed = {
      method: 'KMS Encrypt then Decrypt round trip',
      passed: false,
      checks: [{ name: 'Decrypt', passed: false, detail: 'different plaintext' }],
      keyMaterialId: null,
    };
    resetStore({ ...EMPTY_SESSION, verification: failed });
    installFakeApi({});
    render(<VerifyStep />);
    expect(screen.getByRole('alert').textContent).toContain('Verification FAILED');
    cleanup();
    resetStore({ ...EMPTY_SESSION, verification: { ...failed, passed: true } });
    render(<VerifyStep />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('verification').getAttribute('role')).toBe('status');
  });
});
