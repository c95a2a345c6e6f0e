/**
 * What the ceremony record says, in order, as blocks both renderers (HTML and PDF) draw the same way:
 * the summary first, the wrapping key's fingerprint with its numbered PGP words, check values (which one
 * KMS holds, which were replaced), the transcript's state, every event as sentences and facts, sign-off.
 */
import { formatCheckValue, formatHash, hexGroups } from '../../shared/display/hash-format';
import { pgpWordRows, type NumberedWord } from '../../shared/display/pgp-grid';
import { formatInstant } from '../../shared/display/time-format';
import { eventFacts, eventTitle, fieldLabel, type Fact } from './event-text';
import type { CeremonyRecord, RecordStep } from './record-model';

export type { Fact } from './event-text';

export type RecordBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'verdict'; ok: boolean; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'facts'; facts: Fact[] }
  | { kind: 'words'; label: string; hash: string; rows: NumberedWord[][] }
  | { kind: 'event'; number: string; title: string; when: string; failed: boolean; facts: Fact[] }
  | { kind: 'signoff'; intro: string; signers: { role: string; name: string }[] };

export const REHEARSAL_MARK = 'REHEARSAL — local emulator, not AWS KMS';

const STATUS_TEXT = {
  imported: 'imported (KMS holds this material)',
  replaced: 'replaced before import',
  'not imported': 'not imported',
} as const;

const REGION_RESULT = {
  proven: 'done: imported and proven',
  imported: 'imported, NOT proven',
  replicated: 'replicated, NOT imported',
  failed: 'FAILED',
} as const;

/**
 * "Key ceremony record": the title and subtitle, then blocks in reading order (`blocks`), which are the
 * summary part (`head`: summary, fingerprint, check values, stations), the steps (`steps`: stepsSection)
 * and the sign-off (`tail`).
 */
