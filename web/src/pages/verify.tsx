import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { CheckList, type CheckRow } from '../components/checks';
import { ErrorNotice, Page, Panel } from '../components/ui';
import { time } from '../format';
import type { CredentialVerification, ReceiptVerification } from '../types';

/** The checks of a receipt verification, in order (docs/log.md §Receipts). */
const RECEIPT_CHECKS = ['receipt-format', 'statement-digest', 'entry', 'checkpoint-signature', 'inclusion'];

type Result =
  | { readonly kind: 'certificate'; readonly result: CredentialVerification }
  | { readonly kind: 'receipt'; readonly result: ReceiptVerification };

/**
 * Public verification: a certificate (compact JWS or EnvelopedVerifiableCredential JSON), or a statement
 * with its receipt, checked by this node. Paste, choose or drop a file.
 */
export function VerifyPage() {
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const run = async (verify: () => Promise<Result>) => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await verify());
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page
      title="Verify"
      lead="Check a certificate, or a statement and its receipt, against this node: every check is shown with its reason. No token needed."
      testid="verify"
    >
      <div class="grid">
        <CertificateForm
          busy={busy}
          onVerify={(credential) => run(async () => verifyCertificate(credential))}
        />
        <ReceiptForm
          busy={busy}
          onVerify={(statement, receipt) => run(async () => verifyStatement(statement, receipt))}
        />
        <Panel title="Result" wide testid="verify-result-panel">
          <div aria-live="polite">
            {busy && <p class="muted">Verifying…</p>}
            {error && <ErrorNotice error={error} />}
            {result ? (
              <ResultView result={result} />
            ) : (
              !busy &&
              !error && (
                <p class="muted" data-testid="verify-idle">
                  Nothing verified yet.
                </p>
              )
            )}
          </div>
        </Panel>
      </div>
    </Page>
  );
}

async function verifyCertificate(credential: unknown): Promise<Result> {
  const result = await api<CredentialVerification>('v1/credentials/verify', {
    method: 'POST',
    body: { credential },
  });
  return { kind: 'certificate', result };
}

async function verifyStatement(statement: string, receipt: unknown): Promise<Result> {
  const result = await api<ReceiptVerification>('v1/receipts/verify', {
    method: 'POST',
    body: { statement, receipt },
  });
  return { kind: 'receipt', result };
}

function ResultView({ result: r }: { result: Result }) {
  if (r.kind === 'certificate') {
    const failed = r.result.checks.filter((c) => c.status === 'fail').map((c) => c.check);
    return (
      <CheckList
        verified={r.result.verified}
        kind="certificate"
        rows={r.result.checks}
        testid="verify-result"
        summary={
          r.result.verified
            ? `The certificate verifies at ${time(r.result.at)}: no check failed.`
            : `The certificate does not verify at ${time(r.result.at)}: ${failed.join(', ')} failed.`
        }
      />
    );
  }
  const ran = new Map(r.result.checks.map((c) => [c.name, c]));
  const names = [
    ...RECEIPT_CHECKS,
    ...r.result.checks.map((c) => c.name).filter((n) => !RECEIPT_CHECKS.includes(n)),
  ];
  const rows: CheckRow[] = names.map((name) => {
    const c = ran.get(name);
    return c === undefined
      ? { check: name, status: 'skip', reason: 'not run: an earlier check failed' }
      : { check: name, status: c.ok ? 'pass' : 'fail', reason: c.detail };
  });
  return (
    <CheckList
      verified={r.result.ok}
      kind="receipt"
      rows={rows}
      testid="verify-result"
      summary={
        r.result.ok
          ? `The statement is entry ${r.result.index} of ${r.result.origin}, included in its checkpoint of size ${r.result.size}.`
          : 'The receipt does not prove this statement is in this node’s log.'
      }
    />
  );
}

/** The text of a parse problem shown under a form, with no request sent. */
function Invalid({ message, id }: { message: string | undefined; id: string }) {
  if (message === undefined) return null;
  return (
    <p class="field-error" id={id} role="alert" data-testid="verify-input-error">
      {message}
    </p>
  );
}

