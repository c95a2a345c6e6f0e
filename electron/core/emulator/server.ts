import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from './context';
import { KmsError } from './errors';
import { OPERATIONS } from './operations/index';
import { STS_CONTENT_TYPE, stsReply } from './sts';
import { applyClockRequest, refuseClockRequest, TEST_CLOCK_PATH } from './test-clock';
import { encodeOutput, parseInput } from './wire';

/**
 * HTTP front of the emulator: AWS JSON 1.1 over `POST /` (spec §5), sts:GetCallerIdentity (sts.ts), plus,
 * only when started with a test-clock token, the test clock at `/_emulator/clock` (test-clock.ts). Signatures
 * are not verified, but a request must carry an Authorization header; its SigV4 credential scope picks the
 * Region. Every failure is answered as an AWS error and the server keeps serving. Every answer's `Date`
 * header is the emulator clock's, as AWS's is its own: clients (the app's KMS gateway) read the time KMS
 * judges expiry by from the responses they already get.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
const SCOPE = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/kms\/aws4_request/;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      req.resume(); // drain and discard, so the connection can answer
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(body);
}

const sendError = (res: ServerResponse, error: KmsError) =>
  send(res, error.status, JSON.stringify(error.toBody()));

async function handleClock(
  ctx: EmulatorContext,
  token: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const refused = refuseClockRequest(req, token);
  if (refused) req.resume(); // the body is never read
  const reply = refused ?? applyClockRequest(ctx, req.method ?? 'GET', await readBody(req));
  send(res, reply.status, JSON.stringify(reply.body));
}

async function handleKms(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const authorization = req.headers.authorization;
  if (!authorization)
    throw new KmsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType === STS_CONTENT_TYPE && req.method === 'POST' && req.url === '/') {
    const reply = stsReply(ctx, body.toString('utf8'));
    res.writeHead(reply.status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': randomUUID() });
    res.end(reply.xml);
    return;
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  const name = target.startsWith('TrentService.') ? target.slice('TrentService.'.length) : '';
  const operation = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
  if (req.method !== 'POST' || req.url !== '/' || contentType !== JSON_CONTENT_TYPE || !operation) {
    throw new KmsError('UnknownOperationException');
  }
  let json: unknown;
  try {
    json = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw new KmsError('SerializationException', 'Malformed JSON in the request body');
  }
  const region = SCOPE.exec(authorization)?.[1] ?? ctx.defaultRegion;
  const input = parseInput(json, operation.input);
  const output = await operation.run({ ...ctx, region }, input);
  if (input.DryRun === true) {
    // Only the cryptographic operations take DryRun, and they change no state: run the checks, drop the result.
    wipeBuffers(output);
    throw new KmsError(
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
    );
  }
  try {
    send(res, 200, encodeOutput(output));
  } finally {
    wipeBuffers(output); // plaintexts and data keys are not kept after they are sent
  }
}

function wipeBuffers(value: unknown): void {
  if (Buffer.isBuffer(value)) value.fill(0);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) wipeBuffers(v);
}

/** `testClockToken`: serve the test clock, to requests carrying this token. Undefined: no test clock. */
export function createKmsServer(ctx: EmulatorContext, testClockToken?: string): Server {
  return createServer((req, res) => {
    res.once('close', ctx.pool.beginRequest()); // after the response, or a dropped connection
    res.setHeader('Date', ctx.clock.now().toUTCString());
    const clock = testClockToken !== undefined && req.url?.split('?')[0] === TEST_CLOCK_PATH;
    const handling = clock ? handleClock(ctx, testClockToken, req, res) : handleKms(ctx, req, res);
    handling.catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof BodyTooLarge) {
        sendError(
          res,
          new KmsError(
            'RequestEntityTooLargeException',
            `Request body is larger than ${MAX_BODY_BYTES} bytes.`,
          ),
        );
      } else if (error instanceof KmsError) {
        sendError(res, error);
      } else if (error instanceof SyntaxError) {
        sendError(res, new KmsError('SerializationException', 'Malformed JSON in the request body'));
      } else {
        // A bug, not a client error: say so without echoing request data (it may hold secrets).
        console.error('kms-emulator: internal error:', (error as Error)?.stack ?? String(error));
        sendError(res, new KmsError('KMSInternalException', 'The emulator failed internally; see its log.'));
      }
    });
  });
}
