/**
 * The SDK clients' `streamCollector` (KMSClientConfig / STSClientConfig): every response body, as bytes.
 * The SDK's own (@smithy/core's streamCollector) first asks whether the body is a web ReadableStream, and
 * that question alone makes Node load its web streams implementation (eight built-in modules: ~8 ms of the
 * first KMS call of every ceremony on our 2-core machines) although Node's http handler always answers with
 * an http.IncomingMessage. This one reads a Node stream itself; any other body (a Blob or a web stream, from
 * another request handler) is read through the web platform's Response.
 */
import { Readable } from 'node:stream';

/**
 * All bytes of `body` in a new Uint8Array of their own (not a slice of Node's shared buffer pool), as the
 * SDK's collector returns them. Errors: the stream's.
 */
export function collectResponseBody(body: unknown): Promise<Uint8Array> {
  if (!(body instanceof Readable))
    return new Response(body as ConstructorParameters<typeof Response>[0])
      .arrayBuffer()
      .then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    body.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.byteLength;
    });
    body.once('error', reject);
    body.once('end', () => {
      const bytes = new Uint8Array(length);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.byteLength;
      }
      resolve(bytes);
    });
  });
}
