import { useState } from 'preact/hooks';
import { ApiError, api, seg } from '../api';
import type { CaseAction, CaseActionResult, CaseOutcome, CaseState, CaseStatus } from '../types';
import { ErrorNotice } from './ui';

const OUTCOMES: readonly { value: CaseOutcome; label: string }[] = [
  { value: 'false-positive', label: 'false positive' },
  { value: 'mitigated', label: 'mitigated (risk mitigation succeeded)' },
  { value: 'suspended', label: 'suspended (trade suspended during mitigation)' },
  { value: 'disengaged', label: 'disengaged (relationship ended)' },
];

/** Which actions may follow a status (the node's transition rules: docs/compliance.md). */
const ALLOWED: Readonly<Record<CaseStatus, readonly CaseAction[]>> = {
  open: ['acknowledge', 'assign', 'resolve'],
  acknowledged: ['assign', 'resolve'],
  assigned: ['assign', 'resolve'],
  resolved: ['reopen'],
};

const MAX_JUSTIFICATION = 4000;

interface ActionBody {
  readonly action: CaseAction;
  readonly assignee?: string;
  readonly justification?: string;
  readonly outcome?: CaseOutcome;
}

/**
 * The case actions the status allows, each POSTed to `/v1/cases/{finding}` with the stored token (the node
 * accepts only the operator token, signs the action and logs it). A refusal shows the node's problem.
 */
export function CaseActions(props: {
  finding: string;
  state: CaseState;
  onChange: (state: CaseState) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const [invalid, setInvalid] = useState<string | undefined>();
  const [logged, setLogged] = useState<string | undefined>();
  const allowed = ALLOWED[props.state.status];
  const send = async (body: ActionBody, check?: string): Promise<void> => {
    setError(undefined);
    setLogged(undefined);
    setInvalid(check);
    if (check !== undefined) return;
    setBusy(true);
    try {
      const result = await api<CaseActionResult>(`v1/cases/${seg(props.finding)}`, {
        method: 'POST',
        auth: true,
        body,
      });
      props.onChange(result.case);
      setLogged(body.action);
    } catch (err) {
      setError(err instanceof Error ? err : new ApiError(0, 'ERROR', String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="case-actions" aria-label="Act on the case" data-testid="case-actions">
      <h3>Act on the case</h3>
      <p class="help">
        Needs the operator token: the node signs each action as a statement and logs it, so the history can be
        verified like every other entry.
      </p>
      {allowed.includes('acknowledge') && <Acknowledge busy={busy} send={send} />}
      {allowed.includes('assign') && <Assign busy={busy} send={send} current={props.state.assignee} />}
      {allowed.includes('resolve') && <Resolve busy={busy} send={send} />}
      {allowed.includes('reopen') && <Reopen busy={busy} send={send} />}
      {busy && (
        <p class="muted" role="status" data-testid="case-sending">
          Sending: the node signs the action and waits for it to be logged…
        </p>
      )}
      {invalid && (
        <p class="notice error" role="alert" data-testid="case-input-error">
          {invalid}
        </p>
      )}
      {error && (
        <div data-testid="case-error">
          <ErrorNotice error={error} />
        </div>
      )}
      {logged && (
        <p class="notice" role="status" data-testid="case-logged">
          Logged: the node signed and registered the {logged} action.
        </p>
      )}
    </section>
  );
}

type Send = (body: ActionBody, check?: string) => Promise<void>;

function Acknowledge({ busy, send }: { busy: boolean; send: Send }) {
  return (
    <form
      class="inline case-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ action: 'acknowledge' });
      }}
    >
      <button type="submit" disabled={busy} data-testid="case-acknowledge">
        Acknowledge
      </button>
    </form>
  );
}

function Assign({ busy, send, current }: { busy: boolean; send: Send; current?: string }) {
  const [assignee, setAssignee] = useState('');
  return (
    <form
      class="inline case-form"
      onSubmit={(e) => {
        e.preventDefault();
        const did = assignee.trim();
        void send(
          { action: 'assign', assignee: did },
          /^did:[a-z0-9]+:\S+$/.test(did) ? undefined : 'The assignee is a DID, such as did:web:example.org.',
        );
      }}
    >
      <label for="case-assignee">{current ? 'Reassign to (DID)' : 'Assign to (DID)'}</label>
      <input
        id="case-assignee"
        value={assignee}
        placeholder="did:web:…"
        spellcheck={false}
        onInput={(e) => setAssignee(e.currentTarget.value)}
        data-testid="case-assignee-input"
      />
      <button type="submit" disabled={busy} data-testid="case-assign">
        Assign
      </button>
    </form>
  );
}

/** A justification is required for resolving and reopening: 1 to 4,000 characters. */
function checkJustification(text: string): string | undefined {
  if (text.trim() === '') return 'A justification is required.';
  if (text.length > MAX_JUSTIFICATION) return `A justification has at most ${MAX_JUSTIFICATION} characters.`;
  return undefined;
}

function Resolve({ busy, send }: { busy: boolean; send: Send }) {
  const [outcome, setOutcome] = useState<CaseOutcome | ''>('');
  const [justification, setJustification] = useState('');
  return (
    <form
      class="case-form stacked"
      onSubmit={(e) => {
        e.preventDefault();
        const check = outcome === '' ? 'Choose an outcome.' : checkJustification(justification);
        void send(
          { action: 'resolve', justification: justification.trim(), ...(outcome !== '' && { outcome }) },
          check,
        );
      }}
    >
      <fieldset>
        <legend>Resolve</legend>
        <label for="case-outcome">Outcome</label>
        <select
          id="case-outcome"
          value={outcome}
          aria-required="true"
          onChange={(e) => setOutcome(e.currentTarget.value as CaseOutcome | '')}
          data-testid="case-outcome"
        >
          <option value="">choose…</option>
          {OUTCOMES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <Justification id="case-justification" value={justification} onInput={setJustification} />
        <button type="submit" disabled={busy} data-testid="case-resolve">
          Resolve
        </button>
      </fieldset>
    </form>
  );
}

function Reopen({ busy, send }: { busy: boolean; send: Send }) {
  const [justification, setJustification] = useState('');
  return (
    <form
      class="case-form stacked"
      onSubmit={(e) => {
        e.preventDefault();
        void send(
          { action: 'reopen', justification: justification.trim() },
          checkJustification(justification),
        );
      }}
    >
      <fieldset>
        <legend>Reopen</legend>
        <Justification id="case-reopen-justification" value={justification} onInput={setJustification} />
        <button type="submit" disabled={busy} data-testid="case-reopen">
          Reopen
        </button>
      </fieldset>
    </form>
  );
}

/** The required justification of a resolution or a reopening: kept in the logged statement. */
function Justification(props: { id: string; value: string; onInput: (value: string) => void }) {
  return (
    <>
      <label for={props.id}>Justification</label>
      <textarea
        id={props.id}
        rows={3}
        aria-required="true"
        maxLength={MAX_JUSTIFICATION}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        data-testid={props.id}
      />
    </>
  );
}
