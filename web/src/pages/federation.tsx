import { useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { Empty, ErrorNotice, Loading, NeedsToken, Page, Panel, Stat, TableWrap } from '../components/ui';
import { count, time } from '../format';
import { usePoll } from '../hooks';
import { useToken } from '../token';
import type { Alarm, AlarmDecisionKind, FederationStatus, PeerStatus } from '../types';

/** Seconds between refreshes. */
const REFRESH_MS = 3000;
const MAX_JUSTIFICATION = 4000;

interface FederationView {
  readonly checkpoint: Checkpoint;
  readonly status: FederationStatus;
  readonly alarms: readonly Alarm[];
}

/** A C2SP checkpoint note, as far as this page reads it. */
interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly text: string;
  /** Key names of the signature lines, in order; the first is normally the log's own. */
  readonly signers: readonly string[];
}

/**
 * Federation (DESIGN.md §8): this node's checkpoint and who cosigned it, its peers, and the split-view
 * alarms with their evidence. Refreshed every 3 s; deciding on an alarm needs the operator token.
 */
export function FederationPage() {
  const poll = usePoll<FederationView>(async (signal) => {
    const [note, status, alarms] = await Promise.all([
      api<string>('log/checkpoint', { signal }),
      api<FederationStatus>('v1/federation/status', { signal }),
      api<{ alarms: Alarm[] }>('v1/federation/alarms', { signal }),
    ]);
    return { checkpoint: parseCheckpoint(note), status, alarms: alarms.alarms };
  }, REFRESH_MS);
  const view = poll.data;
  return (
    <Page
      title="Federation"
      testid="federation"
      lead="Member nations' nodes witness each other's logs: every checkpoint this node publishes carries its peers' cosignatures, and two inconsistent checkpoints of one log raise an alarm."
    >
      {poll.error && <ErrorNotice error={poll.error} />}
      {view === undefined ? (
        poll.error === undefined && <Loading what="the federation" />
      ) : (
        <>
          <p class="muted" role="status" data-testid="federation-updated">
            Refreshed every {REFRESH_MS / 1000} s · last{' '}
            {poll.at ? new Date(poll.at).toLocaleTimeString() : '—'}
          </p>
          <div class="grid">
            <ThisLog checkpoint={view.checkpoint} status={view.status} />
            <Cosignatures checkpoint={view.checkpoint} peers={view.status.peers} />
          </div>
          <Peers peers={view.status.peers} />
          <Alarms alarms={view.alarms} onDecided={poll.refresh} />
        </>
      )}
    </Page>
  );
}

function ThisLog(props: { checkpoint: Checkpoint; status: FederationStatus }) {
  const { checkpoint, status } = props;
  return (
    <Panel title="This node's log" testid="federation-log">
      <dl class="stats">
        <Stat
          label="Checkpoint size"
          value={count(checkpoint.size)}
          raw={checkpoint.size}
          testid="federation-size"
        />
        <Stat
          label="Peers"
          value={count(status.peers.length)}
          raw={status.peers.length}
          testid="federation-peer-count"
        />
        <Stat
          label="Alarms"
          value={count(status.alarms)}
          raw={status.alarms}
          testid="federation-alarm-count"
        />
      </dl>
      <dl class="facts">
        <dt>Origin</dt>
        <dd class="id" data-testid="federation-origin">
          {checkpoint.origin}
        </dd>
        {status.untrusted.length > 0 && (
          <>
            <dt>Untrusted</dt>
            <dd data-testid="federation-untrusted">{status.untrusted.join(', ')}</dd>
          </>
        )}
      </dl>
      <details>
        <summary>Latest checkpoint with its cosignatures (signed note)</summary>
        <pre class="wrap" data-testid="federation-checkpoint">
          {checkpoint.text}
        </pre>
      </details>
    </Panel>
  );
}

