/**
 * The newcomer's flow, end to end, as real processes: `node bin/lodestone.js …` (needs `npm run build`).
 * keys generate → serve → keys register (the operator registers the organisation) → sign → submit → token
 * (confidential reads) → verify (offline receipt, then the data directory) → rebuild --check, with the exit
 * codes, hints and file modes a first-time user meets.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/index.js';
import { assertBuilt, killStarted, runCli, type ServeProcess, startServe } from './helpers/cli.js';
import { tempDir, testSigner } from './helpers/node.js';

const PKG_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

const mode = (path: string): number => statSync(path).mode & 0o777;
const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Every command path of the program, e.g. [], ['keys'], ['keys', 'generate'], … */
function commandPaths(): string[][] {
  const program = buildProgram({ startServer: () => Promise.reject(new Error('not started in tests')) });
  const out: string[][] = [];
  const walk = (cmd: Command, path: string[]): void => {
    out.push(path);
    for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return out;
}

/** A TCP port nothing listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Replace one character of `text` at `at` with a different one of the same kind. */
function flipChar(text: string, at: number): string {
  const c = text[at]!;
  const swap = /[0-9]/.test(c) ? (c === '1' ? '2' : '1') : c === 'A' ? 'B' : 'A';
  return text.slice(0, at) + swap + text.slice(at + 1);
}

const tmp = tempDir('lodestone-cli-');
const dir = tmp.dir;
const dataDir = join(dir, 'data');
const keyFile = join(dir, 'k.json');
/** What `keys register` needs besides the key file: the organisation's legal name and country. */
const ORG = ['--name', 'Example Refining Ltd', '--country', 'CAN'];
let serve: ServeProcess | undefined;

/** The DID a key file's kid belongs to: the organisation, and the issuer of its credentials. */
const didOfKeyFile = (file: string): string => JSON.parse(readFileSync(file, 'utf8')).kid.split('#')[0];

/** A verifiable credential issued by `issuer`, of a type the node registers without modelling. */
const credential = (issuer: string, n: number) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential', 'ExampleAttestation'],
  issuer,
  credentialSubject: { id: `https://refiner.example/attestations/${n}`, n },
});

beforeAll(() => assertBuilt());
afterAll(async () => {
  await serve?.stop('SIGKILL');
  killStarted();
  tmp.cleanup();
});

describe('lodestone CLI: help and version', () => {
  it('--version prints the package.json version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(PKG_VERSION);
  });

  it('--help on every command mentions an example', async () => {
    const paths = commandPaths();
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining([
        '',
        'keys',
        'keys generate',
        'keys register',
        'serve',
        'sign',
        'submit',
        'verify',
        'token',
        'trace',
        'rebuild',
        'credential issue',
        'credential revoke',
        'verify credential',
        'trust publish',
        'trust export',
      ]),
    );
    // Three processes at a time: the machine has two cores, and every command is a Node start-up.
    const results: Awaited<ReturnType<typeof runCli>>[] = [];
    for (let i = 0; i < paths.length; i += 3) {
      results.push(...(await Promise.all(paths.slice(i, i + 3).map((p) => runCli([...p, '--help'])))));
    }
    results.forEach((r, i) => {
      const name = `lodestone ${paths[i]!.join(' ')} --help`;
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toMatch(/Examples?:/);
      expect(r.stdout, name).toMatch(/\$ lodestone /);
    });
  }, 180_000);

  it('verify with nothing to verify is a usage error (exit 2) with a hint', async () => {
    const r = await runCli(['verify']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: /m);
    expect(r.stderr).toMatch(/^hint: .*--data/m);
  });

  it('an unknown command is a usage error (exit 2)', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
  });
});

