import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyMaterials } from '../../../renderer/src/features/key/KeyMaterials';
import { fail, installFakeApi, ok, resetStore, symmetricKey } from '../fake-api';

afterEach(cleanup);
const enabled = { ...symmetricKey, keyState: 'Enabled' };
const id = (c: string) => c.repeat(64);
const entry = {
  description: null,
  importState: 'IMPORTED',
  expirationModel: 'KEY_MATERIAL_EXPIRES',
  validTo: '2027-06-30T00:00:00.000Z',
  rotationDate: null,
  rotationType: null,
};

describe('Key materials', () => {
  it('lists each material with its state in words, expiry and rotation', async () => {
    resetStore();
    installFakeApi({
      listKeyMaterials: ok({
        materials: [
          { ...entry, keyMaterialId: id('a'), keyMaterialState: 'NON_CURRENT' },
          {
            ...entry,
            keyMaterialId: id('b'),
            keyMaterialState: 'CURRENT',
            rotationDate: '2026-11-30T04:00:00.000Z',
            rotationType: 'ON_DEMAND',
          },
          {
            ...entry,
            keyMaterialId: id('c'),
            keyMaterialState: 'PENDING_ROTATION',
            description: 'rotation 2027',
          },
        ],
      }),
    });
    render(<KeyMaterials keyDescription={enabled} />);
    const table = await screen.findByRole('table', { name: 'Key materials' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual([
      'Previous (decrypts older data)',
      'Current',
      'Waiting for rotation',
    ]);
    expect(rows[1]!.textContent).toContain('ON_DEMAND 2026-11-30 04:00:00 UTC');
    expect(rows[2]!.textContent).toContain('rotation 2027');
    expect(rows[2]!.textContent).toContain('Not rotated yet');
    expect(rows[0]!.textContent).toContain('2027-06-30 00:00:00 UTC');
  });

  it('says when nothing was imported yet, and shows a failure as an alert', async () => {
    resetStore();
    installFakeApi({ listKeyMaterials: ok({ materials: [] }) });
    render(<KeyMaterials keyDescription={enabled} />);
    expect(await screen.findByText('No key material has been imported into this key yet.')).toBeTruthy();
    cleanup();
    installFakeApi({
      listKeyMaterials: fail(
        'AccessDeniedException',
        'AWS denied the request.',
        'Use a role allowed to list.',
      ),
    });
    render(<KeyMaterials keyDescription={enabled} />);
    expect((await screen.findByRole('alert')).textContent).toBe('AWS denied the request.');
  });
});
