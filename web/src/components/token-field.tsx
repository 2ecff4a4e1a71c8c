import { useState } from 'preact/hooks';
import { setToken, useToken } from '../token';

/**
 * The bearer token for confidential reads, kept in this browser's localStorage: the operator token
 * (`<data>/operator.token`, whose path `lodestone serve` prints) or an organisation's access token.
 */
export function TokenField() {
  const token = useToken();
  const [draft, setDraft] = useState('');
  const [open, setOpen] = useState(false);
  const save = (e: Event) => {
    e.preventDefault();
    setToken(draft);
    setDraft('');
    setOpen(false);
  };
  return (
    <details
      class="token"
      id="token"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary data-testid="token-toggle">
        <span data-testid="token-status">{token === '' ? 'No token: public data only' : 'Token set'}</span>
      </summary>
      <form onSubmit={save} class="token-form">
        <label for="token-input">Operator or access token</label>
        <input
          id="token-input"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={draft}
          placeholder={token === '' ? 'paste the token' : 'paste a new token'}
          onInput={(e) => setDraft(e.currentTarget.value)}
          data-testid="token-input"
          aria-describedby="token-help"
        />
        <div class="row">
          <button type="submit" data-testid="token-save">
            Save
          </button>
          <button
            type="button"
            data-testid="token-clear"
            disabled={token === ''}
            onClick={() => {
              setToken('');
              setOpen(false);
            }}
          >
            Forget token
          </button>
        </div>
        <p id="token-help" class="help">
          Batches, provenance and history are confidential. The operator token is in{' '}
          <code>&lt;data&gt;/operator.token</code> (<code>lodestone serve</code> prints its path); an
          organisation makes an access token with <code>lodestone token</code>. Kept in this browser only.
        </p>
      </form>
    </details>
  );
}
