/**
 * Bench (issue 4): certificate verification.
 * (a) A presented certificate (vc+jwt) verified with every check — parse at the edge, Ed25519 signature,
 *     issuer key and role, accreditation chain to the alliance trust list, scope, validity, two status
 *     lists (revocation and suspension), subject — per second on one core, as a ratio to raw Ed25519
 *     verifies/s on one core measured in the same run.
 * (b) A registered certificate's verdict (the node verified its signature at registration): what the
 *     certified dimension of provenance and `/v1/certification` pay per certificate.
 */
import { verifyPresented } from '../src/service/index.js';
import { TrustWorld } from '../test/helpers/trust.js';
import { emit, log, rate, ratio, runIfMain, seconds } from './common.js';
import { verifyRate } from './verify.js';

const BENCH = 'certificates';

export async function main(): Promise<void> {
  const t = await TrustWorld.open('2026-01-01T00:00:00.000Z');
  try {
    const w = t.world;
    const body = await w.org('dakks', 'DEU', ['accreditor']);
    const certifier = await w.org('certifier', 'DEU', ['certifier']);
    const miner = await w.org('miner', 'COD');
    const mine = await w.facility(miner, 'pit', { kind: 'mine', country: 'COD' });
    await t.trustList([{ did: body.did, name: 'DAkkS', country: 'DEU' }]);
    await t.accredit(body, certifier);
    t.clock.set('2026-02-01T00:00:00.000Z');
    const cert = await t.issue(
      certifier,
      t.certificate(certifier, miner, [{ subjects: [{ kind: 'facility', id: mine }] }]),
    );
    const at = '2026-03-01T00:00:00.000Z';
    const view = t.node.certificates.view;
    if (!verifyPresented(cert.jws, view, at).verified)
      throw new Error('the bench certificate does not verify');

    const raw = verifyRate(seconds(3));
    emit(BENCH, 'raw_verify_1core', raw.cpu, 'verifies/cpu_s');
    const presented = rate(seconds(3), 50, () => verifyPresented(cert.jws, view, at));
    emit(BENCH, 'presented_1core', presented.cpu, 'verifications/cpu_s');
    ratio(BENCH, 'presented_over_verify', presented.cpu, raw.cpu);
    const registered = rate(seconds(2), 100, () => t.node.certificates.certification(mine, at));
    emit(BENCH, 'registered_verdict_1core', registered.cpu, 'verdicts/cpu_s');
    log(`presented ${presented.cpu.toFixed(0)}/s vs raw verify ${raw.cpu.toFixed(0)}/s`);
  } finally {
    await t.close();
  }
}

runIfMain(import.meta, main);
