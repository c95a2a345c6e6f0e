import { createPrivateKey, type KeyObject } from 'node:crypto';
import { AppError } from '../../errors';
import { decodeBase64, decodeHex, isAsciiText, pemBlocks, type PemBlock } from '../encoding';
import { KEY_SPEC_INFO, type KeySpec } from '../kms-types';
import { adoptIntoSecret, Secret, wipe } from '../secret';
import { normaliseSecretFile } from '../secret-text';
import { CONTAINER_NAMES, identifyContainer } from './container';
import { validateMaterialForKeySpec } from './validate';

export type MaterialFormat = 'auto' | 'raw' | 'hex' | 'base64' | 'pem' | 'der' | 'p12';
export const MATERIAL_FORMATS: readonly MaterialFormat[] = [
  'auto',
  'raw',
  'hex',
  'base64',
  'pem',
  'der',
  'p12',
];

export interface LoadOptions {
  keySpec: KeySpec;
  format?: MaterialFormat;
  passphrase?: Secret;
}
export interface LoadedMaterial {
  material: Secret;
  formatFound: string;
  /** Sentences about conversions done, e.g. PKCS#1 → PKCS#8. */
  notes: string[];
}

/**
 * Reads key material as people have it (raw bytes, hex, base64, PEM, DER, encrypted PKCS#8, PKCS#12) and returns
 * it in the exact form KMS imports, validated against the key spec. Every rejection says what was found and what
 * to do. `input` stays the caller's (wipe it); intermediate buffers are wiped here.
 */
export async function loadKeyMaterial(file: Buffer, opts: LoadOptions): Promise<LoadedMaterial> {
  const shape = KEY_SPEC_INFO[opts.keySpec].material;
  if (shape.kind === 'unsupported')
    throw new AppError('UNSUPPORTED_KEY_SPEC', shape.reason, 'Choose another key spec.');
  // Text written by Windows tools (UTF-16, BOM) is read like bundle files, and the conversion reported.
  const text = normaliseSecretFile(file, 'key material');
  const input = text.bytes;
  let loaded: LoadedMaterial;
  try {
    loaded =
      shape.kind === 'symmetric' || shape.kind === 'hmac'
        ? loadRawKey(input, opts.keySpec, shape.bytes, opts.format ?? 'auto')
        : await loadPrivateKey(input, opts);
  } catch (error) {
    throw text.unconverted ? namingEncoding(error, text.unconverted) : error;
  } finally {
    if (input !== file) input.fill(0);
  }
  loaded.notes.unshift(...text.notes);
  const validity = validateMaterialForKeySpec(opts.keySpec, loaded.material);
  if (!validity.ok) {
    loaded.material.wipe();
    throw new AppError(
      'BAD_MATERIAL',
      `${validity.reason} (read as ${loaded.formatFound})`,
      hintFor(opts.keySpec),
    );
  }
  return loaded;
}

/** A refusal of a file that announces a Unicode form we could not convert says which form it found. */
function namingEncoding(error: unknown, unconverted: { found: string; why: string }): unknown {
  if (!(error instanceof AppError) || !['BAD_MATERIAL', 'BAD_PASSPHRASE'].includes(error.code)) return error;
  return new AppError(
    error.code,
    `${error.message} The file starts like ${unconverted.found} text, which could not be read as text (${unconverted.why}).`,
    'Save the key as ASCII text (hex, base64 or PEM; PowerShell: Set-Content -Encoding ascii) or as raw bytes.',
  );
}

function hintFor(keySpec: KeySpec): string {
  const shape = KEY_SPEC_INFO[keySpec].material;
  if (shape.kind === 'symmetric' || shape.kind === 'hmac') {
    // No command that writes a plaintext key to disk: the app can generate the material in memory instead.
    return `Load a file holding exactly ${shape.bytes} bytes (raw, or as hex/base64 text), or choose “Generate key material” in this step.`;
  }
  return `Load the ${keySpec} private key as PKCS#8, SEC1/PKCS#1, encrypted PKCS#8 or PKCS#12 (PEM or DER), or choose “Generate key material” in this step.`;
}

// ---------- symmetric and HMAC keys: exact-length byte strings ----------

