import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Electron's BoringSSL has no AES key-wrap ciphers: any use of them passes in Node and fails in the app.
const FORBIDDEN = /wrap-pad|\bid-aes|\baes[-\w${}]*-wrap\b/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

describe('no *-wrap* cipher in electron/', () => {
  it('the scan finds a planted use (so the check itself works)', () => {
    expect(FORBIDDEN.test("createCipheriv('id-aes256-wrap-pad', k, iv)")).toBe(true);
    expect(FORBIDDEN.test("createCipheriv('aes128-wrap', k, iv)")).toBe(true);
    expect(FORBIDDEN.test('createCipheriv(`aes-${bits}-wrap`, k, iv)')).toBe(true);
    expect(FORBIDDEN.test("createCipheriv('aes-256-ecb', k, null)")).toBe(false);
    expect(FORBIDDEN.test('RSA_AES_KEY_WRAP_SHA_256')).toBe(false);
  });

  it('no source file under electron/ names an AES key-wrap cipher', () => {
    const files = sourceFiles(join(process.cwd(), 'electron'));
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
