import type { DueDiligenceReport } from './types.js';

/** Escape text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
body { font: 11pt/1.45 system-ui, sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid #1b1f24; margin-top: 2rem; }
h3 { font-size: 1rem; margin-top: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
th, td { border: 1px solid #c9ced6; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: #57606a; }
.bad { color: #a40e26; font-weight: 600; }
.good { color: #116329; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; }
code { font-size: .85em; word-break: break-all; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  table, tr { break-inside: avoid; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

type Cell = string | number | boolean | undefined;

/**
 * The report as one printable, self-contained HTML page: inline CSS (with print rules), no scripts, no
 * external resources. Every text from the report is escaped.
 */
export function renderReportHtml(report: DueDiligenceReport): string {
  const { step1, step2, step3, step4, step5 } = report;
  const e = escapeHtml;
  const body = [
    `<h1>${e(report.title)}</h1>`,
    `<p class="meta">As of ${e(report.at)} · generated ${e(report.generatedAt)} · log ${e(step5.origin)} at size ${step5.size}</p>`,

    '<h2>Step 1 — Management systems</h2>',
    definitions([
      ['Organisation', step1.organization.name],
      ['DID', step1.organization.did],
      ['Country', step1.organization.country],
      ['Roles', step1.organization.roles.join(', ')],
      ...(step1.batch
        ? ([
            ['Batch', step1.batch.id],
            ['Material', step1.batch.material],
            ['Created', `${step1.batch.createdAt} (${step1.batch.createdGrams} g)`],
          ] as [string, string][])
        : []),
    ]),
    '<h3>Facilities</h3>',
    table(
      ['Name', 'Kind', 'Country', 'Id'],
      step1.facilities.map((f) => [f.name, f.kind, f.country, f.id]),
    ),
    '<h3>Certificates held</h3>',
    table(
      ['Name', 'Scheme', 'Topics', 'Valid', 'Verdict'],
      step1.certificates.map((c) => [
        c.name,
        c.scheme,
        c.topics.join(', '),
        `${c.validFrom} – ${c.validUntil ?? 'open'}`,
        c.verified ? 'valid' : `not valid (${c.failed.join(', ')})`,
      ]),
    ),
    `<h3>Rule set ${e(step1.ruleSet.version)}</h3>`,
    table(
      ['Rule', 'Title', 'Severity', 'Source', 'Enabled'],
      step1.ruleSet.rules.map((r) => [r.id, r.title, r.severity, `${r.source}: ${r.reference}`, r.enabled]),
    ),
    `<p>Thresholds: <code>${e(JSON.stringify(step1.ruleSet.thresholds))}</code></p>`,

    '<h2>Step 2 — Risk identification</h2>',
    '<h3>Origins by element</h3>',
    table(
      ['Element', 'Country', 'Share %'],
      step2.elements.flatMap((el) => el.byCountry.map((c) => [el.element, c.country, c.percent])),
    ),
    '<h3>Mines upstream</h3>',
    table(
      ['Mine', 'Country', 'Method', 'Elements (share %)', 'Smelters / refiners fed'],
      step2.mines.map((m) => [
        m.name,
        m.country,
        m.methods.join(', '),
        m.elements.map((x) => `${x.element} ${x.percent}`).join('; '),
        m.smelters.join('; '),
      ]),
    ),
    '<h3>Facilities upstream</h3>',
    table(
      ['Name', 'Kind', 'Country', 'Elements'],
      step2.facilities.map((f) => [f.name, f.kind, f.country, f.elements.join(', ')]),
    ),
    '<h3>Findings by rule</h3>',
    table(
      ['Rule', 'Title', 'Count', 'Open', 'By severity'],
      step2.findings.map((g) => [
        g.rule,
        g.title,
        g.count,
        g.open,
        Object.entries(g.bySeverity)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${s} ${n}`)
          .join(', '),
      ]),
    ),

    '<h2>Step 3 — Risk response</h2>',
    `<p>${Object.entries(step3.byStatus)
      .map(([s, n]) => `${e(s)}: ${n}`)
      .join(' · ')}</p>`,
    table(
      ['Finding', 'Rule', 'Severity', 'Subject', 'Status', 'Outcome', 'Justification'],
      step3.cases.map((c) => [
        c.finding.slice(0, 12),
        c.rule,
        c.severity,
        c.subject,
        c.status,
        c.outcome,
        c.justification,
      ]),
    ),

    '<h2>Step 4 — Independent audit of smelters and refiners</h2>',
    `<p>A smelter or refiner counts as audited when it held, at ${e(report.at)}, valid certificates covering: ${e(step4.topics.join(', '))}.</p>`,
    table(
      ['Smelter / refiner', 'Kind', 'Country', 'Certified', 'Certificates', 'Missing topics'],
      step4.smelters.map((s) => [
        s.name,
        s.kind,
        s.country,
        s.certified,
        s.certification?.certificates.join(', '),
        s.certification?.missing.join(', '),
      ]),
    ),

    '<h2>Step 5 — Reporting</h2>',
    definitions([
      ['Batches covered', String(step5.summary.batches)],
      ['Facilities upstream', String(step5.summary.facilitiesUpstream)],
      ['Mines', String(step5.summary.mines)],
      ['Countries of origin', String(step5.summary.countries)],
      ['Smelters / refiners', `${step5.summary.smelters} (${step5.summary.smeltersCertified} certified)`],
      ['Findings', String(step5.summary.findings)],
      ['Cases open / resolved', `${step5.summary.openCases} / ${step5.summary.resolvedCases}`],
      ['Log origin', step5.origin],
      ['Checkpoint size', String(step5.size)],
      ['Generated', step5.generatedAt],
    ]),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${e(report.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function definitions(pairs: readonly (readonly [string, string])[]): string {
  return `<dl>${pairs.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return '<p class="meta">None.</p>';
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function cell(value: Cell): string {
  if (typeof value === 'number') return `<td class="num">${value}</td>`;
  if (typeof value === 'boolean') {
    return value ? '<td class="good">yes</td>' : '<td class="bad">no</td>';
  }
  return `<td>${escapeHtml(value ?? '')}</td>`;
}
