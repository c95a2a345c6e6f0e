/** The one instant format (UTC and local with the zone named, 24-hour), shared with main's record and the CLI. */
import { formatInstant } from '../../electron/shared/display/time-format';

export { formatInstant, instantParts } from '../../electron/shared/display/time-format';

/**
 * The page's first Intl.DateTimeFormat loads ICU's locale and time-zone data: 20–60 ms of main thread,
 * which a CPU profile put inside the render of the parameters panel (ParametersValidTo, the countdown's
 * title) right after KMS answered. Building the (cached) formatters once the page is idle moves that cost
 * to while the officers read the first screen.
 */
export function warmInstantFormat(): void {
  const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
  idle(() => void formatInstant(new Date()));
}
