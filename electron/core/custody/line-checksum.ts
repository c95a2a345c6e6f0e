/**
 * The per-line checksum of a share sheet: CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no
 * xor-out; check value 0x29B1 for "123456789", per the CRC catalogue) over [line number, line bytes], written
 * as 4 hex digits. A CRC of degree 16 detects every error burst of at most 16 bits, so every single mistyped
 * hex digit (a 4-bit burst) and every swap of two adjacent digits (8 bits) is caught on the line it happens,
 * and a line typed in the wrong place is caught because the number is covered too.
 * Why our own: 10 lines, and Node's zlib.crc32 truncated to 16 bits would lose the burst guarantee.
 */
export function crc16(data: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The checksum of sheet line `lineNumber` (1-based, ≤ 255) holding `bytes`, as 4 upper-case hex digits. */
export function lineChecksum(lineNumber: number, bytes: Uint8Array): string {
  const input = Buffer.alloc(bytes.length + 1);
  try {
    input[0] = lineNumber;
    input.set(bytes, 1);
    return crc16(input).toString(16).toUpperCase().padStart(4, '0');
  } finally {
    input.fill(0);
  }
}
