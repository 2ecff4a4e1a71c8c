import type { DemoRedFlag } from './manifest.js';
import type { LotRecord, World } from './state.js';
import { allOrigins } from './stock.js';
import type { CertificateRecord } from './trust-plan.js';

/**
 * The red flags planted in the world, described from what the run actually produced: which lots carry
 * the flagged origins, which shipments fall just under the threshold, how much of a plant's nickel has
 * no declared origin. Each is made of statements the node accepted; finding them is the compliance
 * rules' job.
 */

const CELL = 'battery.cell.nmc';
const SAMPLE = 8;
/** The quantity a reporting rule might apply from: 10 t. */
const THRESHOLD_GRAMS = 10_000_000;
const REVOKED_MS = Date.parse('2026-04-20T09:00:00.000Z');
const EXPIRED_MS = Date.parse('2026-03-31T00:00:00.000Z');

/** The world's planted red flags, each with the facility it is about and a sample of its evidence. */
export function plantedRedFlags(w: World, certificates: readonly CertificateRecord[]): DemoRedFlag[] {
  const byId = new Map(w.lots.map((r) => [r.lot.id, r]));
  const made = (material: string, origin: string): string[] =>
    w.lots
      .filter((r) => r.how === 'made' && r.lot.material === material && allOrigins(r.lot).has(origin))
      .map((r) => r.lot.id);
  const cert = (facility: string): CertificateRecord | undefined =>
    certificates.find((c) => c.facility === facility);
  const flags: DemoRedFlag[] = [
    {
      id: 'rf-1',
      kind: 'high-risk-origin-without-certificate',
      title: 'Artisanal cobalt from Kolwezi (DRC) without a responsible-sourcing certificate',
      detail: `${count(w, 'kasulo')} lots of copper-cobalt ore were extracted artisanally at Kasulo, a conflict-affected and high-risk area (OECD Annex II), by an operator holding no certificate; the cobalt reaches ${made(CELL, 'kasulo').length} cell lots through Likasi and Quzhou.`,
      facility: 'kasulo',
      evidence: made(CELL, 'kasulo').slice(0, SAMPLE),
    },
    {
      id: 'rf-2',
      kind: 'conflict-affected-origin',
      title: 'Heavy rare earths from Kachin State (Myanmar) in magnets',
      detail: `Ion-adsorption clay from informal workings at Chipwe, in an area controlled by armed groups, reaches Ganzhou through a border trader; its rare earths, dysprosium above all, are in ${made('ree.magnet.ndfeb', 'chipwe').length} magnet lots.`,
      facility: 'chipwe',
      evidence: made('ree.magnet.ndfeb', 'chipwe').slice(0, SAMPLE),
    },
    revokedUpstream(w, byId, cert('hombre-muerto')),
    nearThreshold(w),
    undeclaredShare(w, byId),
    certificateFlag(
      'rf-6',
      'certificate-issued-while-accreditation-suspended',
      'likasi',
      cert('likasi'),
      'A refinery certificate issued while its certifier was suspended',
      'Bureau Certimines certified the Likasi hydroxide plant on 2026-04-06, while its accreditation by the French body was suspended (2026-03-02 to 2026-07-06): the certificate was accepted for registration but does not verify.',
    ),
    certificateFlag(
      'rf-7',
      'certificate-outside-accredited-scope',
      'jixi-mine',
      cert('jixi-mine'),
      'A graphite mine certified by a firm not accredited for graphite',
      "Keystone's accreditation covers metals only; its certificate for the Liumao graphite mine fails the scope check, so Jixi graphite counts as uncertified.",
    ),
    {
      id: 'rf-8',
      kind: 'supply-after-certificate-expiry',
      title: 'Nickel mined after the mine certificate expired',
      detail: `The Bahodopi laterite mine's certificate expired on 2026-03-31 and was not renewed; ${w.lots.filter((r) => r.how === 'extracted' && r.site === 'bahodopi' && r.lot.createdMs >= EXPIRED_MS).length} lots were extracted after that.`,
      facility: 'bahodopi',
      evidence: [
        cert('bahodopi')?.id ?? '',
        ...w.lots
          .filter((r) => r.how === 'extracted' && r.site === 'bahodopi' && r.lot.createdMs >= EXPIRED_MS)
          .map((r) => r.lot.id),
      ].slice(0, SAMPLE),
    },
  ];
  return flags;
}

function count(w: World, site: string): number {
  return w.lots.filter((r) => r.how === 'extracted' && r.site === site).length;
}

function revokedUpstream(
  w: World,
  byId: ReadonlyMap<string, LotRecord>,
  cert: CertificateRecord | undefined,
): DemoRedFlag {
  const sold = w.shipments.filter((s) => {
    const record = byId.get(s.batch);
    return (
      s.atMs >= REVOKED_MS && record?.lot.material === CELL && allOrigins(record.lot).has('hombre-muerto')
    );
  });
  return {
    id: 'rf-3',
    kind: 'revoked-certificate-upstream',
    title: 'Cells sold after the lithium mine certificate upstream was revoked',
    detail: `The Hombre Muerto brine operation's certificate was revoked on 2026-04-20; ${sold.length} shipments of cells containing its lithium were sold to carmakers after that.`,
    facility: 'hombre-muerto',
    evidence: [cert?.id ?? '', ...sold.map((s) => s.batch)].slice(0, SAMPLE),
  };
}

function nearThreshold(w: World): DemoRedFlag {
  const under = w.shipments.filter(
    (s) => s.from === 'likasi' && s.grams < THRESHOLD_GRAMS && s.grams >= THRESHOLD_GRAMS * 0.99,
  );
  return {
    id: 'rf-4',
    kind: 'near-threshold-quantities',
    title: 'Repeated shipments just under 10 t',
    detail: `Likasi split its cobalt hydroxide into ${under.length} shipments of 9.90 to 9.995 t each to Quzhou: just under a 10 t reporting threshold.`,
    facility: 'likasi',
    evidence: under.map((s) => s.batch).slice(0, SAMPLE),
  };
}

function undeclaredShare(w: World, byId: ReadonlyMap<string, LotRecord>): DemoRedFlag {
  const nickel = (r: LotRecord | undefined, grams: number): number =>
    (grams * (r?.lot.content.Ni ?? 0)) / 1e12;
  const commissioned = w.lots.filter((r) => r.how === 'commissioned' && r.site === 'changsha');
  const declared = w.shipments
    .filter((s) => s.to === 'changsha' && byId.get(s.batch)?.lot.material === 'ni.sulfate.battery')
    .reduce((t, s) => t + nickel(byId.get(s.batch), s.grams), 0);
  const undeclared = commissioned.reduce((t, r) => t + nickel(r, r.grams), 0);
  const share = undeclared + declared === 0 ? 0 : Math.round((100 * undeclared) / (undeclared + declared));
  return {
    id: 'rf-5',
    kind: 'undeclared-origin-share',
    title: 'A cathode plant with a large share of nickel of undeclared origin',
    detail: `Xiangjiang Cathode (Changsha) commissioned ${commissioned.length} lots of sulfates bought on the spot market without declaring their origin: about ${share} % of the nickel it took in.`,
    facility: 'changsha',
    evidence: commissioned.map((r) => r.lot.id).slice(0, SAMPLE),
  };
}

function certificateFlag(
  id: string,
  kind: DemoRedFlag['kind'],
  facility: string,
  cert: CertificateRecord | undefined,
  title: string,
  detail: string,
): DemoRedFlag {
  return { id, kind, title, detail, facility, evidence: cert === undefined ? [] : [cert.id] };
}
