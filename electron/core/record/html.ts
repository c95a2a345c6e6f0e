import { detailLines, type CeremonyRecord } from './record-model';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A self-contained, print-friendly HTML page (no scripts, no external resources). */
export function renderRecordHtml(record: CeremonyRecord): string {
  const v = record.verification;
  const verdict = v.intact
    ? `Transcript ${escape(v.message)}${v.trusted ? ' (signatures checked against trusted station keys)' : ' (signatures checked against the key the transcript publishes; not pinned)'}${v.complete ? '' : ' — ceremony not closed'}`
    : `TRANSCRIPT NOT INTACT: event ${v.firstBadEvent} ${escape(v.problem ?? '')}: ${escape(v.message)}`;
  const rows = record.steps
    .map(
      (s) =>
        `<tr class="${s.result}"><td>${s.station} #${s.seq}</td><td>${escape(s.time)}</td><td>${escape(s.action)}</td><td>${s.result}</td><td>${[
          ...(s.keyArn ? [`keyArn: ${s.keyArn}`] : []),
          ...detailLines(s.details),
          ...(s.error ? [`error ${s.error.code}: ${s.error.message}`] : []),
        ]
          .map((l) => `<div>${escape(l)}</div>`)
          .join('')}</td></tr>`,
    )
    .join('\n');
  const fingerprints = record.fingerprints
    .map(
      (f) => `<section class="fp"><h3>${escape(f.field)} <small>(${escape(f.recordedAt)})</small></h3>
<p class="mono">${f.hexGroups.map(escape).join(' ')}</p>${f.words ? `\n<p class="words">${f.words.map(escape).join(' ')}</p>` : ''}</section>`,
    )
    .join('\n');
  const checks = record.checkValues
    .map(
      (c) =>
        `<li>${escape(c.field)}: <span class="mono">${escape(typeof c.value === 'string' ? c.value : JSON.stringify(c.value))}</span> <small>(${escape(c.recordedAt)})</small></li>`,
    )
    .join('\n');
  const signers = [
    { role: 'Operator', name: record.operator },
    ...record.witnesses.map((name) => ({ role: 'Witness', name })),
  ];
  const signOff = signers
    .map(
      (s) =>
        `<div class="sign"><div>${s.role}: <strong>${escape(s.name)}</strong></div><div class="line">Signature</div><div class="line">Date</div></div>`,
    )
    .join('\n');
  const stations = record.stations
    .map((s) => `<li>${s.station} station key ${s.stationKeyId}: ${s.events} events, head ${s.headHash}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Key ceremony record ${escape(record.ceremonyId)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}
.mono,.words{font-family:ui-monospace,monospace}.words{font-size:15px}
.verdict{padding:.6em;border:2px solid ${v.intact ? '#2e7d32' : '#c62828'};background:${v.intact ? '#e8f5e9' : '#ffebee'}}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}
tr.error{background:#fff3f3}.sign{display:inline-block;width:30%;margin:1.5em 2% 0 0}.line{border-top:1px solid #000;margin-top:2.5em;font-size:11px}
@media print{body{margin:1cm}}
</style></head><body>
<h1>Key ceremony record</h1>
<p>Ceremony <strong class="mono">${escape(record.ceremonyId)}</strong><br>Key ARN <span class="mono">${escape(record.keyArn ?? '(none)')}</span><br>Record generated ${escape(record.generatedAt)}</p>
<p class="verdict">${verdict}</p>
<h2>Participants</h2><p>Operator: ${escape(record.operator)}<br>Witnesses: ${record.witnesses.map(escape).join(', ') || '(none)'}</p>
<h2>Stations</h2><ul>${stations}</ul>
<h2>Fingerprints</h2>${fingerprints || '<p>(none recorded)</p>'}
<h2>Check values</h2><ul>${checks || '<li>(none recorded)</li>'}</ul>
<h2>Steps</h2>
<table><thead><tr><th>Station / #</th><th>Time (UTC)</th><th>Action</th><th>Result</th><th>Details</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Sign-off</h2>
<p>By signing, each person confirms they watched the steps above and that the fingerprints read aloud matched on both stations.</p>
${signOff}
</body></html>
`;
}
