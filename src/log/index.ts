/**
 * The content-agnostic verifiable log: bytes in; hashes, proofs, checkpoints and tiles out.
 * RFC 9162 Merkle trees; C2SP signed-note, tlog-checkpoint, tlog-cosignature, tlog-tiles, tlog-proof.
 * It never imports `model`: what an entry means is someone else's business (as in Tessera).
 * @module log
 */
export {
  type Checkpoint,
  formatCheckpoint,
  type OpenedCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
} from './checkpoint.js';
export {
  COSIGNATURE_V1_BLOB_LENGTH,
  cosignatureMessage,
  cosignatureTimestamp,
  cosignerVkeyFromLogVkey,
  newCosignatureVerifier,
  newCosigner,
} from './cosignature.js';
export { LogError, type LogErrorCode } from './errors.js';
export type { HashReader } from './hash-reader.js';
export {
  EMPTY_ROOT,
  HASH_SIZE,
  hashChildren,
  hashLeaf,
  MerkleFrontier,
  rangeHash,
  rootOfLeafHashes,
} from './merkle.js';
export {
  computeKeyId,
  type Ed25519NoteSigner,
  isValidKeyName,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  newEd25519Signer,
  newEd25519Verifier,
  type OpenedNote,
  openNote,
  parseNote,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  signNote,
} from './note.js';
export {
  decodeVerifierKey,
  formatSignerKey,
  formatVerifierKey,
  parseSignerKey,
  parseVerifierKey,
  type VerifierKey,
} from './note-keys.js';
export type { IntegrationBatch, LatestCheckpoint, LogStore } from './ports.js';
export {
  buildConsistencyProof,
  buildInclusionProof,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './proof.js';
export { formatTlogProof, parseTlogProof, TLOG_PROOF_HEADER, type TlogProof } from './proof-bundle.js';
export { type Sequenced, Sequencer, type SequencerOptions } from './sequencer.js';
export { isValidSubtree, verifySubtreeConsistency, verifySubtreeInclusion } from './subtree.js';
export { decodeEntryBundle, encodeEntryBundle, splitHashTile } from './tiles/codec.js';
export {
  entriesPath,
  MAX_ENTRY_SIZE,
  type ParsedTilePath,
  parseTilePath,
  partialTileWidth,
  TILE_HEIGHT,
  TILE_WIDTH,
  type TileCount,
  type TileId,
  tileCounts,
  tilePath,
} from './tiles/layout.js';
export { TileHashReader } from './tiles/reader.js';
export { type TileUpdate, TileWriter } from './tiles/writer.js';
