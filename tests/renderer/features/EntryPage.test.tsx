/**
 * The custody entry page (issue 11): typed components and passphrases go to main once and the fields are
 * cleared; a component file is asked for by name only (main opens the dialog, no path leaves the page).
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EntryPage } from '../../../renderer/src/entry/EntryPage';

afterEach(() => {
  cleanup();
  delete (window as { custodyEntry?: unknown }).custodyEntry;
});

const entry = {
  kind: 'components' as const,
  keySpec: 'SYMMETRIC_DEFAULT',
  custodians: ['Carol', 'Dave'],
  entered: [],
  next: 'Carol',
  threshold: null,
  backupId: null,
  ready: false,
};

describe('custody entry page', () => {
  it('sends the next custodian’s component once, clears the field, and shows only the check value', async () => {
    const api = {
      custodyStatus: vi.fn(async () => ({ ok: true, value: { entry, backups: [] } })),
      submitComponent: vi.fn(async () => ({
        ok: true,
        value: { custodian: 'Carol', checkValue: 'ABC123', entered: 1, total: 2 },
      })),
      submitShareText: vi.fn(),
      submitShareFile: vi.fn(),
    };
    Object.defineProperty(window, 'custodyEntry', { value: api, configurable: true });
    render(<EntryPage />);
    await screen.findByRole('heading', { name: 'Carol: your SYMMETRIC_DEFAULT component' });
    const component = screen.getByTestId('component') as HTMLInputElement;
    expect(component.type).toBe('password');
    await userEvent.type(component, '0011 2233');
    await userEvent.type(screen.getByTestId('component-check-value'), 'ABC123');
    await userEvent.click(screen.getByRole('button', { name: 'Submit component' }));
    expect(api.submitComponent).toHaveBeenCalledWith({
      custodian: 'Carol',
      component: '0011 2233',
      checkValue: 'ABC123',
    });
    expect(component.value).toBe('');
    expect((await screen.findByTestId('entry-accepted')).textContent).toContain(
      'check value ABC123 (1 of 2)',
    );
    expect(document.body.innerHTML).not.toContain('0011 2233');
  });

  it('asks main for the custodian’s component file with the typed check value, and sends no path', async () => {
    const api = {
      custodyStatus: vi.fn(async () => ({ ok: true, value: { entry, backups: [] } })),
      submitComponentFile: vi.fn(async () => ({
        ok: true,
        value: { custodian: 'Carol', checkValue: 'ABC123', entered: 1, total: 2 },
      })),
    };
    Object.defineProperty(window, 'custodyEntry', { value: api, configurable: true });
    render(<EntryPage />);
    await screen.findByRole('heading', { name: 'Carol: your SYMMETRIC_DEFAULT component' });
    await userEvent.type(screen.getByTestId('component-check-value'), 'ABC123');
    await userEvent.click(screen.getByRole('button', { name: 'Load component from file…' }));
    expect(api.submitComponentFile).toHaveBeenCalledWith({ custodian: 'Carol', checkValue: 'ABC123' });
    expect((await screen.findByTestId('entry-accepted')).textContent).toContain('(1 of 2)');
  });

  it('sends the passphrase typed twice for the next custodian, clears both fields, and shows no passphrase', async () => {
    const waiting = {
      ...entry,
      kind: 'passphrases' as const,
      custodians: ['Carol', 'Dave'],
      threshold: 2,
    };
    const api = {
      custodyStatus: vi.fn(async () => ({ ok: true, value: { entry: waiting, backups: [] } })),
      submitBackupPassphrase: vi.fn(async () => ({
        ok: false,
        error: {
          code: 'PASSPHRASE_MISMATCH',
          message: 'The two passphrases typed for Carol differ; nothing was kept.',
          hint: 'Carol types the same passphrase in both fields of the entry window.',
        },
      })),
    };
    Object.defineProperty(window, 'custodyEntry', { value: api, configurable: true });
    render(<EntryPage />);
    await screen.findByRole('heading', { name: 'Carol: the passphrase for your backup share' });
    const [first, again] = [
      screen.getByTestId('passphrase'),
      screen.getByTestId('passphrase-again'),
    ] as HTMLInputElement[];
    expect([first!.type, again!.type]).toEqual(['password', 'password']);
    await userEvent.type(first!, 'tulip granite orbit');
    await userEvent.type(again!, 'tulip granite orbyt');
    await userEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(api.submitBackupPassphrase).toHaveBeenCalledWith({
      custodian: 'Carol',
      passphrase: 'tulip granite orbit',
      confirm: 'tulip granite orbyt',
    });
    expect([first!.value, again!.value]).toEqual(['', '']);
    expect((await screen.findByTestId('entry-error')).textContent).toContain('differ');
    expect(document.body.innerHTML).not.toContain('tulip');
  });
});
