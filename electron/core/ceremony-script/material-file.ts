/**
 * Key material named by a script: the passphrase file read into a Secret (never a string), and the dry
 * run's check that the material file loads for the key spec — in memory only, wiped before returning.
 */
import {
  checkValue,
  KEY_SPEC_INFO,
  loadKeyMaterial,
  readPassphraseFile,
  readSecretFile,
  type KeySpec,
  type MaterialFormat,
} from '../crypto';
import type { CeremonyScript } from './schema';
import { formatCheckValue } from '../../shared/display/hash-format';

type Material = NonNullable<CeremonyScript['material']>;

/** What the run would load, described: format found, size, check value (never the bytes). */
export async function describeMaterial(material: Material, keySpec: KeySpec): Promise<string> {
  if (material.generate) {
    const shape = KEY_SPEC_INFO[keySpec].material;
    const size = 'bytes' in shape ? `${shape.bytes} random bytes` : `a new ${keySpec} private key`;
    return `would generate ${size} on this station`;
  }
  if (material.components) return describeComponents(material.components, keySpec);
  if (material.shares) {
    return `would rebuild the material from ${material.shares.length} shares (each checked against this key and the backup's check value before anything is sent to KMS)`;
  }
  const passphrase = material.passphraseFile ? readPassphraseFile(material.passphraseFile) : undefined;
  const input = readSecretFile(material.file!);
  try {
    const loaded = await loadKeyMaterial(input, {
      keySpec,
      format: (material.format ?? 'auto') as MaterialFormat,
      passphrase,
    });
    try {
      const cv = checkValue(keySpec, loaded.material);
      return `${material.file}: ${loaded.formatFound}, ${loaded.material.length} bytes, valid ${keySpec} material, check value ${formatCheckValue(cv)}`;
    } finally {
      loaded.material.wipe();
    }
  } finally {
    input.fill(0);
    passphrase?.wipe();
  }
}

/** Components (issue 11): every file read and checked (length, check value) and XORed in memory, then wiped. */
async function describeComponents(
  components: NonNullable<Material['components']>,
  keySpec: KeySpec,
): Promise<string> {
  const { combineComponents, componentFileFormat } = await import('../custody');
  const files = components.map((c) => readSecretFile(c.file));
  try {
    const combined = combineComponents(
      keySpec,
      components.map((c, i) => ({
        custodian: c.custodian,
        format: componentFileFormat(keySpec, files[i]!),
        component: files[i]!,
        checkValue: c.checkValue,
      })),
    );
    combined.material.wipe();
    return `${components.length} components (${combined.custodians.join(', ')}) match their check values; combined check value ${formatCheckValue(combined.checkValue)}`;
  } finally {
    for (const f of files) f.fill(0);
  }
}
