/**
 * Profile (from the AWS config, SSO included, or environment credentials) and Region. There is no endpoint
 * field: main takes the endpoint from the AWS config or AWS_ENDPOINT_URL_KMS, and this shows which.
 */
import { MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { Res } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ErrorAlert } from '../../components/ErrorAlert';

export interface AwsTarget {
  /** null = environment credentials. */
  profile: string | null;
  region: string;
}

type Profiles = Res<'connection:profiles'>;
const ENV = '__environment__';

export function AwsFields({ value, onChange }: { value: AwsTarget; onChange: (v: AwsTarget) => void }) {
  const [profiles, setProfiles] = useState<Profiles | null>(null);
  useEffect(() => {
    let live = true;
    void runAction(
      { scope: 'profiles', action: 'profiles', progress: 'Reading AWS profiles…' },
      (api) => api.listProfiles({}),
      { refresh: false },
    ).then((p) => {
      if (!live || !p) return;
      setProfiles(p);
      if (value.region) return; // preset (a key chosen in the expiry planner): keep its profile and Region
      const first = p.profiles[0];
      if (first) onChange({ ...value, profile: first.name, region: first.region ?? p.defaultRegion ?? '' });
      else if (p.environmentCredentials) onChange({ ...value, profile: null, region: p.defaultRegion ?? '' });
    });
    return () => {
      live = false;
    };
    // Load once when the AWS fields appear.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const pick = (name: string) => {
    const profile = profiles?.profiles.find((p) => p.name === name);
    onChange({
      ...value,
      profile: name === ENV ? null : name,
      region: profile?.region ?? value.region,
    });
  };

  const endpoint =
    value.profile === null
      ? (profiles?.environmentEndpoint ?? null)
      : (profiles?.profiles.find((p) => p.name === value.profile)?.endpoint ?? null);

  return (
    <Stack spacing={2} sx={{ maxWidth: 520 }}>
      <ErrorAlert scope="profiles" />
      <TextField
        select
        label="Profile"
        value={value.profile ?? ENV}
        onChange={(e) => pick(e.target.value)}
        helperText={profiles && profiles.profiles.length === 0 ? 'No profiles found in the AWS config.' : ' '}
      >
        {profiles?.profiles.map((p) => (
          <MenuItem key={p.name} value={p.name}>
            {p.name} ({p.kind}
            {p.region ? `, ${p.region}` : ''})
          </MenuItem>
        ))}
        <MenuItem value={ENV} disabled={!profiles?.environmentCredentials}>
          Environment credentials{profiles?.environmentCredentials ? '' : ' (none set)'}
        </MenuItem>
      </TextField>
      <TextField
        label="Region"
        value={value.region}
        onChange={(e) => onChange({ ...value, region: e.target.value })}
        placeholder="eu-west-1"
        required
      />
      <Typography variant="body2" data-testid="endpoint-source">
        {endpoint
          ? `KMS endpoint: ${endpoint.url} — from ${endpoint.source}.`
          : `KMS endpoint: the AWS default for ${value.region || 'the Region'} (none is set in the AWS config or AWS_ENDPOINT_URL_KMS).`}{' '}
        A VPC or FIPS endpoint is set there, not here; a host outside AWS is confirmed in a dialog.
      </Typography>
    </Stack>
  );
}
