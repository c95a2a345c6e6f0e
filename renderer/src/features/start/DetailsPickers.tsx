/**
 * When the parameters input does not say (a bare public key, the CLI JSON), the officers name the key
 * spec and wrapping algorithm used on the online station; main checks them against the key it reads.
 */
import { FormControl, InputLabel, MenuItem, Select, Stack } from '@mui/material';
import { useEffect, useState } from 'react';
import { ceremonyApi } from '../../api';

/** The wrapping algorithms GetParametersForImport accepts (SM2PKE: China Regions only). */
export const WRAPPING_ALGORITHMS = [
  'RSAES_OAEP_SHA_256',
  'RSAES_OAEP_SHA_1',
  'RSA_AES_KEY_WRAP_SHA_256',
  'RSA_AES_KEY_WRAP_SHA_1',
  'SM2PKE',
] as const;

export interface Details {
  keySpec: string;
  wrappingAlgorithm: string;
}

function useImportableKeySpecs(): string[] {
  const [specs, setSpecs] = useState<string[]>([]);
  useEffect(() => {
    void ceremonyApi()
      .keySpecOptions({})
      .then((r) => r.ok && setSpecs(r.value.keySpecs.filter((k) => k.importable).map((k) => k.keySpec)));
  }, []);
  return specs;
}

export function DetailsPickers({ value, onChange }: { value: Details; onChange: (d: Details) => void }) {
  const specs = useImportableKeySpecs();
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
      <FormControl size="small" sx={{ minWidth: 240 }}>
        <InputLabel id="details-key-spec">Key spec</InputLabel>
        <Select
          labelId="details-key-spec"
          label="Key spec"
          value={specs.includes(value.keySpec) ? value.keySpec : ''}
          onChange={(e) => onChange({ ...value, keySpec: e.target.value })}
        >
          {specs.map((s) => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl size="small" sx={{ minWidth: 280 }}>
        <InputLabel id="details-algorithm">Wrapping algorithm</InputLabel>
        <Select
          labelId="details-algorithm"
          label="Wrapping algorithm"
          value={value.wrappingAlgorithm}
          onChange={(e) => onChange({ ...value, wrappingAlgorithm: e.target.value })}
        >
          {WRAPPING_ALGORITHMS.map((a) => (
            <MenuItem key={a} value={a}>
              {a}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
    </Stack>
  );
}
