import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  DEMO_KEYS_DIR,
  DEMO_MANIFEST_FILE,
  type DemoManifest,
  loadOrCreateOperatorToken,
  seedDemoWorld,
} from '../../service/index.js';
import { CliError, emit, progress } from '../output.js';

interface DemoFlags {
  data: string;
  seed: string;
  scale: string;
  json?: boolean;
}

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'seed an empty data directory with the demo world: fictional miners, refiners, cell and magnet makers and carmakers in real places, nine months of signed custody events, certificates and planted red flags',
    )
    .option(
      '-d, --data <dir>',
      'data directory to create; must be empty (env LODESTONE_DATA)',
      process.env.LODESTONE_DATA ?? './lodestone-data',
    )
    .option('--seed <n>', 'world seed: the same seed gives a byte-identical log', '1')
    .option(
      '--scale <x>',
      'volume of trade, above 0 and at most 10 (1: about 3,000 batches; env LODESTONE_DEMO_SCALE)',
      process.env.LODESTONE_DEMO_SCALE ?? '1',
    )
    .option('--json', 'print the manifest (demo.json) as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Writes the log, the node keys, one key file per organisation (<data>/demo-keys/) and the manifest',
        '(<data>/demo.json: organisations, facilities, products to trace, certificates, red flags). Every',
        'statement goes through the same registration path as real data. The keys are derived from the seed:',
        'anyone can recompute them, so never use a demo directory for real data.',
        '',
        'Exit codes: 0 seeded · 2 usage (a data directory that is not empty, a bad --seed or --scale)',
        '',
        'Examples:',
        '  $ lodestone demo && lodestone serve',
        '  $ lodestone demo --data /tmp/demo --seed 7 --scale 0.2',
        '  $ lodestone demo --data /tmp/demo --json | jq .products',
      ].join('\n'),
    )
    .action(async (flags: DemoFlags) => {
      const seed = parseSeed(flags.seed);
      const scale = parseScale(flags.scale);
      ensureEmpty(flags.data);
      const started = performance.now();
      const manifest = await seedWithProgress(flags.data, { seed, scale }, !flags.json);
      const token = loadOrCreateOperatorToken(flags.data);
      const seconds = (performance.now() - started) / 1000;
      emit(flags.json, manifest, (m) => summary(m, flags.data, seconds, token.source));
    });
}

/**
 * Seed `dataDir`, drawing a progress line on stderr when `show`. Used by `demo` and by
 * `serve --demo-if-empty`, whose scale is LODESTONE_DEMO_SCALE (default 1).
 */
export async function seedWithProgress(
  dataDir: string,
  options: { seed?: number; scale?: number; origin?: string },
  show: boolean,
): Promise<DemoManifest> {
  const tick = show ? progress('demo world: statements registered') : undefined;
  const scale = options.scale ?? parseScale(process.env.LODESTONE_DEMO_SCALE ?? '1');
  const manifest = await seedDemoWorld(dataDir, { ...options, scale, ...(tick && { progress: tick }) });
  if (tick && process.stderr.isTTY) process.stderr.write('\n');
  return manifest;
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed)) {
    throw new CliError('CLI_USAGE', `invalid --seed "${text}"`, 'pass a whole number, e.g. --seed 1');
  }
  return seed;
}

function parseScale(text: string): number {
  const scale = Number(text);
  if (text.trim() === '' || !(scale > 0 && scale <= 10)) {
    throw new CliError(
      'CLI_USAGE',
      `invalid --scale (or LODESTONE_DEMO_SCALE) "${text}"`,
      'pass a number above 0 and at most 10, e.g. --scale 0.2',
    );
  }
  return scale;
}

function ensureEmpty(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) {
    throw new CliError('CLI_USAGE', `${dir} is not a directory`, 'pass --data with a new directory');
  }
  const entries = readdirSync(dir);
  if (entries.length > 0) {
    throw new CliError(
      'CLI_USAGE',
      `${dir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''})`,
      `the demo world is seeded into an empty directory: pass --data with a new one (or remove ${dir} if it holds nothing you need)`,
    );
  }
}

function summary(m: DemoManifest, dir: string, seconds: number, tokenSource: string): string {
  const n = (x: number): string => x.toLocaleString('en');
  const cell = m.products.find((p) => p.kind === 'cell') ?? m.products[0];
  const token = tokenSource === 'env' ? 'LODESTONE_OPERATOR_TOKEN' : tokenSource;
  const lines = [
    `seeded the demo world (seed ${m.seed}, scale ${m.scale}) into ${dir} in ${seconds.toFixed(1)} s`,
    `  ${n(m.counts.statements)} statements: ${n(m.counts.organizations)} organisations, ${n(m.counts.facilities)} facilities, ${n(m.counts.batches)} batches, ${n(m.counts.certificates)} certificates, ${n(m.counts.analysisCertificates)} certificates of analysis`,
    `  period      ${m.period.from.slice(0, 10)} to ${m.period.to.slice(0, 10)}; log origin ${m.origin}`,
    `  red flags   ${m.redFlags.length} planted (${[...new Set(m.redFlags.map((f) => f.kind))].slice(0, 3).join(', ')}, …)`,
    `  manifest    ${join(dir, DEMO_MANIFEST_FILE)}: organisations, facilities, products to trace, certificates, red flags`,
    `  keys        ${join(dir, DEMO_KEYS_DIR)}/<organisation>.key.json (derived from the seed: never for real data)`,
    `  operator    ${m.operator}, token in ${token}`,
    '',
    'Try next:',
    `  $ lodestone verify --data ${dir}    # audit the log and every statement, offline`,
    `  $ lodestone serve --data ${dir}     # then open http://127.0.0.1:8700/docs`,
  ];
  if (cell !== undefined) {
    const key = join(dir, DEMO_KEYS_DIR, `${cell.holder}.key.json`);
    lines.push(
      `  $ lodestone trace ${cell.batch} --key ${key}`,
      `      # with the node running: a ${cell.kind} lot from mines in ${cell.originCountries.join(', ')}`,
    );
  }
  return lines.join('\n');
}
