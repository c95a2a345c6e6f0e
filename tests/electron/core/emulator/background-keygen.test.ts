/**
 * The pool's background fill runs on one thread at the lowest CPU priority (background-keygen.ts), so a
 * refill does not take a core from the ceremony the emulator serves on the same machine.
 */
import { createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundKeygen } from '../../../../electron/core/emulator/background-keygen';

let keygen: BackgroundKeygen | undefined;
afterEach(() => keygen?.close());

/**
 * Ids of this process's threads at nice 19 (Linux /proc: field 19 of stat, after the command's ")"). A
 * thread that ends between the listing and the read (the test runner's own come and go) is not counted.
 */
function threadsAtNice19(): string[] {
  return readdirSync('/proc/self/task').filter((tid) => {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      return false;
    }
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16] === '19';
  });
}

describe('BackgroundKeygen', () => {
  it('makes RSA pairs of the size asked, each one different', async () => {
    keygen = new BackgroundKeygen();
    const [a, b] = await Promise.all([keygen.generate(2048), keygen.generate(2048)]);
    const details = createPublicKey({
      key: a.publicKeyDer,
      format: 'der',
      type: 'spki',
    }).asymmetricKeyDetails;
    expect(details).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    expect(a.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(a.publicKeyDer.equals(b.publicKeyDer)).toBe(false);
  });

  it('generates on a thread at nice 19 (Linux)', async (ctx) => {
    if (!existsSync('/proc/thread-self')) {
      console.log('skipped: no /proc/thread-self here, so the generator keeps normal priority');
      ctx.skip();
    }
    const before = threadsAtNice19();
    keygen = new BackgroundKeygen();
    await keygen.generate(2048);
    expect(threadsAtNice19().filter((tid) => !before.includes(tid))).toHaveLength(1);
  });

  it('close() rejects a generation still under way', async () => {
    keygen = new BackgroundKeygen();
    const pending = keygen.generate(4096);
    keygen.close();
    await expect(pending).rejects.toThrow(/closing/);
  });
});
