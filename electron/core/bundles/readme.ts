import { publicKeyFingerprint } from '../fingerprint';
import type { ParametersManifest, WrappedManifest } from './manifest';

/** Fingerprint block both READMEs print: hex groups and PGP words, 8 per line, for reading aloud. */
function fingerprintLines(publicKeyDer: Uint8Array, file = 'WrappingPublicKey.bin'): string[] {
  const fp = publicKeyFingerprint(publicKeyDer);
  const rows = (items: string[], per: number) =>
    Array.from(
      { length: Math.ceil(items.length / per) },
      (_, i) => `    ${items.slice(i * per, i * per + per).join(' ')}`,
    );
  return [
    `Wrapping public key fingerprint (SHA-256 of ${file}):`,
    ...rows(fp.hexGroups, 8),
    '',
    'Read aloud as PGP words:',
    ...rows(fp.words, 8),
  ];
}

export function parametersReadme(
  m: ParametersManifest,
  publicKeyDer: Uint8Array,
  otherRegions: { region: string; der: Uint8Array }[] = [],
): string {
  return [
    'KMS Key Ceremony - import parameters bundle (online station -> offline station)',
    '',
    `Ceremony:            ${m.ceremonyId}`,
    `Key ARN:             ${m.keyArn}`,
    `Key spec:            ${m.keySpec}`,
    `Wrapping algorithm:  ${m.wrappingAlgorithm}`,
    `Wrapping key spec:   ${m.wrappingKeySpec}`,
    `Valid until (UTC):   ${m.parametersValidTo}   <- the wrapped bundle must be imported before this time`,
    `Import token:        kept on the online station (SHA-256 ${m.importToken.sha256})`,
    '',
    ...fingerprintLines(publicKeyDer),
    '',
    ...otherRegions.flatMap((r) => {
      const entry = m.otherRegions?.find((o) => o.region === r.region);
      return [
        `Region ${r.region} (multi-Region key): ${entry?.keyArn ?? ''}`,
        `  valid until (UTC): ${entry?.parametersValidTo ?? ''}`,
        ...fingerprintLines(r.der, `WrappingPublicKey.${r.region}.bin`),
        '',
      ];
    }),
    'Files: WrappingPublicKey.bin (DER SubjectPublicKeyInfo, binary), manifest.json (machine-readable copy',
    'of the above), README.txt (this file). Copy the folder in binary mode; do not open or re-save the .bin.',
    '',
  ].join('\n');
}

export function wrappedReadme(m: WrappedManifest, publicKeyDer: Uint8Array | null): string {
  return [
    'KMS Key Ceremony - wrapped key material bundle (offline station -> online station)',
    '',
    `Ceremony:            ${m.ceremonyId}`,
    `Key ARN:             ${m.keyArn ?? '(not known on the offline station)'}`,
    `Key spec:            ${m.keySpec}`,
    `Wrapping algorithm:  ${m.wrappingAlgorithm} (${m.wrappingKeySpec})`,
    `Import before (UTC): ${m.parametersValidTo}`,
    `Check value:         ${m.checkValue.kind} ${m.checkValue.value}${m.checkValue.legacyEcbKcv ? ` (legacy ECB KCV ${m.checkValue.legacyEcbKcv})` : ''}`,
    `EncryptedKeyMaterial.bin: ${m.encryptedKeyMaterial.size} bytes, SHA-256 ${m.encryptedKeyMaterial.sha256}`,
    `Offline transcript:  ${m.transcript.events} events, head ${m.transcript.headHash}`,
    '',
    ...(publicKeyDer
      ? fingerprintLines(publicKeyDer)
      : [`Wrapping public key SHA-256: ${m.parameters.publicKeySha256}`]),
    '',
    'EncryptedKeyMaterial.bin is what the console upload and `aws kms import-key-material',
    '--encrypted-key-material fileb://EncryptedKeyMaterial.bin` expect. It is useless without the KMS',
    'wrapping private key; the plaintext key material never left the offline station.',
    '',
  ].join('\n');
}
