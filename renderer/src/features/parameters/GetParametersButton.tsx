/** Fetches import parameters; also used as "Get new import parameters" wherever a token has expired. */
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { useUi } from '../../store';

export async function getParameters(label: string, algorithm: string, spec: string): Promise<boolean> {
  const r = await runAction(
    {
      scope: 'parameters',
      action: label,
      progress: 'Getting import parameters from KMS (GetParametersForImport)…',
      expected: 'Usually 1–10 seconds: KMS makes a new wrapping key pair for this import.',
    },
    (api) => api.getImportParameters({ wrappingAlgorithm: algorithm, wrappingKeySpec: spec }),
  );
  if (r) useUi.getState().setParametersExpired(false);
  return r !== null;
}

export function GetParametersButton({
  label,
  algorithm,
  spec,
  after,
}: {
  label: string;
  algorithm: string;
  spec: string;
  /** Runs after a successful fetch (e.g. go to the Import parameters step). */
  after?: () => void;
}) {
  return (
    <ActionButton
      label={label}
      disabled={!algorithm || !spec}
      onClick={() => void getParameters(label, algorithm, spec).then((ok) => ok && after?.())}
    />
  );
}
