/**
 * Witness quorum policies in the line format of c2sp.org/tlog-policy: which logs may sign a checkpoint,
 * which witnesses may cosign it, and the (possibly nested) k-of-n rule their cosignatures must meet.
 * For the federation this is "k-of-n national witnesses per country group". Evaluating a policy on a
 * checkpoint is `policy-verify.ts`; this file only parses and prints.
 * @module
 */
import {
  decodeVerifierKey,
  LogError,
  type NoteVerifier,
  newCosignatureVerifier,
  newEd25519Verifier,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  type VerifierKey,
} from '../log/index.js';
import { PolicyError, type PolicyErrorCode } from './policy-errors.js';

/** The predefined name of the empty quorum (tlog-policy §"Defining the quorum"). */
export const QUORUM_NONE = 'none';
/** Refuse texts above 1 MiB: a policy is a short hand-written file, and parsing must stay cheap. */
export const MAX_POLICY_BYTES = 1 << 20;
/** Refuse more lines than this; the spec asks for at least 32 logs, 32 witnesses and 32 groups. */
export const MAX_POLICY_LINES = 4096;

/** A log the policy trusts to sign checkpoints. Its vkey's key name is the checkpoint origin. */
export interface PolicyLog {
  /** The vkey exactly as written (type 0x01 Ed25519). */
  readonly vkey: string;
  /** The vkey's key name, which MUST equal the checkpoint's origin line (tlog-policy §"Defining a log"). */
  readonly origin: string;
  readonly publicKey: Buffer;
  readonly verifier: NoteVerifier;
  readonly url?: string;
}

/** A witness: a policy-local name bound to a cosignature (type 0x04) key. */
export interface PolicyWitness {
  /** The name groups and the quorum use; meaningless outside the policy file. */
  readonly name: string;
  /** The vkey exactly as written. */
  readonly vkey: string;
  /** The vkey's key name: the name on the witness's cosignature lines. */
  readonly keyName: string;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
  readonly verifier: NoteVerifier;
  readonly url?: string;
}

/** A group that witnesses a checkpoint iff at least `threshold` of its members do. */
export interface PolicyGroup {
  readonly name: string;
  /** The rule as written: `all` (k = n), `any` (k = 1) or a number. */
  readonly rule: 'all' | 'any' | number;
  /** k, resolved from `rule`; 1 ≤ k ≤ members.length. */
  readonly threshold: number;
  /** Witness or group names, all defined on earlier lines, without repeats. */
  readonly members: readonly string[];
}

/** A parsed policy. Lists keep file order, which implies no preference (tlog-policy §Structure). */
export interface Policy {
  readonly logs: readonly PolicyLog[];
  readonly witnesses: readonly PolicyWitness[];
  readonly groups: readonly PolicyGroup[];
  /** A witness or group name, or {@link QUORUM_NONE}. */
  readonly quorum: string;
}

interface Builder {
  logs: PolicyLog[];
  witnesses: PolicyWitness[];
  groups: PolicyGroup[];
  quorum: string | undefined;
  names: Set<string>;
  logKeys: Set<string>;
  witnessKeys: Set<string>;
}

// In /u mode this matches only unpaired surrogates, which have no octet encoding at all.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const WHITESPACE = /[ \t]+/; // spaces and tabs only; other Unicode spaces are name octets
const DECIMAL_K = /^[1-9][0-9]{0,5}$/; // no leading zeros; k ≤ n ≤ line length keeps it small anyway

/**
 * Parses a tlog-policy file.
 * @throws PolicyError with the offending line number for every malformation (see {@link PolicyErrorCode})
 */
export function parsePolicy(text: string): Policy {
  const lines = splitLines(text);
  const b: Builder = {
    logs: [],
    witnesses: [],
    groups: [],
    quorum: undefined,
    names: new Set([QUORUM_NONE]),
    logKeys: new Set(),
    witnessKeys: new Set(),
  };
  for (const [i, line] of lines.entries()) parseLine(b, line, i + 1);
  if (b.quorum === undefined) throw new PolicyError('POLICY_NO_QUORUM', 'policy has no quorum line');
  return { logs: b.logs, witnesses: b.witnesses, groups: b.groups, quorum: b.quorum };
}

