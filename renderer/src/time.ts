/** The one instant format (UTC and local with the zone named, 24-hour), shared with main's record and the CLI. */
export { formatInstant, instantParts } from '../../electron/shared/display/time-format';
