/** Shown under an error when the import token has expired: fetch new parameters with the same choices. */
import { useUi } from '../../store';
import { GetParametersButton } from './GetParametersButton';

export function ExpiredOffer() {
  const expired = useUi((s) => s.parametersExpired);
  const parameters = useUi((s) => s.session.parameters);
  const goTo = useUi((s) => s.goTo);
  const offline = useUi((s) => s.session.station === 'offline');
  // The offline station cannot ask KMS: new parameters come from the online station, on media.
  if (!expired || !parameters || offline) return null;
  return (
    <GetParametersButton
      label="Get new import parameters"
      algorithm={parameters.wrappingAlgorithm}
      spec={parameters.wrappingKeySpec}
      after={() => goTo('parameters')}
    />
  );
}
