import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from './context';
import { settleAll } from './lifecycle';

/**
 * `/_emulator/clock`, the test clock: exists only when the emulator was started with `--test-clock`
 * (`testClock: true`). Moving the clock expires every import token and material, so a request must come
 * from this machine's loopback, carry no `Origin` header (a web page cannot send a cross-origin request
 * without one, and a test tool has no reason to send one), present the per-start token in
 * `X-Emulator-Clock-Token`, and (POST) send `Content-Type: application/json`, which a page cannot send
 * cross-origin without a preflight this server never answers.
 *
 *   GET  → `{ now, iso }`
 *   POST `{"advanceSeconds": <0 … 10 years>}` or `{"set": "<ISO 8601>" | <epoch seconds>}` → `{ now, iso }`
 */
export const TEST_CLOCK_PATH = '/_emulator/clock';
export const TEST_CLOCK_TOKEN_HEADER = 'x-emulator-clock-token';

export interface ClockReply {
  status: number;
  body: Record<string, unknown>;
}

const refuse = (status: number, type: string, message: string): ClockReply => ({
  status,
  body: { __type: type, message },
});

const isLoopback = (address: string | undefined) =>
  address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/** Checks who asks, before the body is read. Null when the request may proceed. */
export function refuseClockRequest(req: IncomingMessage, token: string): ClockReply | null {
  if (req.headers.origin !== undefined) {
    return refuse(
      403,
      'AccessDeniedException',
      'The test clock refuses requests with an Origin header (web pages send one; test tools do not).',
    );
  }
  if (!isLoopback(req.socket.remoteAddress)) {
    return refuse(403, 'AccessDeniedException', 'The test clock is loopback-only.');
  }
  const given = Buffer.from(String(req.headers[TEST_CLOCK_TOKEN_HEADER] ?? ''), 'utf8');
  const expected = Buffer.from(token, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse(
      403,
      'AccessDeniedException',
      'The test clock needs the token the emulator printed at start, in the X-Emulator-Clock-Token header.',
    );
  }
  if (req.method !== 'GET' && req.method !== 'POST') {
    return refuse(405, 'MethodNotAllowedException', 'The test clock answers GET and POST only.');
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (req.method === 'POST' && contentType !== 'application/json') {
    return refuse(
      415,
      'UnsupportedMediaTypeException',
      `The test clock takes Content-Type: application/json; got ${contentType || 'none'}.`,
    );
  }
  return null;
}

/** Applies a POST body (already checked by refuseClockRequest) and answers the clock's time. */
export function applyClockRequest(ctx: EmulatorContext, method: string, body: Buffer): ClockReply {
  if (method === 'POST') {
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(400, 'SerializationException', 'The body is not JSON.');
    }
    const keys = input && typeof input === 'object' && !Array.isArray(input) ? Object.keys(input) : [];
    const { advanceSeconds, set } = (input ?? {}) as { advanceSeconds?: unknown; set?: unknown };
    if (keys.length !== 1 || !['advanceSeconds', 'set'].includes(keys[0]!)) {
      return refuse(
        400,
        'ValidationException',
        'Send exactly one of {"advanceSeconds": <seconds>} or {"set": "<ISO 8601 time>"}.',
      );
    }
    try {
      if (advanceSeconds !== undefined) {
        if (typeof advanceSeconds !== 'number') throw new RangeError('advanceSeconds must be a number.');
        ctx.clock.advance(advanceSeconds);
      } else {
        const ms =
          typeof set === 'number' ? set * 1000 : typeof set === 'string' ? Date.parse(set) : Number.NaN;
        if (Number.isNaN(ms)) throw new RangeError('set must be an ISO 8601 time or epoch seconds.');
        ctx.clock.set(ms);
      }
    } catch (error) {
      if (error instanceof RangeError) return refuse(400, 'ValidationException', error.message);
      throw error;
    }
    settleAll(ctx);
  }
  return { status: 200, body: { now: ctx.clock.nowSeconds(), iso: ctx.clock.now().toISOString() } };
}
