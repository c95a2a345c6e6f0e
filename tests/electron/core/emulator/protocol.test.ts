import { request } from 'node:http';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers';

/** The AWS JSON 1.1 wire protocol (spec §5) and error encoding (§1.9), spoken over raw HTTP. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const SIGNED =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/REGION/kms/aws4_request, SignedHeaders=host, Signature=00';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
}

const parse = (text: string): Record<string, unknown> => {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
};

function call(
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  { target = 'TrentService.ListKeys', region = 'us-east-1', auth = true } = {},
): Promise<Reply> {
  const url = new URL(path, h.emulator.endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': target,
          ...(auth ? { Authorization: SIGNED.replace('REGION', region) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const kms = (target: string, input: unknown, region = 'us-east-1') =>
  call('/', JSON.stringify(input), {}, { target: `TrentService.${target}`, region });

describe('AWS JSON 1.1 protocol', () => {
  it('a request without Authorization is MissingAuthenticationTokenException (HTTP 400)', async () => {
    const reply = await call('/', '{}', {}, { auth: false });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  it('an unknown operation or a wrong content type is UnknownOperationException, and the server keeps serving', async () => {
    expect(await call('/', '{}', {}, { target: 'TrentService.MakeCoffee' })).toMatchObject({
      status: 400,
      json: { __type: 'UnknownOperationException' },
    });
    expect(await call('/', '{}', { 'Content-Type': 'application/json' })).toMatchObject({
      status: 400,
      json: { __type: 'UnknownOperationException' },
    });
    expect((await call('/', '{}')).status).toBe(200);
  });

  it('malformed JSON and mistyped members are SerializationException', async () => {
    expect(await call('/', '{"Limit":')).toMatchObject({
      status: 400,
      json: { __type: 'SerializationException' },
    });
    expect(await kms('DescribeKey', { KeyId: 42 })).toMatchObject({
      status: 400,
      json: { __type: 'SerializationException' },
    });
  });

  it('a body over 1 MiB is refused with HTTP 413, and the next request is served', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const reply = await call('/', big);
    expect(reply.status).toBe(413);
    expect(reply.json.__type).toBe('RequestEntityTooLargeException');
    expect((await call('/', '{}')).status).toBe(200);
  });

  it("client errors are HTTP 400 (NotFound too, despite the model's 404) with a request ID; silent errors have no message", async () => {
    const notFound = await kms('DescribeKey', { KeyId: '00000000-0000-0000-0000-000000000000' });
    expect(notFound.status).toBe(400);
    expect(notFound.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(notFound.json).toEqual({
      __type: 'NotFoundException',
      message:
        "Key 'arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000' does not exist",
    });
    const created = await kms('CreateKey', {});
    const keyId = (created.json.KeyMetadata as { KeyId: string }).KeyId;
    const garbage = await kms('Decrypt', {
      KeyId: keyId,
      CiphertextBlob: Buffer.from('not a ciphertext').toString('base64'),
    });
    expect(garbage.json).toEqual({ __type: 'InvalidCiphertextException' });
  });

  it('enum violations use the Coral message with camelCase member names', async () => {
    const reply = await kms('CreateKey', { KeySpec: 'HMAC_random' });
    expect(reply.status).toBe(400);
    expect(reply.json.__type).toBe('ValidationException');
    expect(reply.json.message).toMatch(
      /^1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: \[.*SYMMETRIC_DEFAULT.*\]$/,
    );
  });

  it('timestamps are epoch seconds and blobs are base64 on the wire', async () => {
    const before = h.emulator.now().getTime() / 1000;
    const created = await kms('CreateKey', { Origin: 'EXTERNAL' });
    const meta = created.json.KeyMetadata as { CreationDate: number; KeyId: string };
    expect(typeof meta.CreationDate).toBe('number');
    expect(meta.CreationDate).toBeGreaterThanOrEqual(before - 1);
    const params = await kms('GetParametersForImport', {
      KeyId: meta.KeyId,
      WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      WrappingKeySpec: 'RSA_2048',
    });
    expect(params.json.PublicKey).toMatch(/^MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A/);
    expect(Buffer.from(params.json.PublicKey as string, 'base64')).toHaveLength(294);
    expect(params.json.ParametersValidTo).toBeCloseTo(h.emulator.now().getTime() / 1000 + 86_400, 0);
  });

  it('the Region comes from the SigV4 credential scope', async () => {
    const created = await kms('CreateKey', {}, 'eu-central-1');
    const meta = created.json.KeyMetadata as { KeyId: string; Arn: string };
    expect(meta.Arn).toBe(`arn:aws:kms:eu-central-1:111122223333:key/${meta.KeyId}`);
    expect((await kms('DescribeKey', { KeyId: meta.KeyId }, 'eu-central-1')).status).toBe(200);
    expect((await kms('DescribeKey', { KeyId: meta.KeyId }, 'us-east-1')).json.__type).toBe(
      'NotFoundException',
    );
    expect((await kms('DescribeKey', { KeyId: meta.Arn }, 'us-east-1')).json).toEqual({
      __type: 'NotFoundException',
      message: 'Invalid arn eu-central-1',
    });
  });

  it('without testClock there is no /_emulator/clock: a clock request is an unknown operation', async () => {
    expect(h.emulator.testClock).toBeNull();
    const before = h.emulator.now().getTime();
    const reply = await call('/_emulator/clock', JSON.stringify({ advanceSeconds: 3600 }), {
      'Content-Type': 'application/json',
    });
    expect(reply.status).toBe(400);
    expect(reply.json.__type).toBe('UnknownOperationException');
    expect(h.emulator.now().getTime() - before).toBeLessThan(60_000);
  });

  it("every answer's Date header is the emulator clock's", async () => {
    const reply = await kms('ListKeys', {});
    const date = Date.parse(String(reply.headers.date));
    expect(Math.abs(date - h.emulator.now().getTime())).toBeLessThan(2000);
  });
});

describe('STS', () => {
  it('answers sts:GetCallerIdentity through @aws-sdk/client-sts (the app checks who it is before a ceremony)', async () => {
    const sts = new STSClient({
      endpoint: h.emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    try {
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      expect(identity).toMatchObject({
        Account: '111122223333',
        Arn: 'arn:aws:iam::111122223333:root',
        UserId: '111122223333',
      });
    } finally {
      sts.destroy();
    }
    const other = await call('/', 'Action=AssumeRole&Version=2011-06-15', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(other.status).toBe(400);
    expect(other.text).toContain('<Code>InvalidAction</Code>');
  });
});
