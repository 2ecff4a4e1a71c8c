import type { Command } from 'commander';
import { importDatasets, RiskError } from '../../service/index.js';
import { callNode, nodeUrl } from '../http.js';
import { CliError, emit } from '../output.js';

interface Concentration {
  mineral: string;
  stage: string;
  year: number | null;
  hhi: number;
  top1: { country: string; share: number };
  top3: { countries: string[]; share: number };
  allianceShare: number;
  governanceWeighted: { value: number };
  crma: { exceeds65: boolean; largestThirdCountry: { country: string; share: number } | null };
}

const pct = (share: number): string => `${(share * 100).toFixed(1)} %`;

/** `lodestone risk …`: the supply-risk observatory from the command line (issue 7). */
export function riskCommand(program: Command): void {
  const risk = program
    .command('risk')
    .description(
      'supply-risk observatory: concentration, export-restriction scenarios, the capacity pipeline',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ lodestone risk concentration --mineral cobalt\n  $ lodestone risk scenario --preset <id> --token "$(cat lodestone-data/operator.token)"\n  $ lodestone risk pipeline --mineral lithium --json',
    );
  risk
    .command('concentration')
    .description(
      'HHI, top-1, top-3, alliance share, governance-weighted HHI and the CRMA 65 % check per mineral and stage',
    )
    .option('--mineral <name>', 'e.g. cobalt, lithium, nickel, "natural graphite", "rare earths"')
    .option('--stage <stage>', 'mining or refining')
    .option('--year <year>', 'data year (default: the latest)')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print the full results as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone risk concentration --mineral cobalt --stage mining --year 2024\n',
    )
    .action(
      async (flags: { mineral?: string; stage?: string; year?: string; url?: string; json?: boolean }) => {
        const query = new URLSearchParams(
          Object.entries({ mineral: flags.mineral, stage: flags.stage, year: flags.year }).filter(
            (e): e is [string, string] => e[1] !== undefined,
          ),
        );
        const { body } = await callNode(`${nodeUrl(flags.url)}/v1/risk/concentration?${query}`, {});
        emit(flags.json, body as { items: Concentration[] }, ({ items }) => table(items));
      },
    );
  risk
    .command('scenario')
    .description(
      "a country restricts exports of a mineral at a stage: lost supply, the alliance's shortfall, alternatives, exposed batches",
    )
    .option('--preset <id>', 'an export control on record (`lodestone risk presets`)')
    .option('--country <alpha-3>', 'the restricting country')
    .option('--mineral <name>', 'the mineral restricted')
    .option('--stage <stage>', 'mining or refining')
    .option('--restriction <percent>', 'share of its exports withheld, 0–100')
    .option(
      '--param <name=value>',
      'an assumption parameter (repeatable; see the result for names and defaults)',
      collect,
      [],
    )
    .option(
      '--token <token>',
      'operator, auditor or regulator token: adds the exposed traced batches (env LODESTONE_TOKEN)',
    )
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print the full result as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ lodestone risk scenario --country CHN --mineral gallium --stage refining --restriction 100 --param supplyElasticity=0.2\n',
    )
    .action(async (flags: ScenarioFlags) => {
      const token = flags.token ?? process.env.LODESTONE_TOKEN ?? process.env.LODESTONE_OPERATOR_TOKEN;
      const { body } = await callNode(`${nodeUrl(flags.url)}/v1/risk/scenario`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
        body: JSON.stringify(scenarioBody(flags)),
      });
      emit(flags.json, body as ScenarioResult, formatScenario);
    });
  risk
    .command('presets')
    .description('scenario presets: the export controls in the datasets')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print them as JSON')
    .addHelpText('after', '\nExample:\n  $ lodestone risk presets\n')
    .action(async (flags: { url?: string; json?: boolean }) => {
      const { body } = await callNode(`${nodeUrl(flags.url)}/v1/risk/scenarios`, {});
      const { presets } = body as { presets: { id: string; title: string }[] };
      emit(flags.json, body, () => presets.map((p) => `${p.id}  ${p.title}`).join('\n'));
    });
  risk
    .command('pipeline')
    .description("the alliance's capacity pipeline to 2030 against the EU CRMA benchmarks")
    .option('--mineral <name>', 'one mineral (default: all projects)')
    .option('--url <url>', 'node URL (env LODESTONE_URL)')
    .option('--json', 'print the full result as JSON')
    .addHelpText('after', '\nExample:\n  $ lodestone risk pipeline --mineral lithium\n')
    .action(async (flags: { mineral?: string; url?: string; json?: boolean }) => {
      const query = flags.mineral === undefined ? '' : `?mineral=${encodeURIComponent(flags.mineral)}`;
      const { body } = await callNode(`${nodeUrl(flags.url)}/v1/risk/pipeline${query}`, {});
      emit(flags.json, body as Pipeline, formatPipeline);
    });
  risk
    .command('import <dir>')
    .description(
      'import updated dataset files of the same shape (a newer USGS release) into a data directory, and report what changed',
    )
    .requiredOption('-d, --data <dir>', "the node's data directory (the node reads them on its next start)")
    .option('--json', 'print the change report as JSON')
    .addHelpText('after', '\nExample:\n  $ lodestone risk import ./usgs-mcs-2026 --data ./lodestone-data\n')
    .action((dir: string, flags: { data: string; json?: boolean }) => {
      let diff: ReturnType<typeof importDatasets>;
      try {
        diff = importDatasets(flags.data, dir);
      } catch (cause) {
        if (!(cause instanceof RiskError)) throw cause;
        throw new CliError(
          'CLI_INPUT',
          `${dir}: ${cause.message}`,
          'the files must have the shape of assets/risk-data (see docs/risk.md)',
          { cause },
        );
      }
      emit(flags.json, diff, (d) =>
        d.identical
          ? 'no change: the files hold the same rows'
          : [
              `imported ${d.to.label}: ${d.summary.added} rows added, ${d.summary.removed} removed, ${d.summary.changed} changed`,
              ...d.files
                .filter((f) => f.added.length + f.removed.length + f.changed.length > 0)
                .map((f) => `  ${f.file}: +${f.added.length} −${f.removed.length} ~${f.changed.length}`),
              'restart the node to use them',
            ].join('\n'),
      );
    });
}

