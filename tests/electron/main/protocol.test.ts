import { describe, expect, it } from 'vitest';
import { resolveRendererPath } from '../../../electron/main/protocol';

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