function loadRawKey(input: Buffer, keySpec: KeySpec, bytes: number, format: MaterialFormat): LoadedMaterial {
  const decoders: Record<string, () => Buffer | null> = {
    raw: () => copy(input),
    hex: () => decodeHex(input),
    base64: () => decodeBase64(input),
  };
  const decoder = decoders[format];
  if (decoder) {
    const decoded = decoder();
    if (!decoded)
      throw new AppError('BAD_MATERIAL', `The material file is not ${format} text.`, hintFor(keySpec));
    return { material: adopt(decoded), formatFound: format, notes: [] };
  }
  if (format !== 'auto') {
    throw new AppError(
      'BAD_MATERIAL',
      `${keySpec} material is a plain ${bytes}-byte key; the ${format} format holds private keys.`,
      'Use --material-format raw, hex, base64 or auto.',
    );
  }
  if (input.length === bytes && !isAsciiText(input))
    return { material: adopt(copy(input)), formatFound: 'raw', notes: [] };
  if (isAsciiText(input)) {
    // Hex digits are also valid base64, so pure hex text is read as hex only (64 hex digits are not 48 bytes).
    const hexDecoded = decodeHex(input);
    const decoded = hexDecoded ?? decodeBase64(input);
    if (decoded?.length === bytes)
      return { material: adopt(decoded), formatFound: hexDecoded ? 'hex' : 'base64', notes: [] };
    wipe(decoded);
    if (input.length === bytes) return { material: adopt(copy(input)), formatFound: 'raw', notes: [] };
    const hex = decodeHex(input);
    const b64 = hex ? null : decodeBase64(input);
    const readings = [
      hex ? `as hex it is ${hex.length} bytes` : null,
      b64 ? `as base64 it is ${b64.length} bytes` : null,
      `as raw bytes it is ${input.length}`,
    ].filter(Boolean);
    wipe(hex, b64);
    throw new AppError(
      'BAD_MATERIAL',
      `${keySpec} needs exactly ${bytes} bytes; this file is text (${readings.join(', ')}).`,
      hintFor(keySpec),
    );
  }
  throw new AppError(
    'BAD_MATERIAL',
    `${keySpec} needs exactly ${bytes} bytes; this file has ${input.length}.`,
    hintFor(keySpec),
  );
}

// ---------- asymmetric keys: PKCS#8 DER, converted from what people have ----------

async function loadPrivateKey(input: Buffer, opts: LoadOptions): Promise<LoadedMaterial> {
  const format = opts.format ?? 'auto';
  if (format === 'pem' || (format === 'auto' && pemBlocks(input).length > 0)) return fromPem(input, opts);
  if (format === 'p12') return fromDer(input, opts, 'PKCS#12');
  if (format === 'der' || format === 'raw') return fromDer(input, opts, 'DER');
  if (format === 'auto' && identifyContainer(input).kind !== 'not-der') return fromDer(input, opts, 'DER');
  if (format === 'hex' || format === 'base64' || (format === 'auto' && isAsciiText(input))) {
    const order = format === 'auto' ? (['base64', 'hex'] as const) : [format];
    for (const name of order) {
      const der = name === 'hex' ? decodeHex(input) : decodeBase64(input);
      if (der && identifyContainer(der).kind !== 'not-der') {
        try {
          return await fromDer(der, opts, `${name} of DER`);
        } finally {
          der.fill(0);
        }
      }
      wipe(der);
    }
  }
  throw new AppError(
    'BAD_MATERIAL',
    `This file is not a private key in any form this app reads (PEM, DER, PKCS#12, or base64/hex of DER); it is ${input.length} bytes of ${isAsciiText(input) ? 'text' : 'binary data'}.`,
    hintFor(opts.keySpec),
  );
}

async function fromDer(der: Buffer, opts: LoadOptions, how: string): Promise<LoadedMaterial> {
  const container = identifyContainer(der);
  const notes: string[] = [];
  switch (container.kind) {
    case 'pkcs8':
      return { material: adopt(copy(der)), formatFound: `PKCS#8 ${how}`, notes };
    case 'pkcs1-rsa':
    case 'sec1-ec': {
      const type = container.kind === 'pkcs1-rsa' ? 'pkcs1' : 'sec1';
      const name = container.kind === 'pkcs1-rsa' ? 'PKCS#1 RSAPrivateKey' : 'SEC1 ECPrivateKey';
      notes.push(
        `This is ${name} ${how} as written by \`openssl genpkey -outform DER\`; it was converted to PKCS#8 (KMS accepts only PKCS#8).`,
      );
      return {
        material: exportPkcs8(() => createPrivateKey({ key: der, format: 'der', type })),
        formatFound: `${name} ${how}`,
        notes,
      };
    }
    case 'encrypted-pkcs8': {
      const passphrase = requirePassphrase(opts, 'an encrypted PKCS#8 key');
      notes.push('The encrypted PKCS#8 key was decrypted with the passphrase.');
      return {
        material: exportPkcs8(
          () =>
            passphrase.use((p) =>
              createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: p }),
            ),
          true,
        ),
        formatFound: `encrypted PKCS#8 ${how}`,
        notes,
      };
    }
    case 'pkcs12': {
      notes.push('The private key was extracted from the PKCS#12 file.');
      return { material: await openPkcs12(der, opts.passphrase), formatFound: 'PKCS#12', notes };
    }
    default:
      throw new AppError(
        'BAD_MATERIAL',
        `${opts.keySpec} needs a private key; this file is ${CONTAINER_NAMES[container.kind]}.`,
        hintFor(opts.keySpec),
      );
  }
}

