/**
 * The manifest of a wrapped bundle, read before anything else: `--from wrapped-bundle` needs its ceremony
 * id to find the open ceremony and its saved parameters. The full binding and integrity checks happen
 * when the session loads the bundle (`readWrappedBundle`).
 */
import { FILES, normaliseFile, WrappedManifestSchema, type WrappedManifest } from '../bundles';
import { loadFiles } from '../bundles/bundle-files';
import { parseManifestJson } from '../bundles/manifest';
import { AppError } from '../errors';

export async function readWrappedManifest(input: string): Promise<WrappedManifest> {
  const loaded = await loadFiles(input);
  const bytes = loaded.files.get(FILES.manifest);
  if (!bytes) {
    throw new AppError(
      'BAD_BUNDLE',
      `${loaded.origin} has no ${FILES.manifest}; it holds ${[...loaded.files.keys()].join(', ') || 'nothing'}.`,
      'Give --from wrapped-bundle the <ceremony>-wrapped folder (or zip) the offline station wrote.',
    );
  }
  return parseManifestJson(
    WrappedManifestSchema,
    normaliseFile(bytes, 'text').bytes,
    'wrapped-bundle',
    'offline',
  );
}
