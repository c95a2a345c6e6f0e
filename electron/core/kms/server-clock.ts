/**
 * The clock KMS judges expiry by, read from the standard HTTP `Date` header of the responses the SDK
 * already receives (RFC 9110 §6.6.1; AWS sends it, and the local emulator sends its own, possibly advanced,
 * clock). No extra request and no second HTTP stack: an SDK middleware in the deserialize step sees each raw
 * response. The header has one-second resolution, so offsets under two seconds are taken as none.
 */
const RESOLUTION_MS = 2000;

interface RawResponse {
  headers?: Record<string, string | undefined>;
}

/** The part of an SDK client's middleware stack this needs (KMSClient, STSClient). */
interface MiddlewareStackLike {
  add(
    middleware: (
      next: (args: never) => Promise<{ response: unknown }>,
    ) => (args: never) => Promise<{ response: unknown }>,
    options: { step: 'deserialize'; name: string },
  ): void;
}

export class ServerClock {
  private offsetMs = 0;

  /** Starts watching a client's responses. */
  watch(client: { middlewareStack: unknown }): void {
    (client.middlewareStack as MiddlewareStackLike).add(
      (next) => async (args) => {
        try {
          const out = await next(args);
          this.observe(out.response as RawResponse);
          return out;
        } catch (error) {
          this.observe((error as { $response?: RawResponse }).$response);
          throw error;
        }
      },
      { step: 'deserialize', name: 'kmsCeremonyServerClock' },
    );
  }

  /** Notes the server's time from one response's `Date` header (ignored when absent or unparsable). */
  observe(response: RawResponse | undefined, receivedAtMs = Date.now()): void {
    const headers = response?.headers ?? {};
    const name = Object.keys(headers).find((h) => h.toLowerCase() === 'date');
    const dateMs = name ? Date.parse(headers[name] ?? '') : Number.NaN;
    if (Number.isNaN(dateMs)) return;
    const offset = dateMs + 500 - receivedAtMs; // the middle of the second the header names
    this.offsetMs = Math.abs(offset) < RESOLUTION_MS ? 0 : offset;
  }

  /** The server's time now: this machine's clock plus the last offset seen (none before any response). */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
