import { recordContent, REHEARSAL_MARK, type Fact, type RecordBlock } from './record-content';
import type { CeremonyRecord } from './record-model';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const factRows = (facts: Fact[]) =>
  facts
    .map(
      (f) =>
        `<tr><th scope="row">${escape(f.label)}</th><td${f.mono ? ' class="mono"' : ''}>${escape(f.value)}</td></tr>`,
    )
    .join('');

function block(b: RecordBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h2>${escape(b.text)}</h2>`;
    case 'text':
      return `<p>${escape(b.text)}</p>`;
    case 'verdict':
      return `<p class="verdict ${b.ok ? 'ok' : 'bad'}">${escape(b.text)}</p>`;
    case 'facts':
      return `<table class="facts">${factRows(b.facts)}</table>`;
    case 'words':
      return `<section class="fp"><p class="small">${escape(b.label)}</p><p class="mono hash">${escape(b.hash)}</p>
<ol class="words">${b.rows
        .flat()
        .map((w) => `<li value="${w.number}"><span class="n">${w.number}</span> ${escape(w.word)}</li>`)
        .join('')}</ol></section>`;
    case 'event':
      return `<section class="event${b.failed ? ' failed' : ''}"><h3><span class="mono">${escape(b.number)}</span> ${escape(b.title)}</h3>
<p class="small">${escape(b.when)}</p>${b.facts.length ? `<table class="facts">${factRows(b.facts)}</table>` : ''}</section>`;
    case 'signoff':
      return `<p>${escape(b.intro)}</p>${b.signers
        .map(
          (s) =>
            `<div class="sign"><div>${escape(s.role)}: <strong>${escape(s.name)}</strong></div><div class="line">Signature</div><div class="line">Date</div></div>`,
        )
        .join('\n')}`;
  }
}

/** A self-contained, print-friendly HTML page (no scripts, no external resources) with the PDF's content. */
export function renderRecordHtml(record: CeremonyRecord): string {
  const content = recordContent(record);
  const rehearsal = record.summary.rehearsal;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escape(content.title)} ${escape(record.ceremonyId)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}
.mono{font-family:ui-monospace,monospace}.small{font-size:12px;color:#555;margin:.2em 0}
.verdict{padding:.6em;border:2px solid}.verdict.ok{border-color:#2e7d32;background:#e8f5e9}.verdict.bad{border-color:#c62828;background:#ffebee}
table.facts{border-collapse:collapse;margin:.3em 0}table.facts th{text-align:left;font-weight:600;color:#444;padding:2px 1em 2px 0;vertical-align:top;width:13em}table.facts td{padding:2px 0;vertical-align:top}
.hash{font-size:16px}.words{display:grid;grid-template-columns:repeat(4,minmax(8em,1fr));gap:.3em 1em;list-style:none;padding:0;font-size:16px;font-weight:600}
.words .n{display:inline-block;width:1.8em;text-align:right;color:#555;font-size:12px;font-weight:400;font-family:ui-monospace,monospace}
.event{border-top:1px solid #ddd;padding:.3em 0}.event h3{font-size:14px;margin:.2em 0}.event.failed h3{color:#b71c1c}
.sign{display:inline-block;width:30%;margin:1.5em 2% 0 0}.line{border-top:1px solid #000;margin-top:2.5em;font-size:11px}
.rehearsal{position:fixed;top:0;left:0;right:0;background:#b71c1c;color:#fff;font-weight:700;text-align:center;padding:.2em}
${rehearsal ? 'body{padding-top:1.5em}' : ''}
@media print{body{margin:1cm}}
</style></head><body>
${rehearsal ? `<div class="rehearsal" role="note">${escape(REHEARSAL_MARK)}</div>\n` : ''}<h1>${escape(content.title)}</h1>
<p class="mono small">${escape(content.subtitle)}</p>
${content.blocks.map(block).join('\n')}
</body></html>
`;
}
