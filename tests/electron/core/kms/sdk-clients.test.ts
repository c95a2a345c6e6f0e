/**
 * electron/core/kms/sdk-clients.ts: each client's endpoint is pinned. A request that something in the SDK's
 * middleware stack points elsewhere (here: another port) is stopped before it is sent, with ENDPOINT_CHANGED;
 * one left alone reaches the approved endpoint.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkClients } from '../../../../electron/core/kms/sdk-clients';

let server: Server;
let endpoint = '';
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(String(req.headers['x-amz-target']));
    res.setHeader('Content-Type', 'application/x-amz-json-1.1');
    res.end(JSON.stringify({ Keys: [], Truncated: false }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const clients = () =>
  createSdkClients({
    region: 'us-east-1',
    endpoints: { kms: endpoint, sts: endpoint },
    credentials: { accessKeyId: 'AKIAEMULATOR00000000', secretAccessKey: 'emulator-does-not-check' },
  });

describe('createSdkClients', () => {
  it('sends a request to the approved endpoint', async () => {
    const { kms, sts } = clients();
    try {
      await expect(kms.send(new ListKeysCommand({}))).resolves.toMatchObject({ Keys: [] });
      expect(seen.at(-1)).toBe('TrentService.ListKeys');
    } finally {
      kms.destroy();
      sts.destroy();
    }
  });

  it('stops a request redirected to another port before it is sent', async () => {
    const { kms, sts } = clients();
    kms.middlewareStack.add(
      (next) => (args) => {
        (args.request as { port?: number }).port = 9;
        return next(args);
      },
      { step: 'build', name: 'redirectForTest' },
    );
    const before = seen.length;
    try {
      await expect(kms.send(new ListKeysCommand({}))).rejects.toMatchObject({ code: 'ENDPOINT_CHANGED' });
      expect(seen.length).toBe(before);
    } finally {
      kms.destroy();
      sts.destroy();
    }
  });
});
