import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectResponseBody } from '../../../../electron/core/kms/response-body';

describe('collectResponseBody', () => {
  it('reads a Node stream into one Uint8Array of its own', async () => {
    const chunks = [Buffer.from('{"KeyId":'), Buffer.from('"1234"'), Buffer.from('}')];
    const bytes = await collectResponseBody(Readable.from(chunks));
    expect(Buffer.from(bytes).toString()).toBe('{"KeyId":"1234"}');
    expect(bytes.constructor).toBe(Uint8Array);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength); // not a view into a shared pool
  });

  it('gives an empty body as zero bytes', async () => {
    expect(await collectResponseBody(Readable.from([]))).toEqual(new Uint8Array(0));
  });

  it("rejects with the stream's error", async () => {
    const body = new Readable({ read() {} });
    const collected = collectResponseBody(body);
    body.push(Buffer.from('partial'));
    body.destroy(new Error('socket hang up'));
    await expect(collected).rejects.toThrow('socket hang up');
  });

  it('reads a Blob or a web stream (another request handler) through Response', async () => {
    expect(Buffer.from(await collectResponseBody(new Blob(['blob body']))).toString()).toBe('blob body');
    const web = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('web '));
        c.enqueue(new TextEncoder().encode('stream'));
        c.close();
      },
    });
    expect(Buffer.from(await collectResponseBody(web)).toString()).toBe('web stream');
  });
});
