import { renderTextPdf, type PdfLine } from './pdf';
import { detailLines, type CeremonyRecord } from './record-model';

/** The same content as the HTML record, as PDF lines (headings bold, details indented). */
export function recordPdfLines(record: CeremonyRecord): PdfLine[] {
  const v = record.verification;
  const h = (text: string): PdfLine => ({ text, size: 13, bold: true, gapBefore: 10 });
  const lines: PdfLine[] = [
    { text: 'Key ceremony record', size: 18, bold: true },
    { text: `Ceremony ${record.ceremonyId}`, gapBefore: 6 },
    { text: `Key ARN ${record.keyArn ?? '(none)'}` },
    { text: `Record generated ${record.generatedAt}` },
    {
      text: v.intact
        ? `Transcript ${v.message}${v.trusted ? ' (signatures checked against trusted station keys)' : ' (signatures not pinned to trusted keys)'}${v.complete ? '' : ' - ceremony not closed'}`
        : `TRANSCRIPT NOT INTACT: event ${v.firstBadEvent} ${v.problem}: ${v.message}`,
      bold: true,
      gapBefore: 6,
    },
    h('Participants'),
    { text: `Operator: ${record.operator}` },
    { text: `Witnesses: ${record.witnesses.join(', ') || '(none)'}` },
    h('Stations'),
    ...record.stations.map((s) => ({
      text: `${s.station} station key ${s.stationKeyId}: ${s.events} events, head ${s.headHash}`,
    })),
    h('Fingerprints'),
  ];
  for (const f of record.fingerprints) {
    lines.push({ text: `${f.field} (${f.recordedAt})`, bold: true, gapBefore: 4 });
    lines.push({ text: f.hexGroups.join(' '), indent: 12 });
    if (f.words) lines.push({ text: f.words.join(' '), indent: 12 });
  }
  lines.push(h('Check values'));
  for (const c of record.checkValues) {
    lines.push({
      text: `${c.field}: ${typeof c.value === 'string' ? c.value : JSON.stringify(c.value)} (${c.recordedAt})`,
    });
  }
  lines.push(h('Steps'));
  for (const s of record.steps) {
    lines.push({
      text: `${s.station} #${s.seq}  ${s.time}  ${s.action}  [${s.result}]`,
      bold: s.result === 'error',
      gapBefore: 3,
    });
    for (const d of [
      ...(s.keyArn ? [`keyArn: ${s.keyArn}`] : []),
      ...detailLines(s.details),
      ...(s.error ? [`error ${s.error.code}: ${s.error.message}`] : []),
    ]) {
      lines.push({ text: d, size: 8, indent: 16 });
    }
  }
  lines.push(h('Sign-off'));
  lines.push({
    text: 'By signing, each person confirms they watched the steps above and that the fingerprints read aloud matched on both stations.',
    size: 9,
  });
  for (const [role, name] of [
    ['Operator', record.operator] as const,
    ...record.witnesses.map((w) => ['Witness', w] as const),
  ]) {
    lines.push({ text: `${role}: ${name}`, bold: true, gapBefore: 18 });
    lines.push({
      text: 'Signature: ________________________________    Date: ____________________',
      gapBefore: 14,
    });
  }
  return lines;
}

export function renderRecordPdf(record: CeremonyRecord): Buffer {
  return renderTextPdf(recordPdfLines(record), {
    title: `Key ceremony record ${record.ceremonyId}`,
    footer: `Key ceremony ${record.ceremonyId}`,
    createdAt: new Date(record.generatedAt),
  });
}