function Cosignatures(props: { checkpoint: Checkpoint; peers: readonly PeerStatus[] }) {
  const { checkpoint, peers } = props;
  const cosigners = checkpoint.signers.filter((name) => name !== checkpoint.origin);
  return (
    <Panel title="Cosignatures on the latest checkpoint" testid="cosignatures">
      <p class="help">
        Signature lines of <code>/log/checkpoint</code> beyond the log's own: the witnesses that checked this
        checkpoint is consistent with every one they cosigned before. A new checkpoint starts without any
        until the next peering round.
      </p>
      {cosigners.length === 0 ? (
        <Empty testid="cosignatures-empty">
          <p>No cosignature on this checkpoint yet: peers cosign it within a round or two.</p>
        </Empty>
      ) : (
        <ul class="cosigners">
          {cosigners.map((name) => {
            const peer = peers.find((p) => p.witnessVkey?.split('+')[0] === name);
            return (
              <li key={name} data-testid="cosignature" data-name={name}>
                <code>{name}</code>
                {peer && <span class="muted"> · witness of {peer.origin}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}

function Peers(props: { peers: readonly PeerStatus[] }) {
  return (
    <Panel title="Peers" testid="federation-peers" wide>
      {props.peers.length === 0 ? (
        <Empty testid="peers-empty">
          <p>
            This node peers with no one. Start it with <code>lodestone serve --peer …</code>, or try{' '}
            <code>lodestone federation demo</code>.
          </p>
        </Empty>
      ) : (
        <TableWrap label="Peers">
          <table data-testid="peers-table">
            <caption>
              Each peer's log as this node last fetched it, and what the peer's witness cosigned of this log
            </caption>
            <thead>
              <tr>
                <th scope="col">Origin</th>
                <th scope="col">URL</th>
                <th scope="col" class="num">
                  Their size
                </th>
                <th scope="col" class="num">
                  Cosigned of ours
                </th>
                <th scope="col" class="num">
                  Lag
                </th>
                <th scope="col">Trusted</th>
                <th scope="col">Last error</th>
                <th scope="col">Next round</th>
              </tr>
            </thead>
            <tbody>
              {props.peers.map((p) => (
                <tr
                  key={p.origin}
                  data-testid="peer-row"
                  data-origin={p.origin}
                  data-trusted={String(p.trusted)}
                >
                  <th scope="row" class="id">
                    {p.origin}
                  </th>
                  <td>
                    <a href={`${p.url}/#/federation`}>{p.url}</a>
                  </td>
                  <td class="num" data-testid="peer-their-size" data-value={p.theirSize ?? undefined}>
                    {p.theirSize === null ? '—' : count(p.theirSize)}
                  </td>
                  <td class="num" data-testid="peer-cosigned" data-value={p.cosignedSize}>
                    {count(p.cosignedSize)}
                  </td>
                  <td class="num" data-testid="peer-lag" data-value={p.lag}>
                    {count(p.lag)}
                  </td>
                  <td data-testid="peer-trusted">
                    <span class={`badge badge-${p.trusted ? 'pass' : 'fail'}`}>
                      <span aria-hidden="true">{p.trusted ? '✓ ' : '✗ '}</span>
                      {p.trusted ? 'trusted' : 'untrusted'}
                    </span>
                  </td>
                  <td data-testid="peer-error">{p.lastError ?? '—'}</td>
                  <td data-testid="peer-next-retry">{p.nextRetry === null ? '—' : time(p.nextRetry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Panel>
  );
}

function Alarms(props: { alarms: readonly Alarm[]; onDecided: () => void }) {
  const token = useToken();
  return (
    <Panel title="Split-view alarms" testid="federation-alarms" wide>
      {props.alarms.length === 0 ? (
        <Empty testid="alarms-empty">
          <p>
            No alarm: every peer's checkpoints were consistent with those this node's witness cosigned before.
          </p>
        </Empty>
      ) : (
        <>
          {token === '' && <NeedsToken what="Deciding on an alarm is" testid="alarms-locked" />}
          <ol class="fed-alarms">
            {[...props.alarms].reverse().map((a) => (
              <AlarmItem key={a.id} alarm={a} canDecide={token !== ''} onDecided={props.onDecided} />
            ))}
          </ol>
        </>
      )}
    </Panel>
  );
}

function AlarmItem(props: { alarm: Alarm; canDecide: boolean; onDecided: () => void }) {
  const a = props.alarm;
  return (
    <li
      class="fed-alarm"
      data-testid="alarm"
      data-id={a.id}
      data-origin={a.origin}
      data-decision={a.decision?.decision ?? 'none'}
    >
      <h3>
        Alarm {a.id}: <span class="id">{a.origin}</span>
      </h3>
      <p>
        <strong>{a.kind}</strong>, detected {time(a.detectedAt)}.{' '}
        {a.decision ? (
          <span data-testid="alarm-decision" data-decision={a.decision.decision}>
            Decision: <strong>{a.decision.decision}</strong> ({time(a.decision.decidedAt)}):{' '}
            {a.decision.justification}
          </span>
        ) : (
          <span data-testid="alarm-decision" data-decision="none">
            No decision yet: the origin is untrusted.
          </span>
        )}
      </p>
      <div class="fed-evidence">
        <figure>
          <figcaption>First checkpoint (as this node's witness cosigned it)</figcaption>
          <pre class="wrap" data-testid="alarm-first">
            {a.evidence.first}
          </pre>
        </figure>
        <figure>
          <figcaption>Second checkpoint (inconsistent with the first)</figcaption>
          <pre class="wrap" data-testid="alarm-second">
            {a.evidence.second}
          </pre>
        </figure>
      </div>
      {a.evidence.proof && a.evidence.proof.length > 0 && (
        <details>
          <summary>Consistency proof that failed ({a.evidence.proof.length} hashes)</summary>
          <pre data-testid="alarm-proof">{a.evidence.proof.join('\n')}</pre>
        </details>
      )}
      {props.canDecide && <DecisionForm alarm={a} onDecided={props.onDecided} />}
    </li>
  );
}

/** POST `/v1/federation/alarms/{id}/decision` with the stored token (the node accepts only the operator's). */
function DecisionForm(props: { alarm: Alarm; onDecided: () => void }) {
  const id = props.alarm.id;
  const [decision, setDecision] = useState<AlarmDecisionKind>('distrust');
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<string | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [decided, setDecided] = useState<AlarmDecisionKind | undefined>();
  const submit = async (): Promise<void> => {
    setError(undefined);
    setDecided(undefined);
    const text = justification.trim();
    const check =
      text === ''
        ? 'A justification is required.'
        : text.length > MAX_JUSTIFICATION
          ? `A justification has at most ${MAX_JUSTIFICATION} characters.`
          : undefined;
    setInvalid(check);
    if (check !== undefined) return;
    setBusy(true);
    try {
      await api<Alarm>(`v1/federation/alarms/${id}/decision`, {
        method: 'POST',
        auth: true,
        body: { decision, justification: text },
      });
      setDecided(decision);
      setJustification('');
      props.onDecided();
    } catch (err) {
      setError(err instanceof Error ? err : new ApiError(0, 'ERROR', String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="case-form stacked"
      data-testid="alarm-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>Decide (operator)</legend>
        <label>
          <input
            type="radio"
            name={`alarm-${id}-decision`}
            value="distrust"
            checked={decision === 'distrust'}
            onChange={() => setDecision('distrust')}
            data-testid="alarm-distrust"
          />{' '}
          Distrust: keep refusing this origin's checkpoints and receipts
        </label>
        <label>
          <input
            type="radio"
            name={`alarm-${id}-decision`}
            value="trust"
            checked={decision === 'trust'}
            onChange={() => setDecision('trust')}
            data-testid="alarm-trust"
          />{' '}
          Trust: lift this alarm (the split view is explained)
        </label>
        <label for={`alarm-${id}-justification`}>Justification</label>
        <textarea
          id={`alarm-${id}-justification`}
          rows={3}
          value={justification}
          onInput={(e) => setJustification(e.currentTarget.value)}
          data-testid="alarm-justification"
        />
        <button type="submit" disabled={busy} data-testid="alarm-submit">
          Record the decision
        </button>
      </fieldset>
      {busy && (
        <p class="muted" role="status">
          Sending…
        </p>
      )}
      {invalid && (
        <p class="notice error" role="alert" data-testid="alarm-input-error">
          {invalid}
        </p>
      )}
      {error && (
        <div data-testid="alarm-error">
          <ErrorNotice error={error} />
        </div>
      )}
      {decided && (
        <p class="notice" role="status" data-testid="alarm-decided">
          Recorded: {decided}.
        </p>
      )}
    </form>
  );
}

/** Origin, size and the signature lines' key names of a C2SP checkpoint (signed note). */
export function parseCheckpoint(note: string): Checkpoint {
  const split = note.indexOf('\n\n');
  const body = split === -1 ? note : note.slice(0, split);
  const [origin = '', size = '0'] = body.split('\n');
  const signers =
    split === -1
      ? []
      : note
          .slice(split + 2)
          .split('\n')
          .filter((line) => line.startsWith('— '))
          .map((line) => line.slice(2).split(' ')[0] ?? '');
  return { origin, size: Number(size), text: note, signers };
}
