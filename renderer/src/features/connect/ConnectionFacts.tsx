import type { Connection } from '../../../../electron/shared/ipc-contract';
import { Facts } from '../../components/Facts';

/** Who KMS thinks we are (STS GetCallerIdentity, via main), for the officers to confirm. */
export function ConnectionFacts({ connection }: { connection: Connection }) {
  return (
    <Facts
      testId="connection-facts"
      facts={[
        { label: 'Connected to', value: connection.label },
        { label: 'Account', value: connection.account, mono: true },
        { label: 'Principal', value: connection.principalArn, mono: true },
        { label: 'User ID', value: connection.userId, mono: true },
        { label: 'Region', value: connection.region, mono: true },
        { label: 'Endpoint', value: connection.endpoint, mono: true },
        { label: 'Endpoint from', value: connection.endpointSource },
      ]}
    />
  );
}