/**
 * Prints a policy in canonical form: logs, witnesses, groups (in their order), then the quorum.
 * `parsePolicy(formatPolicy(p))` has the same structure as `p`.
 */
export function formatPolicy(policy: Policy): string {
  const withUrl = (fields: string[], url: string | undefined) =>
    url === undefined ? fields : [...fields, url];
  const lines = [
    ...policy.logs.map((l) => withUrl(['log', l.vkey], l.url)),
    ...policy.witnesses.map((w) => withUrl(['witness', w.name, w.vkey], w.url)),
    ...policy.groups.map((g) => ['group', g.name, String(g.rule), ...g.members]),
    ['quorum', policy.quorum],
  ];
  return lines.map((fields) => `${fields.join(' ')}\n`).join('');
}

/** Size limits first, so an absurd input costs one length check and no split. */
function splitLines(text: string): string[] {
  if (text.length > MAX_POLICY_BYTES || Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) {
    throw new PolicyError('POLICY_TOO_LARGE', `policy exceeds ${MAX_POLICY_BYTES} bytes`);
  }
  const lines = text.split('\n');
  // Every line ends in "\n", so the split leaves a trailing ""; a missing final newline is tolerated.
  if (lines.at(-1) === '') lines.pop();
  if (lines.length > MAX_POLICY_LINES) {
    throw new PolicyError('POLICY_TOO_LARGE', `policy exceeds ${MAX_POLICY_LINES} lines`);
  }
  return lines;
}

type LineParser = (b: Builder, args: string[], n: number) => void;

function parseLine(b: Builder, line: string, n: number): void {
  if (hasBadCharacter(line)) throw fail('POLICY_BAD_CHARACTER', 'control character or unencodable text', n);
  const [keyword, ...args] = line.split(WHITESPACE).filter((f) => f !== '');
  if (keyword === undefined || keyword.startsWith('#')) return; // blank or comment line
  const parser = LINE_PARSERS.get(keyword);
  if (parser === undefined) throw fail('POLICY_SYNTAX', `unknown keyword ${quote(keyword)}`, n);
  parser(b, args, n);
}

// A Map, not an object literal: a keyword like "constructor" must not find Object.prototype.
// The parsers are hoisted function declarations, so the table can sit above them.
const LINE_PARSERS: ReadonlyMap<string, LineParser> = new Map([
  ['log', parseLogLine],
  ['witness', parseWitnessLine],
  ['group', parseGroupLine],
  ['quorum', parseQuorumLine],
]);

/**
 * tlog-policy §"Character set": of the controls only tab and newline are allowed, and DEL is outside
 * 0x20–0x7E. Unpaired surrogates are refused too: they have no octet encoding at all.
 */
function hasBadCharacter(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return LONE_SURROGATE.test(line);
}

/** `log <vkey> [<url>]` */
function parseLogLine(b: Builder, args: string[], n: number): void {
  const [vkey, url, ...extra] = args;
  if (vkey === undefined || extra.length > 0) throw fail('POLICY_SYNTAX', 'expected: log <vkey> [<url>]', n);
  // tlog-checkpoint: a log signs the note itself; of the types we verify, only Ed25519 0x01 fits.
  const key = decodeKey(vkey, SIG_TYPE_ED25519, 'log', n);
  claimKey(b.logKeys, key, 'log', n);
  const verifier = newEd25519Verifier(key.name, key.publicKey);
  b.logs.push({ vkey, origin: key.name, publicKey: key.publicKey, verifier, ...optionalUrl(url) });
}

/** `witness <name> <vkey> [<url>]` */
function parseWitnessLine(b: Builder, args: string[], n: number): void {
  const [name, vkey, url, ...extra] = args;
  if (name === undefined || vkey === undefined || extra.length > 0) {
    throw fail('POLICY_SYNTAX', 'expected: witness <name> <vkey> [<url>]', n);
  }
  claimName(b, name, n);
  // tlog-cosignature: witnesses cosign with type 0x04. A 0x01 vkey is refused rather than converted,
  // because the spec requires the type appropriate to the function.
  const key = decodeKey(vkey, SIG_TYPE_COSIGNATURE_V1, 'witness', n);
  claimKey(b.witnessKeys, key, 'witness', n);
  const verifier = newCosignatureVerifier(key.name, key.publicKey);
  b.witnesses.push({
    name,
    vkey,
    keyName: key.name,
    keyId: key.keyId,
    publicKey: key.publicKey,
    verifier,
    ...optionalUrl(url),
  });
}