function CertificateForm(props: { busy: boolean; onVerify: (credential: unknown) => void }) {
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const submit = (e: Event) => {
    e.preventDefault();
    const parsed = parseCredential(text);
    setInvalid(parsed.error);
    if (parsed.error === undefined) props.onVerify(parsed.value);
  };
  return (
    <Panel title="A certificate" testid="verify-certificate">
      <form onSubmit={submit}>
        <FileText
          id="verify-certificate-text"
          label="Certificate: a compact JWS (vc+jwt), or an EnvelopedVerifiableCredential as JSON"
          value={text}
          onChange={setText}
          testid="verify-certificate-input"
          accept=".jws,.jwt,.json,.txt,application/json,text/plain"
          invalid={invalid !== undefined}
        />
        <Invalid message={invalid} id="verify-certificate-error" />
        <button
          type="submit"
          disabled={props.busy || text.trim() === ''}
          data-testid="verify-certificate-submit"
        >
          Verify certificate
        </button>
      </form>
    </Panel>
  );
}

/** A JWS string, or a JSON object (or JSON string): what POST /v1/credentials/verify takes. */
function parseCredential(text: string): { value?: unknown; error?: string } {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('"')) return { value: t };
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (err) {
    return { error: `Not valid JSON: ${(err as Error).message}` };
  }
  if (typeof value === 'object' && value !== null && 'checkpoint' in value && 'proof' in value) {
    return { error: 'This is a receipt: paste it with its statement in the statement and receipt form.' };
  }
  return { value };
}

function ReceiptForm(props: { busy: boolean; onVerify: (statement: string, receipt: unknown) => void }) {
  const [statement, setStatement] = useState('');
  const [receipt, setReceipt] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const submit = (e: Event) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(receipt);
    } catch (err) {
      setInvalid(`The receipt is not valid JSON: ${(err as Error).message}`);
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setInvalid('The receipt must be a JSON object (GET /v1/statements/{id}/receipt).');
      return;
    }
    setInvalid(undefined);
    props.onVerify(statement.trim(), parsed);
  };
  return (
    <Panel title="A statement and its receipt" testid="verify-receipt">
      <form onSubmit={submit}>
        <FileText
          id="verify-statement-text"
          label="Statement: the compact JWS as registered"
          value={statement}
          onChange={setStatement}
          testid="verify-statement-input"
          accept=".jws,.jwt,.txt,text/plain"
          rows={5}
        />
        <FileText
          id="verify-receipt-text"
          label="Receipt: JSON, as GET /v1/statements/{id}/receipt gives it"
          value={receipt}
          onChange={setReceipt}
          testid="verify-receipt-input"
          accept=".json,application/json"
          rows={7}
          invalid={invalid !== undefined}
        />
        <Invalid message={invalid} id="verify-receipt-error" />
        <button
          type="submit"
          disabled={props.busy || statement.trim() === '' || receipt.trim() === ''}
          data-testid="verify-receipt-submit"
        >
          Verify receipt
        </button>
      </form>
    </Panel>
  );
}

/** A labelled textarea that also takes a chosen or dropped file's text. */
function FileText(props: {
  id: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  testid: string;
  accept: string;
  rows?: number;
  invalid?: boolean;
}) {
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const read = async (file: File | undefined) => {
    if (file !== undefined) props.onChange(await file.text());
  };
  return (
    <div class={dragging ? 'field drop dragging' : 'field drop'}>
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        rows={props.rows ?? 8}
        spellcheck={false}
        value={props.value}
        aria-invalid={props.invalid ? 'true' : undefined}
        onInput={(e) => props.onChange(e.currentTarget.value)}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void read(e.dataTransfer?.files[0]);
        }}
        data-testid={props.testid}
        placeholder="paste here, or drop a file"
      />
      <div class="row">
        <label for={`${props.id}-file`} class="file-label">
          Or choose a file
        </label>
        <input
          id={`${props.id}-file`}
          ref={fileInput}
          type="file"
          accept={props.accept}
          onChange={(e) => {
            void read(e.currentTarget.files?.[0]);
            if (fileInput.current) fileInput.current.value = '';
          }}
          data-testid={`${props.testid}-file`}
        />
      </div>
    </div>
  );
}
