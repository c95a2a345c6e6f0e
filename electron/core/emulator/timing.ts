/**
 * How long the emulator's asynchronous KMS work takes, in seconds of emulator time (clock.ts), so rehearsals
 * exercise the app's waiting code as AWS would:
 * - a new replica stays `Creating` before it becomes PendingImport/Enabled (spec §1.8, §4.4 step 3); AWS
 *   documents no figure, and minutes are what operators see, so the default is 2 minutes;
 * - RotateKeyOnDemand completes after a delay: until then `GetKeyRotationStatus.OnDemandRotationStartDate` is
 *   present and `DescribeKey.CurrentKeyMaterialId` unchanged (spec §1.7: "observed within tens of seconds").
 * Tests and quick rehearsals shorten both (`--replica-creating-seconds`, `--rotation-seconds`).
 */
export const DEFAULT_REPLICA_CREATING_SECONDS = 120;
export const DEFAULT_ROTATION_SECONDS = 30;
/** A day: beyond it a rehearsal waits for nothing anyone would recognise from AWS. */
export const MAX_DELAY_SECONDS = 86_400;

/**
 * A delay option checked: finite, 0 … 86 400 seconds (fractions allowed; 0 = done on the next request).
 * @throws RangeError naming the option and the value found.
 */
export function checkedDelaySeconds(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || value > MAX_DELAY_SECONDS) {
    throw new RangeError(
      `${name} must be a number of seconds from 0 to ${MAX_DELAY_SECONDS}; got ${String(value)}.`,
    );
  }
  return value;
}