const PEM_KINDS: Record<string, string> = {
  'PRIVATE KEY': 'PKCS#8 PEM',
  'RSA PRIVATE KEY': 'PKCS#1 PEM',
  'EC PRIVATE KEY': 'SEC1 PEM',
  'ENCRYPTED PRIVATE KEY': 'encrypted PKCS#8 PEM',
};

async function fromPem(input: Buffer, opts: LoadOptions): Promise<LoadedMaterial> {
  const blocks = pemBlocks(input);
  try {
    const keys = blocks.filter((b) => PEM_KINDS[b.label]);
    if (keys.length !== 1) {
      const found = blocks.length ? `"${blocks.map((b) => b.label).join('", "')}"` : 'no PEM block';
      throw new AppError(
        'BAD_MATERIAL',
        keys.length === 0
          ? `This PEM file holds ${found}, not a private key.`
          : `This PEM file holds ${keys.length} private keys; exactly one is needed.`,
        hintFor(opts.keySpec),
      );
    }
    const block = keys[0]!;
    if (isLegacyEncrypted(block)) return fromLegacyEncryptedPem(input, block, opts);
    const loaded = await fromDer(block.der, opts, 'PEM');
    const kind = PEM_KINDS[block.label]!;
    return {
      ...loaded,
      formatFound: kind,
      notes: loaded.notes.map((n) =>
        n.replace(/ PEM as written by `openssl genpkey -outform DER`/, ` PEM (BEGIN ${block.label})`),
      ),
    };
  } finally {
    for (const block of blocks) block.der.fill(0);
  }
}

function isLegacyEncrypted(block: PemBlock): boolean {
  return block.headers.some((h) => /^Proc-Type:\s*4,ENCRYPTED/i.test(h));
}

/** OpenSSL "traditional" encrypted PEM (Proc-Type/DEK-Info headers): Node decrypts it natively. */
function fromLegacyEncryptedPem(input: Buffer, block: PemBlock, opts: LoadOptions): LoadedMaterial {
  const passphrase = requirePassphrase(opts, `an encrypted ${PEM_KINDS[block.label]}`);
  return {
    material: exportPkcs8(
      () => passphrase.use((p) => createPrivateKey({ key: input, format: 'pem', passphrase: p })),
      true,
    ),
    formatFound: `encrypted ${PEM_KINDS[block.label]} (legacy OpenSSL encryption)`,
    notes: [`The legacy-encrypted ${block.label} was decrypted with the passphrase and converted to PKCS#8.`],
  };
}

/**
 * Without a passphrase, try the empty one (some tools export that way) before asking for it. node-forge
 * (PKCS#12 only) loads on first use: the CLI's kcv/inspect and most ceremonies never need it.
 */
async function openPkcs12(der: Buffer, passphrase: Secret | undefined): Promise<Secret> {
  const { pkcs12ToPkcs8 } = await import('./pkcs12');
  if (passphrase) return pkcs12ToPkcs8(der, passphrase);
  try {
    return pkcs12ToPkcs8(der, undefined);
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_PASSPHRASE') {
      throw new AppError(
        'PASSPHRASE_REQUIRED',
        'This file is a passphrase-protected PKCS#12 (.p12/.pfx); a passphrase is needed.',
        'Pass --passphrase-file <file>.',
      );
    }
    throw error;
  }
}

function requirePassphrase(opts: LoadOptions, what: string): Secret {
  if (!opts.passphrase) {
    throw new AppError(
      'PASSPHRASE_REQUIRED',
      `This file is ${what}; a passphrase is needed.`,
      'Pass --passphrase-file <file>.',
    );
  }
  return opts.passphrase;
}

function exportPkcs8(makeKey: () => KeyObject, encrypted = false): Secret {
  let key: KeyObject;
  try {
    key = makeKey();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw encrypted
      ? new AppError(
          'BAD_PASSPHRASE',
          'The passphrase does not decrypt this key (or the file is damaged).',
          'Check the passphrase.',
        )
      : new AppError(
          'BAD_MATERIAL',
          `The private key could not be read (${why}).`,
          'Check that the file is a complete, undamaged private key.',
        );
  }
  return adoptIntoSecret(key.export({ type: 'pkcs8', format: 'der' }));
}

/** A Buffer.alloc'd copy (Buffer.from(buffer) may land in the shared pool). */
function copy(bytes: Buffer): Buffer {
  const out = Buffer.alloc(bytes.length);
  bytes.copy(out);
  return out;
}

function adopt(bytes: Buffer): Secret {
  return adoptIntoSecret(bytes);
}
