/**
 * The ceremony's summary as the Finish step shows it (and keeps after the transcript is closed): what was
 * imported where, its check value, expiry, proof and approvals, and whether this was a rehearsal.
 */
import type { SessionState } from '../../../../electron/shared/ipc-contract';
import { formatCheckValue } from '../../../../electron/shared/display/hash-format';
import { formatInstant } from '../../time';
import { rotationSummary } from '../rotation/rotation-summary';

export interface SummaryFact {
  label: string;
  value: string;
  mono?: boolean;
}

export function ceremonySummary(
  s: SessionState,
  offlineCheckValue: { kind: string; value: string } | null,
): SummaryFact[] {
  const c = s.connection;
  const checkValue = s.material?.checkValue ?? offlineCheckValue;
  const facts: (SummaryFact | null)[] = [
    {
      label: 'Target',
      value: c
        ? c.target === 'emulator'
          ? 'REHEARSAL — the local emulator (no AWS key was changed)'
          : `AWS KMS — ${c.label}`
        : '—',
    },
    c ? { label: 'Region / account', value: `${c.region} / ${c.account}` } : null,
    { label: 'Key ARN', value: s.key?.arn ?? '—', mono: true },
    { label: 'Alias', value: s.key?.aliases.join(', ') || '—' },
    { label: 'KeySpec', value: s.key?.keySpec ?? '—' },
    checkValue ? { label: 'Check value in force', value: formatCheckValue(checkValue), mono: true } : null,
    {
      label: 'Expiry',
      value: !s.imported
        ? '—'
        : s.imported.validTo
          ? `${s.imported.expirationModel}: ${formatInstant(s.imported.validTo)}`
          : s.imported.expirationModel,
    },
    { label: 'KeyMaterialId', value: s.imported?.keyMaterialId ?? '—', mono: true },
    s.rotation?.begunAt
      ? null // a rotation's proof is its own (rotationSummary)
      : {
          label: 'Proof',
          value: s.verification
            ? `${s.verification.passed ? 'PASSED' : 'FAILED'} — ${s.verification.method}`
            : 'not run',
        },
    {
      label: 'Approved by',
      value: s.approval
        ? `${s.approval.approvedBy.join(', ') || 'nobody'} (${s.approval.approvedBy.length} of ${s.approval.needed} needed)`
        : '—',
    },
    ...rotationSummary(s),
    s.ceremony
      ? {
          label: 'People',
          value: `operator ${s.ceremony.operator}; witnesses ${s.ceremony.witnesses.join(', ')}`,
        }
      : null,
  ];
  return facts.filter((f): f is SummaryFact => f !== null);
}