describe('lodestone serve: start-up errors', () => {
  it('--help says where the operator token comes from', async () => {
    const r = await runCli(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('LODESTONE_OPERATOR_TOKEN');
    expect(r.stdout).toContain('<data>/operator.token');
  });

  it('a port in use is a usage error (exit 2) with a hint, and leaves the data directory unlocked', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    const fresh = tempDir('lodestone-cli-busy-');
    try {
      // runCli resolves once the process has exited: it must end by itself, nothing left listening or locked.
      const r = await runCli(['serve', '--port', String(port), '--data', fresh.dir]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: cannot listen on 127\\.0\\.0\\.1:${port}`, 'm'));
      expect(r.stderr).toContain(`hint: port ${port} is in use: pass --port or stop the other process`);
      expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
      expect(existsSync(join(fresh.dir, 'lodestone.lock'))).toBe(false);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
      fresh.cleanup();
    }
  });

  it('an invalid --log-level is a usage error (exit 2) listing the levels, before anything starts', async () => {
    const fresh = tempDir('lodestone-cli-level-');
    try {
      const r = await runCli(['serve', '--port', '0', '--data', fresh.dir, '--log-level', 'loud']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^error: invalid --log-level "loud"$/m);
      expect(r.stderr).toMatch(/^hint: .*fatal, error, warn, info, debug, trace, silent, off$/m);
      expect(existsSync(join(fresh.dir, 'lodestone.sqlite'))).toBe(false);
    } finally {
      fresh.cleanup();
    }
  });

  it('an unknown --rules version or a malformed --witness is a usage error (exit 2), before anything starts', async () => {
    const fresh = tempDir('lodestone-cli-rules-');
    try {
      const rules = await runCli(['serve', '--port', '0', '--data', fresh.dir, '--rules', '1999.9']);
      expect(rules.code, rules.stderr).toBe(2);
      expect(rules.stderr).toMatch(/^error: no shipped rule set 1999\.9; shipped: 2026\.1, 2026\.2$/m);
      const witness = await runCli(['serve', '--port', '0', '--data', fresh.dir, '--witness', 'no-vkey']);
      expect(witness.code, witness.stderr).toBe(2);
      expect(witness.stderr).toMatch(/^hint: pass --witness <origin>=<log vkey>$/m);
      expect(existsSync(join(fresh.dir, 'lodestone.sqlite'))).toBe(false);
    } finally {
      fresh.cleanup();
    }
  });
});

describe('lodestone CLI: the newcomer flow', () => {
  let vkey = '';
  let origin = '';
  let token = '';
  const statement = join(dir, 's.jws');
  const receipt = join(dir, 'r.json');

  it('keys generate writes a 0600 key file and never overwrites it', async () => {
    const r = await runCli(['keys', 'generate', '--out', keyFile], { cwd: dir });
    expect(r.code).toBe(0);
    expect(mode(keyFile)).toBe(0o600);
    const file = JSON.parse(readFileSync(keyFile, 'utf8'));
    expect(file.kid).toMatch(/^did:key:z6Mk/);
    expect(file.jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), d: expect.any(String) });
    expect(r.stdout).toContain(file.kid);
    expect(r.stdout).not.toContain(file.jwk.d); // the private half stays in the file

    const before = readFileSync(keyFile, 'utf8');
    const again = await runCli(['keys', 'generate', '--out', keyFile], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^hint: .*never overwritten/m);
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });

  it('serve --port 0 prints a banner with the URL, origin, vkey and where the token is', async () => {
    serve = await startServe(['--port', '0', '--data', dataDir]);
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serve.origin).toMatch(/^lodestone\.local\/[0-9a-f]{8}\/log$/);
    expect(serve.vkey.startsWith(`${serve.origin}+`)).toBe(true);
    const tokenFile = join(dataDir, 'operator.token');
    expect(serve.tokenLine).toContain(tokenFile);
    expect(mode(tokenFile)).toBe(0o600);
    token = readFileSync(tokenFile, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(serve.banner).not.toContain(token); // the banner says where the token is, never the token

    const info = (await (await fetch(`${serve.url}/.well-known/lodestone`)).json()) as Record<string, string>;
    expect(info.vkey).toBe(serve.vkey);
    expect(info.origin).toBe(serve.origin);
    ({ vkey, origin } = info as { vkey: string; origin: string });
  });

  it('keys register needs the legal name and country (exit 2 before any request)', async () => {
    for (const missing of [
      ['--country', 'CAN'],
      ['--name', 'Example Refining Ltd'],
    ]) {
      const r = await runCli([
        'keys',
        'register',
        keyFile,
        ...missing,
        '--url',
        serve!.url,
        '--token',
        token,
      ]);
      expect(r.code, missing.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/required option '--(name|country) /);
    }
    const invalid = await runCli([
      'keys',
      'register',
      keyFile,
      '--name',
      'X',
      '--country',
      'Canada',
      '--url',
      serve!.url,
      '--token',
      token,
    ]);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toMatch(/VALIDATION/);
    const info = (await (await fetch(`${serve!.url}/healthz`)).json()) as { size: number };
    expect(info.size).toBe(0);
  });

  it('keys register refuses a wrong token (exit 3, hint) and accepts the operator token', async () => {
    const wrong = await runCli(['keys', 'register', keyFile, ...ORG, '--url', serve!.url, '--token', 'nope']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/FORBIDDEN/);
    expect(wrong.stderr).toMatch(/^hint: .*operator\.token/m);

    const none = await runCli(['keys', 'register', keyFile, ...ORG, '--url', serve!.url]);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/^hint: /m);

    const ok = await runCli([
      'keys',
      'register',
      keyFile,
      ...ORG,
      '--role',
      'producer',
      '--url',
      serve!.url,
      '--token',
      token,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(JSON.parse(readFileSync(keyFile, 'utf8')).kid);
    const did = didOfKeyFile(keyFile);
    const org = (await (
      await fetch(`${serve!.url}/v1/organizations/${encodeURIComponent(did)}`)
    ).json()) as Record<string, unknown>;
    expect(org).toMatchObject({
      did,
      legalName: 'Example Refining Ltd',
      country: 'CAN',
      roles: ['producer'],
      keys: [expect.objectContaining({ kid: JSON.parse(readFileSync(keyFile, 'utf8')).kid })],
    });
  });

  it('sign writes a compact JWS; submit registers it and saves the receipt', async () => {
    writeFileSync(join(dir, 'payload.json'), JSON.stringify(credential(didOfKeyFile(keyFile), 1), null, 2));
    const signed = await runCli(['sign', 'payload.json', '--key', keyFile, '--out', statement], { cwd: dir });
    expect(signed.code).toBe(0);
    const jws = readFileSync(statement, 'utf8').trim();
    expect(jws.split('.')).toHaveLength(3);
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc' });

    const r = await runCli(['submit', statement, '--url', serve!.url, '--out', receipt]);
    expect(r.code).toBe(0);
    const saved = JSON.parse(readFileSync(receipt, 'utf8'));
    expect(saved.statement).toBe(sha256Hex(jws));
    expect(r.stdout).toContain(`registered: ${saved.statement}`);
    expect(saved.entry).toMatchObject({ v: 1, statement: saved.statement });

    const dup = await runCli(['submit', statement, '--url', serve!.url, '--json']);
    expect(dup.code).toBe(0);
    const printed = JSON.parse(dup.stdout);
    expect(printed).toMatchObject({ statement: saved.statement, index: saved.index, entry: saved.entry });
  });

  it('a second statement gets a receipt whose proof is not empty', async () => {
    writeFileSync(join(dir, 'payload2.json'), JSON.stringify(credential(didOfKeyFile(keyFile), 2)));
    expect(
      (await runCli(['sign', 'payload2.json', '--key', keyFile, '--out', 's2.jws'], { cwd: dir })).code,
    ).toBe(0);
    const r = await runCli(['submit', 's2.jws', '--url', serve!.url, '--out', 'r2.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const r2 = JSON.parse(readFileSync(join(dir, 'r2.json'), 'utf8'));
    expect(r2.index).toBe(2); // after the identity registration and the first statement
    expect(r2.proof).toHaveLength(1);
  });

  it('submit of a statement by an organisation nobody registered exits 3 with a hint', async () => {
    const stranger = testSigner('did:web:stranger.example#key-1');
    writeFileSync(join(dir, 'stranger.jws'), stranger.sign(credential('did:web:stranger.example', 3)));
    const r = await runCli(['submit', 'stranger.jws', '--url', serve!.url], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/IDENTITY_UNKNOWN_KEY/);
    expect(r.stderr).toMatch(/^hint: .*lodestone keys register/m);
  });

  it('token makes an access token with which the issuer reads its statement; nobody else can', async () => {
    const id = sha256Hex(readFileSync(statement, 'utf8').trim());
    const r = await runCli(['token', '--key', keyFile, '--url', serve!.url, '--seconds', '300']);
    expect(r.code, r.stderr).toBe(0);
    const accessToken = r.stdout.trim();
    const header = JSON.parse(Buffer.from(accessToken.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'lodestone-access+jwt' });
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ iss: didOfKeyFile(keyFile), aud: origin });
    expect(claims.exp - claims.iat).toBe(300);
    const read = await fetch(`${serve!.url}/v1/statements/${id}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(read.status).toBe(200);
    expect(await read.text()).toBe(readFileSync(statement, 'utf8').trim());
    expect((await fetch(`${serve!.url}/v1/statements/${id}`)).status).toBe(404);

    const tooLong = await runCli(['token', '--key', keyFile, '--url', serve!.url, '--seconds', '7200']);
    expect(tooLong.code).toBe(2);
  });

  it('trace of a batch the organisation cannot see exits 3 with the node’s problem', async () => {
    const r = await runCli([
      'trace',
      'https://refiner.example/lots/none',
      '--key',
      keyFile,
      '--url',
      serve!.url,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/BATCH_NOT_FOUND/);
  });

  it('verify with a malformed --vkey is a usage error (exit 2), not a failed verification', async () => {
    const r = await runCli([
      'verify',
      '--statement',
      statement,
      '--receipt',
      receipt,
      '--vkey',
      'not-a-vkey',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--vkey is not a verifier key/);
    expect(r.stderr).toMatch(/hint:/);
  });

  it('verify --statement --receipt --vkey exits 0, with structured checks under --json', async () => {
    const r = await runCli(['verify', '--statement', statement, '--receipt', receipt, '--vkey', vkey]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^verified/);
    const j = await runCli([
      'verify',
      '--statement',
      statement,
      '--receipt',
      receipt,
      '--vkey',
      vkey,
      '--json',
    ]);
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout);
    expect(out).toMatchObject({ ok: true, origin, index: 1 });
    expect(out.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['receipt-format', true],
      ['statement-digest', true],
      ['entry', true],
      ['checkpoint-signature', true],
      ['inclusion', true],
    ]);
    const second = await runCli(['verify', '--statement', 's2.jws', '--receipt', 'r2.json', '--vkey', vkey], {
      cwd: dir,
    });
    expect(second.code).toBe(0);
  });

  /** Run verify --json on (possibly altered) files; returns the exit code and the name of the failed check. */
  let altered = 0;
  async function verifyAltered(jwsText: string, receiptText: string, key = vkey) {
    altered++;
    const [s, r] = [join(dir, `alt-${altered}.jws`), join(dir, `alt-${altered}.json`)];
    writeFileSync(s, jwsText);
    writeFileSync(r, receiptText);
    const res = await runCli(['verify', '--statement', s, '--receipt', r, '--vkey', key, '--json']);
    const failed =
      res.code === 1 ? JSON.parse(res.stdout).checks.find((c: { ok: boolean }) => !c.ok)?.name : '';
    return { code: res.code, failed, human: res.stdout };
  }

  it('verify exits 1 once a byte of the receipt or the statement is flipped', async () => {
    const jws = readFileSync(statement, 'utf8');
    const text = readFileSync(receipt, 'utf8');
    const r = JSON.parse(text);
    const root = r.checkpoint.split('\n')[2] as string;
    const s2 = readFileSync(join(dir, 's2.jws'), 'utf8');
    const r2text = readFileSync(join(dir, 'r2.json'), 'utf8');
    const proofHash = JSON.parse(r2text).proof[0] as string;

    const cases: [string, Promise<{ code: number | null; failed: string }>, string][] = [
      ['statement payload', verifyAltered(flipChar(jws, jws.indexOf('.') + 5), text), 'statement-digest'],
      ['statement signature', verifyAltered(flipChar(jws, jws.trim().length - 10), text), 'statement-digest'],
      [
        'receipt statement id',
        verifyAltered(jws, flipChar(text, text.indexOf(r.statement) + 3)),
        'statement-digest',
      ],
      [
        'receipt entry time',
        verifyAltered(
          jws,
          text.replace(
            r.entry.registered,
            r.entry.registered.replace(/\d(?=Z$)/, (d: string) => String((Number(d) + 1) % 10)),
          ),
        ),
        'inclusion',
      ],
      [
        'receipt checkpoint root',
        verifyAltered(jws, flipChar(text, text.indexOf(root) + 7)),
        'checkpoint-signature',
      ],
      [
        'receipt checkpoint signature',
        verifyAltered(jws, flipChar(text, text.lastIndexOf('=\\n"') - 12)),
        'checkpoint-signature',
      ],
      ['receipt proof hash', verifyAltered(s2, flipChar(r2text, r2text.indexOf(proofHash) + 4)), 'inclusion'],
      ['receipt index', verifyAltered(s2, r2text.replace('"index": 2', '"index": 1')), 'inclusion'],
    ];
    for (const [what, result, check] of cases) {
      const { code, failed } = await result.catch(() => ({ code: -1, failed: 'crashed' }));
      expect(code, what).toBe(1);
      expect(failed, what).toBe(check);
    }
  });

  it('verify exits 1 under another log’s vkey, and shows which check failed without --json', async () => {
    const otherDir = tempDir('lodestone-cli-other-');
    try {
      const other = await startServe(['--port', '0', '--data', otherDir.dir]);
      expect((await other.stop()).code).toBe(0);
      const res = await runCli([
        'verify',
        '--statement',
        statement,
        '--receipt',
        receipt,
        '--vkey',
        other.vkey,
      ]);
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/^NOT verified/);
      expect(res.stdout).toMatch(/FAIL\s+checkpoint-signature/);
    } finally {
      otherDir.cleanup();
    }
  });

  it('submit to a dead URL exits 3 with a hint', async () => {
    const port = await deadPort();
    const r = await runCli(['submit', statement, '--url', `http://127.0.0.1:${port}`]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot reach/);
    expect(r.stderr).toMatch(/^hint: .*lodestone serve/m);
  });

  it('serve stops cleanly on SIGTERM (exit 0)', async () => {
    const done = await serve!.stop('SIGTERM');
    serve = undefined;
    expect(done.signal).toBeNull();
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/stopping/);
  });

  it('verify --data audits the stopped node: exit 0, and --json gives the report', async () => {
    const r = await runCli(['verify', '--data', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^verified: 3 entries/m);
    const j = await runCli(['verify', '--data', dataDir, '--vkey', vkey, '--json']);
    expect(j.code).toBe(0);
    const report = JSON.parse(j.stdout);
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.counts).toMatchObject({ entries: 3, statements: 3 });
  });

  it('rebuild --check finds the stored registry equal to the replay of the log (exit 0)', async () => {
    const r = await runCli(['rebuild', '--data', dataDir, '--check', '--verify', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      identical: true,
      statements: 3,
      problems: [],
      differences: [],
    });
  });

  it('a restart on the same directory keeps the vkey, and the env token replaces the file', async () => {
    serve = await startServe(['--port', '0', '--data', dataDir], {
      env: { LODESTONE_OPERATOR_TOKEN: 'env-operator-token' },
    });
    expect(serve.vkey).toBe(vkey);
    expect(serve.origin).toBe(origin);
    expect(serve.banner).toMatch(/3 entries/);
    expect(serve.tokenLine).toMatch(/from LODESTONE_OPERATOR_TOKEN/);
    const info = (await (await fetch(`${serve.url}/.well-known/lodestone`)).json()) as { vkey: string };
    expect(info.vkey).toBe(vkey);

    const fileToken = await runCli([
      'keys',
      'register',
      keyFile,
      ...ORG,
      '--url',
      serve.url,
      '--token',
      token,
    ]);
    expect(fileToken.code).toBe(3);
    // Registering the same organisation and key again is a new registration (dated now): accepted.
    const envToken = await runCli(['keys', 'register', keyFile, ...ORG, '--url', serve.url], {
      env: { LODESTONE_OPERATOR_TOKEN: 'env-operator-token' },
    });
    expect(envToken.code, envToken.stderr).toBe(0);

    // Identical bytes after a restart: the original receipt, against the new node's checkpoint.
    const again = await runCli(['submit', statement, '--out', 'r-again.json'], {
      cwd: dir,
      env: { LODESTONE_URL: serve.url },
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already registered/);
    const ok = await runCli(
      ['verify', '--statement', statement, '--receipt', 'r-again.json', '--vkey', vkey],
      {
        cwd: dir,
      },
    );
    expect(ok.code).toBe(0);

    expect((await serve.stop('SIGTERM')).code).toBe(0);
    serve = undefined;
  });

  it('serve with LODESTONE_OPERATOR_TOKEN on a fresh directory writes no token file', async () => {
    const fresh = tempDir('lodestone-cli-env-');
    try {
      const s = await startServe(
        ['--port', '0', '--data', fresh.dir, '--origin', 'test.lodestone.example/log'],
        {
          env: { LODESTONE_OPERATOR_TOKEN: 'fresh-env-token-0123' },
        },
      );
      expect(s.origin).toBe('test.lodestone.example/log');
      expect(s.tokenLine).toMatch(/from LODESTONE_OPERATOR_TOKEN/);
      expect(existsSync(join(fresh.dir, 'operator.token'))).toBe(false);
      const ok = await runCli([
        'keys',
        'register',
        keyFile,
        ...ORG,
        '--url',
        s.url,
        '--token',
        'fresh-env-token-0123',
      ]);
      expect(ok.code, ok.stderr).toBe(0);
      expect((await s.stop('SIGINT')).code).toBe(0);
    } finally {
      fresh.cleanup();
    }
  });
});
