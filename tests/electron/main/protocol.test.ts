import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererPath, serveRendererFile } from '../../../electron/main/protocol';

describe('resolveRendererPath', () => {
  it('maps app://ceremony paths into the renderer folder', () => {
    expect(resolveRendererPath('/r', 'app://ceremony/')).toBe('/r/index.html');
    expect(resolveRendererPath('/r', 'app://ceremony/assets/a.js')).toBe('/r/assets/a.js');
  });

  it('keeps every path inside the renderer folder and refuses other hosts', () => {
    // URL parsing already folds dot segments; encoded slashes survive it and must be refused here.
    expect(resolveRendererPath('/r', 'app://ceremony/%2e%2e/%2e%2e/etc/passwd')).toBe('/r/etc/passwd');
    expect(resolveRendererPath('/r', 'app://ceremony/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveRendererPath('/r', 'app://other/index.html')).toBeNull();
  });
});

describe('serveRendererFile (the app:// protocol handler)', () => {
  it('answers 404, without throwing, for malformed percent-encoding and NUL bytes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
    try {
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
      for (const url of [
        'app://ceremony/%',
        'app://ceremony/%zz',
        'app://ceremony/a%E0%A4%A',
        'app://ceremony/index.html%00',
      ]) {
        expect(resolveRendererPath(dir, url)).toBeNull();
        const response = await serveRendererFile(dir, url);
        expect(response.status).toBe(404);
      }
      expect((await serveRendererFile(dir, 'app://ceremony/')).status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