export function recordContent(record: CeremonyRecord): {
  title: string;
  subtitle: string;
  head: RecordBlock[];
  steps: RecordBlock[];
  tail: RecordBlock[];
  blocks: RecordBlock[];
} {
  const s = record.summary;
  const v = record.verification;
  const t = record.transcript;
  const blocks: RecordBlock[] = [];
  const where = s.rehearsal
    ? 'the local emulator (a rehearsal: no AWS key was touched)'
    : s.target === 'aws'
      ? 'AWS KMS'
      : 'KMS';
  const r = s.rotation;
  const proofText = s.proof
    ? `, and the proof ${s.proof.passed ? 'passed' : 'FAILED'}`
    : ', with no proof recorded';
  const outcome = r
    ? r.toKeyMaterialId
      ? `This ceremony rotated ${s.keyArn ?? 'the key'} in ${where} to new imported key material: from ${r.fromKeyMaterialId ?? '?'} to ${r.toKeyMaterialId} (RotateKeyOnDemand${r.completed ? ', completed' : ', NOT completed when the transcript closed'})${proofText}.`
      : `This ceremony began a rotation of ${s.keyArn ?? 'the key'} in ${where} (from ${r.fromKeyMaterialId ?? '?'}), but RotateKeyOnDemand was not called.`
    : s.imported
      ? `Key material was imported into ${where}${s.keyArn ? ` for key ${s.keyArn}` : ''}${s.proof ? `, and the proof ${s.proof.passed ? 'passed' : 'FAILED'}` : ', with no proof recorded'}.`
      : `No key material was imported in this transcript${s.keyArn ? ` (key ${s.keyArn})` : ''}.`;

  blocks.push({ kind: 'heading', text: 'Summary' }, { kind: 'text', text: outcome });
  const facts: Fact[] = [
    {
      label: 'Target',
      value: s.rehearsal
        ? `${s.targetLabel ?? 'Local emulator'}${/rehearsal/i.test(s.targetLabel ?? '') ? '' : ' — rehearsal'}`
        : (s.targetLabel ?? (s.target === 'aws' ? 'AWS KMS' : 'not connected on this station')),
    },
    { label: 'Key ARN', value: s.keyArn ?? 'none', mono: true },
    ...(s.alias ? [{ label: 'Alias', value: s.alias, mono: true }] : []),
    { label: 'Region', value: s.region ?? 'unknown' },
    { label: 'Account', value: s.account ?? 'unknown', mono: true },
    ...(s.keySpec ? [{ label: 'Key spec', value: s.keySpec }] : []),
    ...(s.wrapping
      ? [
          {
            label: 'Wrapping',
            value: `${s.wrapping.algorithm}${s.wrapping.keySpec ? ` with ${s.wrapping.keySpec}` : ''}`,
          },
        ]
      : []),
    {
      label: 'Material check value',
      value: s.checkValue
        ? `${s.checkValue.kind ? formatCheckValue({ kind: s.checkValue.kind, value: s.checkValue.value }) : hexGroups(s.checkValue.value)}${s.imported ? ' (imported)' : ''}`
        : 'none recorded',
      mono: true,
    },
    {
      label: 'Expiry',
      value: !s.imported
        ? 'not imported'
        : s.imported.expirationModel === 'KEY_MATERIAL_DOES_NOT_EXPIRE'
          ? 'does not expire (KEY_MATERIAL_DOES_NOT_EXPIRE)'
          : s.imported.validTo
            ? `expires ${formatInstant(s.imported.validTo)} (KEY_MATERIAL_EXPIRES)`
            : (s.imported.expirationModel ?? 'not recorded'),
    },
    ...(s.imported ? [{ label: 'Imported at', value: formatInstant(s.imported.at) }] : []),
    ...(s.imported?.keyMaterialId
      ? [{ label: 'Key material ID', value: s.imported.keyMaterialId, mono: true }]
      : []),
    {
      label: 'Proof',
      value: s.proof
        ? `${s.proof.passed ? 'PASS' : 'FAILED'}: ${s.proof.method}${s.proof.checks.length ? ` — ${s.proof.checks.join('; ')}` : ''}`
        : 'not verified',
    },
    ...(s.imported
      ? [{ label: 'Import approved by', value: s.approvedBy.join(', ') || 'nobody recorded' }]
      : []),
    ...(r?.toKeyMaterialId
      ? [{ label: 'Rotation approved by', value: r.approvedBy.join(', ') || 'nobody recorded' }]
      : []),
    { label: 'Operator', value: record.operator || 'not named' },
    { label: 'Witnesses', value: record.witnesses.join(', ') || 'none' },
    {
      label: 'Fingerprint confirmed by',
      value:
        record.confirmations
          .map((c) => `${String(c.details.confirmedBy ?? 'unnamed')} (${c.recordedAt.split(' ')[0]} station)`)
          .join(', ') || 'nobody',
    },
    {
      label: 'Transcript',
      value: `${t.closed ? 'closed' : 'NOT closed (the ceremony was still open)'}; ${t.eventCount} events`,
    },
    {
      label: 'Head hash',
      value: t.headHash ? formatHash(t.headHash) : 'none (transcript not intact)',
      mono: true,
    },
    { label: 'Ceremony', value: record.ceremonyId, mono: true },
    { label: 'Record generated', value: formatInstant(record.generatedAt) },
  ];
  blocks.push({ kind: 'facts', facts });
  blocks.push({
    kind: 'verdict',
    ok: v.intact && v.trusted,
    text: v.intact
      ? `Transcript ${v.message}${v.trusted ? '; signatures checked against trusted station keys' : '; signatures checked against the key the transcript publishes (not pinned)'}${t.closed ? '' : '; the ceremony was not closed'}.`
      : `TRANSCRIPT NOT INTACT: event ${v.firstBadEvent} ${v.problem ?? ''}: ${v.message}`,
  });

  if (s.regions) {
    const done = s.regions.filter((r) => r.result === 'proven');
    const ids = [...new Set(done.map((r) => r.keyMaterialId))];
    blocks.push({ kind: 'heading', text: 'Per-Region results (multi-Region key)' });
    blocks.push({
      kind: 'text',
      text: `${done.length} of ${s.regions.length} Regions proven${ids.length === 1 && ids[0] ? ` with the same KeyMaterialId ${ids[0]}` : ids.length > 1 ? ' — with DIFFERENT KeyMaterialIds' : ''}${
        done.length < s.regions.length
          ? `; not done: ${s.regions
              .filter((r) => r.result !== 'proven')
              .map((r) => r.region)
              .join(', ')}`
          : ''
      }.`,
    });
    blocks.push({
      kind: 'facts',
      facts: s.regions.map((r) => ({
        label: `${r.region} (${r.role.toLowerCase()})`,
        value: `${REGION_RESULT[r.result]}${r.keyMaterialId ? ` — KeyMaterialId ${r.keyMaterialId}` : ''}${r.detail ? ` — ${r.detail}` : ''}${r.keyArn ? ` — ${r.keyArn}` : ''}`,
        mono: false,
      })),
    });
  }

  if (s.wrappingKeySha256) {
    const fp = record.fingerprints.find((f) => f.sha256 === s.wrappingKeySha256 && f.words);
    blocks.push({ kind: 'heading', text: 'Wrapping public key fingerprint' });
    blocks.push({
      kind: 'words',
      label: 'Read aloud and confirmed on each station',
      hash: formatHash(s.wrappingKeySha256),
      rows: fp?.words ? pgpWordRows(fp.words) : [],
    });
  }

  blocks.push({ kind: 'heading', text: 'Check values' });
  blocks.push(
    record.checkValues.length
      ? {
          kind: 'facts',
          facts: record.checkValues.map((c) => ({
            label: STATUS_TEXT[c.status],
            value: `${c.kind ? formatCheckValue({ kind: c.kind, value: String(c.value) }) : hexGroups(String(c.value))} — ${c.recordedAt}`,
            mono: true,
          })),
        }
      : { kind: 'text', text: 'No check value was recorded.' },
  );

  const others = record.fingerprints.filter((f) => f.sha256 !== s.wrappingKeySha256);
  if (others.length) {
    blocks.push({ kind: 'heading', text: 'Other digests' });
    blocks.push({
      kind: 'facts',
      facts: others.map((f) => ({
        label: fieldLabel(f.field),
        value: `${formatHash(f.sha256)} — ${f.recordedAt}`,
        mono: true,
      })),
    });
  }

  blocks.push({ kind: 'heading', text: 'Stations' });
  blocks.push({
    kind: 'facts',
    facts: record.stations.length
      ? record.stations.map((st) => ({
          label: `${st.station} station`,
          value: `${st.events} events; signing key ${formatHash(st.stationKeyId)}; head ${formatHash(st.headHash)}`,
          mono: true,
        }))
      : [{ label: 'Stations', value: 'not established (transcript not intact)' }],
  });

  const steps = stepsSection(record.steps, s.keyArn);
  const tail: RecordBlock[] = [
    { kind: 'heading', text: 'Sign-off' },
    {
      kind: 'signoff',
      intro:
        'By signing, each person confirms they watched the steps above and that the fingerprint read aloud matched on both stations.',
      signers: [
        { role: 'Operator', name: record.operator },
        ...record.witnesses.map((name) => ({ role: 'Witness', name })),
      ],
    },
  ];
  return {
    title: s.rehearsal ? 'Key ceremony record — REHEARSAL' : 'Key ceremony record',
    subtitle: `Ceremony ${record.ceremonyId}`,
    head: blocks,
    steps,
    tail,
    blocks: [...blocks, ...steps, ...tail],
  };
}

/**
 * The steps part of a record: its heading, then one 'event' block per step, in order. `keyArn`: the key the
 * record is about (recordKeyArn); a step about another key names it. The record worker draws this part
 * while the ceremony runs, from the transcript written so far (record-pdf.ts).
 */
export function stepsSection(steps: RecordStep[], keyArn: string | null): RecordBlock[] {
  const events = steps.map((step): RecordBlock => ({
    kind: 'event',
    number: `${step.station} #${step.seq}`,
    title: eventTitle(step),
    when: formatInstant(step.time),
    failed: step.result === 'error',
    facts: [
      ...(step.keyArn && step.keyArn !== keyArn
        ? [{ label: 'Key ARN', value: step.keyArn, mono: true }]
        : []),
      ...eventFacts(step),
    ],
  }));
  return [{ kind: 'heading', text: 'Steps' }, ...events];
}
