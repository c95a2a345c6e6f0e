import { AesBlock } from './aes-block';

/**
 * AES-CMAC, RFC 4493 (NIST SP 800-38B), on single-block AES-ECB so it runs unchanged under BoringSSL.
 * Returns the full 16-byte tag in a Buffer.alloc'd buffer.
 */
export function aesCmac(key: Buffer, message: Buffer): Buffer {
  const aes = new AesBlock(key, 'encrypt');
  const k1 = Buffer.alloc(16);
  const k2 = Buffer.alloc(16);
  const x = Buffer.alloc(16);
  const last = Buffer.alloc(16);
  try {
    // Subkeys: L = AES(K, 0^128); K1 = dbl(L); K2 = dbl(K1).
    aes.run(x, k1);
    double(k1);
    k1.copy(k2);
    double(k2);
    const blocks = Math.max(1, Math.ceil(message.length / 16));
    const complete = message.length > 0 && message.length % 16 === 0;
    for (let i = 0; i < blocks - 1; i++) {
      xorInto(x, message.subarray(16 * i, 16 * i + 16));
      aes.run(x, x);
    }
    const tail = message.subarray(16 * (blocks - 1));
    tail.copy(last);
    if (!complete) last[tail.length] = 0x80;
    xorInto(last, complete ? k1 : k2);
    xorInto(x, last);
    aes.run(x, x);
    const tag = Buffer.alloc(16);
    x.copy(tag);
    return tag;
  } finally {
    k1.fill(0);
    k2.fill(0);
    x.fill(0);
    last.fill(0);
    aes.close();
  }
}

/** Doubling in GF(2^128) with the RFC 4493 constant Rb = 0x87. */
function double(block: Buffer): void {
  const carry = block[0]! & 0x80;
  for (let i = 0; i < 15; i++) block[i] = ((block[i]! << 1) | (block[i + 1]! >> 7)) & 0xff;
  block[15] = ((block[15]! << 1) & 0xff) ^ (carry ? 0x87 : 0);
}

function xorInto(target: Buffer, other: Uint8Array): void {
  for (let i = 0; i < other.length; i++) target[i]! ^= other[i]!;
}