/** `group <name> all|any|<k> <name>...` */
function parseGroupLine(b: Builder, args: string[], n: number): void {
  const [name, rule, ...members] = args;
  if (name === undefined || rule === undefined || members.length === 0) {
    throw fail('POLICY_SYNTAX', 'expected: group <name> all|any|<k> <member>...', n);
  }
  const seen = new Set<string>();
  for (const member of members) {
    requireDefined(b, member, n);
    if (seen.has(member)) throw fail('POLICY_DUPLICATE_MEMBER', `member ${quote(member)} listed twice`, n);
    seen.add(member);
  }
  // Claimed only after the members resolve, so a group cannot list itself.
  claimName(b, name, n);
  const parsedRule = parseRule(rule, members.length, n);
  const threshold = parsedRule === 'all' ? members.length : parsedRule === 'any' ? 1 : parsedRule;
  b.groups.push({ name, rule: parsedRule, threshold, members });
}

/** `quorum <name>`, exactly once, naming `none` or something defined earlier. */
function parseQuorumLine(b: Builder, args: string[], n: number): void {
  const [name, ...extra] = args;
  if (name === undefined || extra.length > 0) throw fail('POLICY_SYNTAX', 'expected: quorum <name>', n);
  if (b.quorum !== undefined) throw fail('POLICY_NO_QUORUM', 'more than one quorum line', n);
  if (name !== QUORUM_NONE) requireDefined(b, name, n);
  b.quorum = name;
}

/** tlog-policy: decimal k with 1 ≤ k ≤ n, or the shorthands `any` (1) and `all` (n). */
function parseRule(rule: string, memberCount: number, n: number): 'all' | 'any' | number {
  if (rule === 'all' || rule === 'any') return rule;
  if (!DECIMAL_K.test(rule))
    throw fail('POLICY_BAD_THRESHOLD', `threshold ${quote(rule)} is not all, any or k`, n);
  const k = Number(rule);
  if (k > memberCount) throw fail('POLICY_BAD_THRESHOLD', `threshold ${k} exceeds ${memberCount} members`, n);
  return k;
}

function decodeKey(vkey: string, sigType: number, role: string, n: number): VerifierKey {
  let key: VerifierKey;
  try {
    key = decodeVerifierKey(vkey);
  } catch (cause) {
    if (!(cause instanceof LogError)) throw cause;
    throw fail('POLICY_BAD_KEY', `invalid ${role} vkey: ${cause.message}`, n, cause);
  }
  if (key.sigType !== sigType) {
    throw fail('POLICY_BAD_KEY', `${role} vkey must have signature type 0x0${sigType}`, n);
  }
  return key;
}

/** tlog-policy: two vkeys are duplicates if they wrap the same public key, whatever their names. */
function claimKey(keys: Set<string>, key: VerifierKey, role: string, n: number): void {
  const hex = key.publicKey.toString('hex');
  if (keys.has(hex)) throw fail('POLICY_DUPLICATE_KEY', `${role} key already listed`, n);
  keys.add(hex);
}

/** Witnesses and groups share one namespace, which already holds `none`. */
function claimName(b: Builder, name: string, n: number): void {
  if (b.names.has(name)) throw fail('POLICY_DUPLICATE_NAME', `name ${quote(name)} is already defined`, n);
  b.names.add(name);
}

/** Only names from preceding lines resolve, which also rules out cycles. `none` is never a member. */
function requireDefined(b: Builder, name: string, n: number): void {
  if (name === QUORUM_NONE || !b.names.has(name)) {
    throw fail('POLICY_UNKNOWN_MEMBER', `${quote(name)} is not a witness or group defined earlier`, n);
  }
}

function optionalUrl(url: string | undefined): { url?: string } {
  return url === undefined ? {} : { url };
}

function quote(name: string): string {
  return JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
}

function fail(code: PolicyErrorCode, message: string, line: number, cause?: unknown): PolicyError {
  return new PolicyError(code, message, { line, ...(cause === undefined ? {} : { cause }) });
}
