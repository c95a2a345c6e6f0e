/**
 * The custody channels through the real `dispatch` (request and response validated): the wizard's
 * requests are checked against the ceremony in main, malformed entry requests are refused before any
 * handler runs, and a cancelled folder dialog makes no backup.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/main/ipc/dispatch';
import { createHandlers } from '../../../../../electron/main/ipc/handlers/index';
import { noDialogs, testContext } from '../../../helpers/main-context';

const handlers = createHandlers(testContext());

describe('custody channels', () => {
  it('refuses custody steps outside a ceremony (policy in main), with a typed error', async () => {
    for (const [channel, req] of [
      ['custody:beginComponents', { custodians: ['Carol', 'Dave'] }],
      ['custody:beginRestore', { checkValue: null }],
    ] as const) {
      expect(await dispatch(handlers, channel, req)).toMatchObject({
        ok: false,
        error: { code: 'NO_CEREMONY' },
      });
    }
  });

  it('refuses malformed entry requests before any handler runs', async () => {
    const tooLong = await dispatch(handlers, 'entry:submitComponent', {
      custodian: 'Carol',
      component: 'A'.repeat(2000),
      checkValue: '123456',
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const extra = await dispatch(handlers, 'entry:submitShareText', {
      custodian: 'Carol',
      text: 'x',
      path: '/etc',
    });
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const noEntry = await dispatch(handlers, 'entry:submitComponent', {
      custodian: 'Carol',
      component: '00',
      checkValue: '123456',
    });
    expect(noEntry).toMatchObject({ ok: false, error: { code: 'NO_COMPONENT_ENTRY' } });
  });

  it('takes no path from the entry page, asks for no file or folder before main is waiting, and compares passphrases in main', async () => {
    const asked: string[] = [];
    const spying = createHandlers(
      testContext({
        dialogs: {
          openFile: async ({ title }) => (asked.push(title), null),
          chooseFolder: async ({ title }) => (asked.push(title), null),
          confirm: async () => false,
        },
      }),
    );
    const withPath = await dispatch(spying, 'entry:submitComponentFile', {
      custodian: 'Carol',
      checkValue: '123456',
      file: '/media/carol/component.hex',
    });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await dispatch(spying, 'entry:submitComponentFile', { custodian: 'Carol', checkValue: '123456' }),
    ).toMatchObject({ ok: false, error: { code: 'NO_COMPONENT_ENTRY' } });
    expect(await dispatch(spying, 'custody:completeBackup', {})).toMatchObject({
      ok: false,
      error: { code: 'NO_PASSPHRASE_ENTRY' },
    });
    expect(asked).toEqual([]);
    // Typed twice: both go to main, which compares them; one alone is malformed.
    expect(
      await dispatch(spying, 'entry:submitPassphrase', { custodian: 'Carol', passphrase: 'x'.repeat(12) }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await dispatch(spying, 'entry:submitPassphrase', {
        custodian: 'Carol',
        passphrase: 'x'.repeat(12),
        confirm: 'x'.repeat(12),
      }),
    ).toMatchObject({ ok: false, error: { code: 'NO_PASSPHRASE_ENTRY' } });
    // The wizard may name a passphrase form, never a passphrase.
    const passphraseInWizard = await dispatch(spying, 'custody:backup', {
      threshold: 2,
      shares: [
        { custodian: 'Carol', form: 'age-passphrase', passphrase: 'x'.repeat(12) },
        { custodian: 'Dave', form: 'printed-sheet' },
      ],
    });
    expect(passphraseInWizard).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await dispatch(spying, 'custody:backup', {
        threshold: 2,
        shares: [
          { custodian: 'Carol', form: 'age-passphrase' },
          { custodian: 'Dave', form: 'printed-sheet' },
        ],
      }),
    ).toMatchObject({ ok: false, error: { code: 'NO_CEREMONY' } });
    expect(asked).toEqual([]);
  });

  it('makes no backup when the folder dialog is cancelled', async () => {
    const r = await dispatch(handlers, 'custody:backup', {
      threshold: 2,
      shares: [
        { custodian: 'Carol', form: 'age-x25519', recipient: 'age1x' },
        { custodian: 'Dave', form: 'printed-sheet' },
      ],
    });
    expect(r).toEqual({ ok: true, value: { cancelled: true } });
    expect(await dispatch(handlers, 'entry:status', {})).toEqual({
      ok: true,
      value: { entry: null, backups: [] },
    });
  });

  it('asks for no folder when every share is a sheet printed and not saved: nothing of it goes to disk', async () => {
    const asked: string[] = [];
    const h = createHandlers(
      testContext({
        dialogs: {
          ...noDialogs,
          chooseFolder: ({ title }) => {
            asked.push(title);
            return Promise.resolve(null);
          },
        },
      }),
    );
    const printedOnly = {
      threshold: 2,
      shares: [
        { custodian: 'Carol', form: 'printed-sheet' },
        { custodian: 'Dave', form: 'printed-sheet', saveFile: false },
      ],
    };
    // Straight to the session, whose policy refuses outside a ceremony: no dialog was shown first.
    expect(await dispatch(h, 'custody:backup', printedOnly)).toMatchObject({
      ok: false,
      error: { code: 'NO_CEREMONY' },
    });
    expect(asked).toEqual([]);
    // Saving one sheet as a file needs the folder.
    const saved = {
      ...printedOnly,
      shares: [printedOnly.shares[0], { ...printedOnly.shares[1], saveFile: true }],
    };
    expect(await dispatch(h, 'custody:backup', saved)).toEqual({ ok: true, value: { cancelled: true } });
    expect(asked).toEqual([
      'Folder for the share files: saved sheet for Dave (give each custodian only their own file)',
    ]);
  });
});
