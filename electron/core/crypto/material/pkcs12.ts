import forge from 'node-forge';
import { AppError } from '../../errors';
import { Secret } from '../secret';

/**
 * Extracts the one private key of a PKCS#12 (.p12/.pfx) file as PKCS#8 DER. Node has no PKCS#12 parser, so this
 * is node-forge's job, and forge works on binary strings: the passphrase and the decrypted key pass through
 * strings that cannot be wiped. We keep that window as short as possible and copy the result into a Secret.
 * Handles OpenSSL 3 defaults (PBES2/AES-256-CBC, PBKDF2-HMAC-SHA256, SHA-256 MAC) and -legacy (RC2/3DES, SHA-1).
 */
export function pkcs12ToPkcs8(p12: Buffer, passphrase: Secret | undefined): Secret {
  const password = passphrase ? passphrase.use((p) => p.toString('utf8')) : '';
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    parsed = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const wrongPassword = /password|mac|decrypt/i.test(why);
    throw new AppError(
      wrongPassword ? 'BAD_PASSPHRASE' : 'BAD_PKCS12',
      wrongPassword
        ? 'The passphrase does not open this PKCS#12 file (its integrity check or decryption failed).'
        : `This PKCS#12 file could not be read (${why}).`,
      wrongPassword
        ? 'Check the passphrase (the CLI strips one trailing newline from --passphrase-file, nothing else).'
        : 'Export the key again as a PKCS#12 (.p12/.pfx) file, or as encrypted PKCS#8, and load that file.',
    );
  }
  const bags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[
      forge.pki.oids.pkcs8ShroudedKeyBag!
    ] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag!] ?? []),
  ];
  if (bags.length !== 1) {
    throw new AppError(
      'BAD_PKCS12',
      `This PKCS#12 file holds ${bags.length} private keys; exactly one is needed.`,
      bags.length === 0
        ? 'It holds only certificates: export it again with the private key.'
        : 'Export only the key to import.',
    );
  }
  const bag = bags[0]!;
  const asn1 = bag.key
    ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey))
    : (bag as unknown as { asn1: forge.asn1.Asn1 }).asn1;
  const der = forge.asn1.toDer(asn1).getBytes();
  const secret = Secret.alloc(der.length);
  secret.use((b) => {
    for (let i = 0; i < der.length; i++) b[i] = der.charCodeAt(i);
  });
  return secret;
}
