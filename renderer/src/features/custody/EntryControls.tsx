/** "Open the entry window" and "Cancel entry", shown while custodians enter components or shares. */
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';

export function EntryControls() {
  return (
    <>
      <ActionButton
        label="Open the entry window"
        variant="outlined"
        onClick={() =>
          void runAction({ scope: 'custody', action: 'Open the entry window', progress: 'Opening…' }, (api) =>
            api.openCustodyEntry({}),
          )
        }
      />
      <ActionButton
        label="Cancel entry"
        variant="text"
        color="inherit"
        onClick={() =>
          void runAction(
            { scope: 'custody', action: 'Cancel entry', progress: 'Wiping what was entered…' },
            (api) => api.cancelCustodyEntry({}),
          )
        }
      />
    </>
  );
}
