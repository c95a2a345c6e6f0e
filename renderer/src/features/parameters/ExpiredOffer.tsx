/** Shown under an error when the import token has expired: fetch new parameters with the same choices. */
import { useUi } from '../../store';
import { GetParametersButton } from './GetParametersButton';

export function ExpiredOffer() {
  const expired = useUi((s) => s.parametersExpired);
  const parameters = useUi((s) => s.session.parameters);
  const goTo = useUi((s) => s.goTo);
  if (!expired || !parameters) return null;
  return (
    <GetParametersButton
      label="Get new import parameters"
      algorithm={parameters.wrappingAlgorithm}
      spec={parameters.wrappingKeySpec}
      after={() => goTo('parameters')}
    />
  );
}
