/** The custody entry page (issue 11): typed components go to main once and the field is cleared. */
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
});
