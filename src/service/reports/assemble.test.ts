import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/node.js';
import { DEFAULT_RULE_SET } from '../../compliance/index.js';
import { type DemoManifest, seedDemoWorld } from '../demo/index.js';
import { LodestoneNode } from '../node.js';
import {
  assembleReport,
  type DueDiligenceReport,
  dueDiligenceReport,
  emrtRows,
  MINE_LIST_HEADER,
  type ReportDeps,
  renderReportHtml,
} from './index.js';

describe('assembleReport over the demo world (seed 1, scale 0.2)', () => {
  const { dir, cleanup } = tempDir('lodestone-report-');
  let manifest: DemoManifest;
  let node: LodestoneNode;
  let deps: ReportDeps;

  beforeAll(async () => {
    manifest = await seedDemoWorld(dir, { seed: 1, scale: 0.2 });
    const end = Date.parse(manifest.period.to);
    node = LodestoneNode.open({ dataDir: dir, verifyThreads: 0, now: () => end });
    deps = {
      supply: node.supply,
      certificates: node.certificates,
      findings: () => [],
      origin: node.info.origin,
      size: node.size,
      ruleSet: DEFAULT_RULE_SET,
      now: () => end,
    };
  });
  afterAll(async () => {
    await node?.close();
    cleanup();
  });

  const demoMines = () => new Map(manifest.facilities.filter((f) => f.kind === 'mine').map((f) => [f.id, f]));
  const minedColumn = MINE_LIST_HEADER.indexOf('Mine Identification');

  function expectMinesInEmrt(report: DueDiligenceReport): void {
    const listed = new Set(
      emrtRows(report)
        .mines.slice(1)
        .map((r) => r[minedColumn]),
    );
    const emrtMines = report.step2.mines.filter((m) =>
      m.elements.some((e) => ['Co', 'Ni', 'Li', 'Cu', 'C'].includes(e.element)),
    );
    expect(emrtMines.length).toBeGreaterThan(0);
    for (const m of emrtMines) expect(listed.has(m.id), m.name).toBe(true);
  }

  it('reports on a cell batch: its upstream mines are demo mines in the manifest’s origin countries', () => {
    const cell = manifest.products.find((p) => p.kind === 'cell')!;
    const report = dueDiligenceReport(
      assembleReport(deps, { kind: 'batch', id: cell.batch }, manifest.period.to),
    );
    const mines = demoMines();
    expect(report.step2.mines.length).toBeGreaterThan(0);
    for (const m of report.step2.mines) {
      expect(mines.get(m.id)?.name, m.id).toBe(m.name);
    }
    expect([...new Set(report.step2.mines.map((m) => m.country))].sort()).toEqual(cell.originCountries);
    expect(report.step1.batch?.id).toBe(cell.batch);
    expect(report.step4.smelters.length).toBeGreaterThan(0);
    expect(report.step5).toMatchObject({ origin: node.info.origin, size: node.size, at: manifest.period.to });
    expectMinesInEmrt(report);
    expect(renderReportHtml(report)).toContain(report.step2.mines[0]!.country);
  });

  it('reports on the organisation holding a cell: its facilities, upstream mines and smelters', () => {
    const cell = manifest.products.find((p) => p.kind === 'cell')!;
    const org = manifest.organizations.find((o) => o.slug === cell.holder)!;
    const report = dueDiligenceReport(
      assembleReport(deps, { kind: 'organization', did: org.did }, manifest.period.to),
    );
    expect(report.subject).toMatchObject({ kind: 'organization', did: org.did, name: org.name });
    expect(report.step1.facilities.map((f) => f.id).sort()).toEqual(
      manifest.facilities
        .filter((f) => f.operator === org.did)
        .map((f) => f.id)
        .sort(),
    );
    expect(report.step5.summary.batches).toBeGreaterThan(0);
    const mines = demoMines();
    expect(report.step2.mines.every((m) => mines.has(m.id))).toBe(true);
    expectMinesInEmrt(report);
    for (const s of report.step4.smelters) expect(['smelter', 'refinery']).toContain(s.kind);
  });

  it('refuses an unknown organisation or batch with a coded error', () => {
    const at = manifest.period.to;
    expect(() => assembleReport(deps, { kind: 'organization', did: 'did:web:nobody.example' }, at)).toThrow(
      expect.objectContaining({ code: 'REGISTRY_NOT_FOUND' }),
    );
    expect(() => assembleReport(deps, { kind: 'batch', id: 'urn:nothing' }, at)).toThrow(
      expect.objectContaining({ code: 'BATCH_NOT_FOUND' }),
    );
  });
});