interface ScenarioFlags {
  preset?: string;
  country?: string;
  mineral?: string;
  stage?: string;
  restriction?: string;
  param: string[];
  token?: string;
  url?: string;
  json?: boolean;
}

interface ScenarioResult {
  scenario: { country: string; mineral: string; stage: string; restrictionPct: number };
  lostWorldSupply: { tonnes: number; share: number };
  allianceShortfall: { tonnes: number; shareOfDemand: number };
  alternatives: { country: string; tonnes: number; share: number; rank: number }[];
  exposure: { batches: { batch: string; element: string; share: number }[] } | null;
  notes: string[];
}

interface Pipeline {
  mineral: string;
  years: {
    year: number;
    capacityTonnes: number;
    weightedTonnes: number;
    allianceShare: number;
    benchmarks: { name: string; met: boolean; gapTonnes: number }[];
  }[];
}

function scenarioBody(flags: ScenarioFlags): object {
  const parameters: Record<string, number> = {};
  for (const p of flags.param) {
    const [name, value] = p.split('=');
    if (name === undefined || value === undefined || !Number.isFinite(Number(value))) {
      throw new CliError('CLI_USAGE', `--param ${p} is not name=number`, 'e.g. --param supplyElasticity=0.2');
    }
    parameters[name] = Number(value);
  }
  const restriction = flags.restriction === undefined ? undefined : Number(flags.restriction);
  if (restriction !== undefined && !Number.isFinite(restriction)) {
    throw new CliError('CLI_USAGE', `--restriction ${flags.restriction} is not a number`);
  }
  return {
    ...(flags.preset !== undefined && { preset: flags.preset }),
    ...(flags.country !== undefined && { country: flags.country }),
    ...(flags.mineral !== undefined && { mineral: flags.mineral }),
    ...(flags.stage !== undefined && { stage: flags.stage }),
    ...(restriction !== undefined && { restrictionPct: restriction }),
    ...(Object.keys(parameters).length > 0 && { parameters }),
  };
}

function table(items: Concentration[]): string {
  const head = ['mineral', 'stage', 'year', 'HHI', 'top-1', 'top-3', 'alliance', 'HHI×WGI', 'CRMA 65 %'];
  const rows = items.map((c) => [
    c.mineral,
    c.stage,
    String(c.year ?? ''),
    Math.round(c.hhi).toLocaleString('en'),
    `${c.top1.country} ${pct(c.top1.share)}`,
    pct(c.top3.share),
    pct(c.allianceShare),
    c.governanceWeighted.value.toFixed(0),
    c.crma.exceeds65 ? `exceeded (${c.crma.largestThirdCountry?.country})` : 'within',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function formatScenario(r: ScenarioResult): string {
  const s = r.scenario;
  return [
    `${s.country} restricts ${s.restrictionPct} % of its ${s.mineral} exports at the ${s.stage} stage`,
    `  world supply lost   ${r.lostWorldSupply.tonnes.toLocaleString('en')} t (${pct(r.lostWorldSupply.share)})`,
    `  alliance shortfall  ${r.allianceShortfall.tonnes.toLocaleString('en')} t (${pct(r.allianceShortfall.shareOfDemand)} of demand)`,
    '  alternatives',
    ...r.alternatives
      .slice(0, 5)
      .map((a) => `    ${a.rank}. ${a.country}  ${a.tonnes.toLocaleString('en')} t (${pct(a.share)})`),
    r.exposure === null
      ? '  exposed batches     (pass an operator, auditor or regulator --token)'
      : `  exposed batches     ${r.exposure.batches.length}${r.exposure.batches
          .slice(0, 5)
          .map((b) => `\n    ${b.batch}  ${b.element} ${pct(b.share)}`)
          .join('')}`,
    ...r.notes.map((n) => `  note: ${n}`),
  ].join('\n');
}

function formatPipeline(p: Pipeline): string {
  return [
    `${p.mineral}: projected alliance capacity`,
    ...p.years.map(
      (y) =>
        `  ${y.year}  ${Math.round(y.weightedTonnes).toLocaleString('en')} t weighted (${Math.round(y.capacityTonnes).toLocaleString('en')} t announced)  alliance ${pct(y.allianceShare)}  ${y.benchmarks
          .map((b) => `${b.name} ${b.met ? 'met' : `gap ${Math.round(b.gapTonnes).toLocaleString('en')} t`}`)
          .join(' · ')}`,
    ),
  ].join('\n');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
