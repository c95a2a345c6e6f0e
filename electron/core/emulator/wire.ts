import { KmsError } from './errors';

/**
 * AWS JSON 1.1 encoding (spec §5): input members are checked against a per-operation schema and reported the
 * way KMS (Coral) reports them — "1 validation error detected: Value … at 'camelCaseMember' failed to satisfy
 * constraint: …". Blobs travel as standard base64, timestamps as epoch seconds.
 */
export interface MemberRule {
  type: 'string' | 'blob' | 'timestamp' | 'boolean' | 'integer' | 'list' | 'map';
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  enum?: readonly string[];
  /** Plaintext blobs are decoded into Buffer.alloc'd memory that the operation wipes. */
  secret?: boolean;
}
export type InputSchema = Record<string, MemberRule>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (Buffer.isBuffer(value))
    return `'java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]'`;
  return `'${JSON.stringify(value)}'`;
}

function decodeBlob(text: string, secret: boolean, name: string): Buffer {
  if (!BASE64.test(text)) throw new KmsError('SerializationException', `Invalid base64 in member ${name}`);
  if (!secret) return Buffer.from(text, 'base64');
  const out = Buffer.alloc(Math.floor((text.length * 3) / 4));
  const written = out.write(text, 'base64');
  return out.subarray(0, written);
}

function typeMatches(rule: MemberRule, value: unknown): boolean {
  switch (rule.type) {
    case 'string':
    case 'blob':
      return typeof value === 'string';
    case 'timestamp':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'map':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/** Parses and checks one request body; returns members with blobs decoded. */
export function parseInput(body: unknown, schema: InputSchema): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new KmsError('SerializationException', 'Start of structure or map expected');
  }
  const raw = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(schema)) {
    let value = raw[name];
    if (value === undefined || value === null) {
      if (rule.required)
        problems.push(`Value null at '${camel(name)}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (!typeMatches(rule, value)) {
      throw new KmsError('SerializationException', `Unexpected value type for member ${name}`);
    }
    if (rule.type === 'blob') value = decodeBlob(value as string, rule.secret === true, name);
    const size =
      typeof value === 'string'
        ? value.length
        : Buffer.isBuffer(value) || Array.isArray(value)
          ? value.length
          : null;
    const shown = describeValue(value);
    const at = `Value ${shown} at '${camel(name)}' failed to satisfy constraint: Member must`;
    if (rule.enum && !rule.enum.includes(value as string)) {
      problems.push(`${at} satisfy enum value set: [${rule.enum.join(', ')}]`);
    } else if (size !== null && rule.min !== undefined && size < rule.min) {
      problems.push(`${at} have length greater than or equal to ${rule.min}`);
    } else if (size !== null && rule.max !== undefined && size > rule.max) {
      problems.push(`${at} have length less than or equal to ${rule.max}`);
    } else if (rule.type === 'integer' && rule.min !== undefined && (value as number) < rule.min) {
      problems.push(`${at} have value greater than or equal to ${rule.min}`);
    } else if (rule.type === 'integer' && rule.max !== undefined && (value as number) > rule.max) {
      problems.push(`${at} have value less than or equal to ${rule.max}`);
    } else if (rule.pattern && typeof value === 'string' && !rule.pattern.test(value)) {
      problems.push(`${at} satisfy regular expression pattern: ${rule.pattern.source}`);
    }
    out[name] = value;
  }
  if (problems.length > 0) {
    const count = `${problems.length} validation error${problems.length > 1 ? 's' : ''} detected: `;
    throw new KmsError('ValidationException', count + problems.join('; '));
  }
  return out;
}

function toWire(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value;
}

/** JSON for a response: Buffers become base64, undefined members are omitted. */
export function encodeOutput(output: unknown): string {
  return JSON.stringify(toWire(output ?? {}));
}

/** Epoch milliseconds → the wire form (epoch seconds with a millisecond fraction). */
export const toWireTime = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : ms / 1000;

/** Common member rules, named after the model shapes. */
export const shapes = {
  keyId: { type: 'string', required: true, min: 1, max: 2048 },
  optionalKeyId: { type: 'string', min: 1, max: 2048 },
  grantTokens: { type: 'list', max: 10 },
  limit: { type: 'integer', min: 1, max: 1000 },
  marker: { type: 'string', min: 1, max: 1024, pattern: /^[\u0020-\u00FF]*$/ },
  materialId: { type: 'string', min: 64, max: 64, pattern: /^[a-f0-9]+$/ },
  ciphertext: { type: 'blob', required: true, min: 1, max: 6144 },
  encryptionContext: { type: 'map' },
} as const satisfies Record<string, MemberRule>;
