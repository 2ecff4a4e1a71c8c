import { BaseError } from '../errors.js';

/** Codes of peering between nodes (DESIGN.md §8): configuration, and what a peer answered. */
export type PeeringErrorCode =
  /** A peer entry is unusable: not `<origin>=<vkey>@<url>`, a bad key, a non-HTTP URL, a clash. */
  | 'PEER_CONFIG_INVALID'
  /** A peer answered with something that is not what the protocol says (bad status, body, signature). */
  | 'PEER_PROTOCOL'
  /** A peer could not be reached, or did not answer in time. */
  | 'PEER_UNREACHABLE';

export class PeeringError extends BaseError<PeeringErrorCode> {}
