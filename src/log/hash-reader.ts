/**
 * Read access to the perfect-subtree hashes of one Merkle tree (RFC 9162 §2.1.1).
 *
 * `nodeHash(level, index)` is MTH(D[index·2^level : (index+1)·2^level]): level 0 is the leaf hashes.
 * Callers MUST only ask for subtrees that lie entirely inside the tree they are proving against.
 * Implementations may throw LogError LOG_NOT_FOUND for a subtree they do not hold.
 */
export interface HashReader {
  nodeHash(level: number, index: number): Uint8Array;
}
