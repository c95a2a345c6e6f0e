/** What the Finish summary adds for a rotation (issue 13): that it was one, from which material to which, who approved and the proof. */
import type { SessionState } from '../../../../electron/shared/ipc-contract';
import type { SummaryFact } from '../finish/summary';

export function rotationSummary(s: SessionState): SummaryFact[] {
  const r = s.rotation;
  if (!r?.begunAt) return [];
  const facts: SummaryFact[] = [
    {
      label: 'Ceremony',
      value: 'Rotation of imported key material (NEW_KEY_MATERIAL, then RotateKeyOnDemand)',
    },
    {
      label: 'Rotated',
      value: r.started
        ? `from ${r.started.fromKeyMaterialId} to ${r.started.toKeyMaterialId}${r.completedAt ? '' : ' (not yet completed)'}`
        : `not rotated (current material still ${r.fromKeyMaterialId ?? '—'})`,
      mono: true,
    },
  ];
  if (r.approval)
    facts.push({
      label: 'Rotation approved by',
      value: `${r.approval.approvedBy.join(', ') || 'nobody'} (${r.approval.approvedBy.length} of ${r.approval.needed} needed)`,
    });
  facts.push({
    label: 'Rotation proof',
    value: r.provenStatements ? `PASSED — ${r.provenStatements.join(' ')}` : 'not run',
  });
  return facts;
}
