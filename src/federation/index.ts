/**
 * Federation across member nations (DESIGN.md §8): nodes witness each other's logs with C2SP
 * tlog-witness, so a checkpoint can carry other nations' cosignatures. Pure decisions only; the
 * witness state is stored by `store` and served by `service` and `api`.
 * @module federation
 */
export { FederationError, type FederationErrorCode } from './errors.js';
export {
  addCheckpointBody,
  appendSignatures,
  backoffMs,
  checkPeer,
  logVerifier,
  type PeerConfig,
  parsePeerSpec,
  verifiedCosignatures,
  witnessVerifier,
} from './peering.js';
export { PeeringError, type PeeringErrorCode } from './peering-errors.js';
export {
  formatPolicy,
  MAX_POLICY_BYTES,
  MAX_POLICY_LINES,
  type Policy,
  type PolicyGroup,
  type PolicyLog,
  type PolicyWitness,
  parsePolicy,
  QUORUM_NONE,
} from './policy.js';
export { PolicyError, type PolicyErrorCode } from './policy-errors.js';
export {
  type PolicyFailure,
  type PolicyResult,
  type PolicyVerifyOptions,
  type RejectedCosignature,
  type Shortfall,
  verifyCheckpointWithPolicy,
  type WitnessCosignature,
} from './policy-verify.js';
export {
  type Conflict,
  type Cosigned,
  checkAgainstState,
  cosign,
  decideAddCheckpoint,
  decideVerified,
  newWitnessCosigner,
  type Refused,
  refusal,
  type StateLookup,
  type TrustedLogs,
  trustLogs,
  verifyAddCheckpoint,
  type WitnessDecision,
  type WitnessedLog,
  type WitnessState,
} from './witness.js';
export { type AddCheckpointRequest, MAX_PROOF_LINES, parseAddCheckpointRequest } from './witness-request.js';
