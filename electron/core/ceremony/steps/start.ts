/** Step Start: opens (or resumes, or on the offline station joins) this station's transcript. */
import { AppError } from '../../errors';
import type { Station } from '../../transcript';
import { CeremonyLog, type CeremonyInfo } from '../ceremony-log';
import { checkRoles, policyInForce } from '../policy';
import { readParameters, type ParametersSelection } from '../parameters-selection';
import { disconnect, runStep, type CeremonyState } from '../state';
import { bundleReadDetails } from '../transcript-details';
import { applyParameters } from './bundles';

/**
 * Opens this station's transcript. The offline station starts by reading the parameters bundle, whose
 * ceremony id it joins, so that both stations' chains belong to one ceremony and can be merged.
 */
export interface StartCeremonyRequest {
  station: Station;
  operator: string;
  witnesses: string[];
  resumeCeremonyId?: string | null;
  parametersInput?: ParametersSelection | null;
  /** Witness approvals the import needs (default: every witness). */
  approvals?: number | null;
}

export async function startCeremony(s: CeremonyState, req: StartCeremonyRequest): Promise<CeremonyInfo> {
  if (!s.options.transcriptsDir || !s.options.stationKey) {
    throw new AppError(
      'NO_TRANSCRIPT_DIR',
      'This station has no transcript folder configured.',
      'Restart the app.',
    );
  }
  if (s.log) {
    throw new AppError(
      'CEREMONY_OPEN',
      `Ceremony ${s.log.info().ceremonyId} is still open.`,
      'Finish or abort it before starting another.',
    );
  }
  // Roles first: a ceremony the policy refuses never opens a transcript.
  const roles = checkRoles(req);
  const joining = req.station === 'offline' && !req.resumeCeremonyId;
  if (joining && !req.parametersInput) {
    throw new AppError(
      'NEEDS_PARAMETERS',
      'The offline station starts from the import parameters brought from the online station.',
      'Choose the parameters bundle (or the AWS console download, or the CLI JSON).',
    );
  }
  const read = joining ? await readParameters(req.parametersInput!) : null;
  const log = await CeremonyLog.start({
    dir: s.options.transcriptsDir,
    stationKey: await s.options.stationKey(),
    station: req.station,
    operator: roles.operator,
    witnesses: roles.witnesses,
    resumeCeremonyId: req.resumeCeremonyId ?? null,
    joinCeremonyId: read?.input.ceremonyId ?? null,
    ...(s.options.transcriptIo ? { io: s.options.transcriptIo } : {}),
  });
  disconnect(s);
  s.station = req.station;
  s.log = log;
  Object.assign(s, {
    roles,
    keysCreated: 0,
    fingerprintConfirmedBy: [],
    approval: null,
    imports: [],
    lockedKey: null,
    rotation: null,
  });
  await log.record({ action: 'policy.in-force', result: 'info', details: policyInForce(roles) });
  if (read)
    await runStep(
      s,
      'bundle.read',
      { kind: 'parameters', path: req.parametersInput!.path },
      () => applyParameters(s, read),
      bundleReadDetails,
    );
  return log.info();
}
