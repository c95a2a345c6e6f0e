/** Usage texts of `kms-ceremony shares` (plain strings: `--help` must not load age, pdfkit or qrcode). */
export const SPLIT_USAGE = `Usage: kms-ceremony shares split --key-spec <SPEC> --material <file> [--material-format <FMT>]
         --key <key ARN or alias> --threshold <M> --share <custodian>=<form> (N times) --out-dir <dir>
         [--ceremony-id <id>] [--scrypt-work-factor <10-22>]

Splits key material into N shares, any M of which rebuild it (2 <= M <= N <= 9), one per custodian. <form> is:
  age1…                  an age file encrypted to the custodian's public key (from age-keygen)
  passphrase:<file>      an age file encrypted to the passphrase in <file> (age scrypt, work factor 2^18)
  sheet                  a printable share sheet (PDF: numbered hex lines with checksums and a QR code)
Writes into --out-dir (mode 0600, never overwriting): backup-<ID>-share-<i>-of-<N>-<custodian>.age|.pdf and
backup-<ID>-record.json (who received which share, in which form, and each share's SHA-256; no secrets).
Prints the backup id and the material's check value. Nothing is written unless every share is ready.`;

export const COMBINE_USAGE = `Usage: kms-ceremony shares combine (--sheet <file> | --age <file> (--identity <file> | --passphrase-file <file>))...
         [--key <key ARN or alias>] [--key-spec <SPEC>] [--backup-id <ID>] [--out <file>]

Rebuilds key material from M shares of one backup and checks it against the check value the backup recorded.
--sheet reads a typed share sheet or the text of its QR code; --age opens a custodian's age file with the
identity or passphrase file given right after it. --key, --key-spec and --backup-id refuse shares of another
key or backup. Without --out nothing is written: the command only says whether the shares rebuild the material.
With --out the material is written as raw bytes (PKCS#8 DER for asymmetric keys), mode 0600, never overwriting.`;

export const VERIFY_USAGE = `Usage: kms-ceremony shares verify (--sheet <file> | --age <file> (--identity <file> | --passphrase-file <file>))...
         [--record <backup-…-record.json>] [--check-value <hex>] [--key <ARN or alias>] [--key-spec <SPEC>] [--backup-id <ID>]

Checks shares without showing or writing any material: each share is read (line checksums, age authentication),
compared with the backup record (its backup id and the SHA-256 recorded for its index) and with the recorded
check value; when M or more shares are given, they are combined in memory and the rebuilt material's check
value is compared with the backup's. A single custodian can verify their share alone against the record.`;

export const SHARES_USAGE = `Usage: kms-ceremony shares <split|combine|verify> [options]

M-of-N backup of key material (Shamir secret sharing) for its custodians:
  split     split material into N shares (age files or printed sheets), any M of which rebuild it
  combine   rebuild material from M shares, checked against the backup's check value (--out to write it)
  verify    check shares against the backup record without showing or writing material

${SPLIT_USAGE}

${COMBINE_USAGE}

${VERIFY_USAGE}`;
