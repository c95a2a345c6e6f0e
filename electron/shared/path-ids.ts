/**
 * The one schema for every identifier that ends up in a file name: ceremony ids (transcripts, bundles,
 * records), station names and the file names a bundle manifest lists. The IPC contract applies it to what
 * the renderer sends; core/path-ids.ts applies it again in every reader and writer, before any file-system
 * call, so that a value from a manifest, a script or a future channel cannot name another folder.
 */
import * as z from 'zod';

/** "20261128T124500Z-3f9a2c" (see core/transcript/ceremony-id.ts): no separators, no leading dot. */
export const CEREMONY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** A single file name inside a bundle ("WrappingPublicKey.bin"): no separators, no leading dot. */
export const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const CEREMONY_ID = z.string().regex(CEREMONY_ID_PATTERN, 'letters, digits, . _ - (at most 80)');
export const FILE_NAME = z.string().regex(FILE_NAME_PATTERN, 'a file name: letters, digits, . _ -');
export const STATIONS = ['online', 'offline'] as const;
export const STATION = z.enum(STATIONS);
