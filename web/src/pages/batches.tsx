import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { Empty, EntityLink, NeedsToken, Page, Pager, Panel, Show, TableWrap } from '../components/ui';
import { mass, shortId, time } from '../format';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';
import { useToken } from '../token';
import type { Page as ApiPage, Batch } from '../types';

const STATUSES = ['active', 'in-transit', 'consumed'] as const;

/** Batches: open one by id, or list those the token may see, filtered by material and status. */
export function BatchesPage({ params }: { params: URLSearchParams }) {
  const token = useToken();
  const material = params.get('material') ?? '';
  const status = params.get('status') ?? '';
  const after = params.get('after') ?? '';
  return (
    <Page
      title="Batches"
      lead="Lots of ore, concentrate, refined material and products, with their custody and provenance."
      testid="batches"
    >
      <OpenById />
      <Panel title="List" testid="batch-list" wide>
        <Filters material={material} status={status} />
        {token === '' ? (
          <NeedsToken what="The batch list is" testid="batches-locked" />
        ) : (
          <BatchTable material={material} status={status} after={after} token={token} />
        )}
      </Panel>
    </Page>
  );
}

function OpenById() {
  const [id, setId] = useState('');
  return (
    <Panel title="Open a batch" testid="batch-open">
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (id.trim() !== '') navigate(href('batches', id.trim()));
        }}
      >
        <label for="batch-id">Batch id (URI)</label>
        <input
          id="batch-id"
          type="search"
          value={id}
          placeholder="https://…/batches/…"
          onInput={(e) => setId(e.currentTarget.value)}
          data-testid="batch-search"
        />
        <button type="submit" data-testid="batch-search-submit">
          Open
        </button>
      </form>
    </Panel>
  );
}

function Filters({ material, status }: { material: string; status: string }) {
  const [m, setM] = useState(material);
  const [s, setS] = useState(status);
  return (
    <form
      class="inline filters"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(href('batches', undefined, { material: m.trim(), status: s }));
      }}
    >
      <label for="filter-material">Material code</label>
      <input
        id="filter-material"
        value={m}
        placeholder="e.g. co.hydroxide"
        onInput={(e) => setM(e.currentTarget.value)}
        data-testid="filter-material"
      />
      <label for="filter-status">Status</label>
      <select
        id="filter-status"
        value={s}
        onChange={(e) => setS(e.currentTarget.value)}
        data-testid="filter-status"
      >
        <option value="">any</option>
        {STATUSES.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <button type="submit" data-testid="filter-apply">
        Apply
      </button>
    </form>
  );
}

function BatchTable(props: { material: string; status: string; after: string; token: string }) {
  const { material, status, after, token } = props;
  const load = useLoad(
    (signal) =>
      api<ApiPage<Batch>>(`v1/batches${query({ material, status, after, limit: 50 })}`, {
        auth: true,
        signal,
      }),
    [material, status, after, token],
  );
  return (
    <Show load={load} what="batches">
      {(page) =>
        page.items.length === 0 ? (
          <Empty testid="batches-empty">
            <p>
              {material || status || after
                ? 'No batch matches these filters.'
                : 'No batches this token may see. Batches are created by extraction or commissioning events.'}
            </p>
          </Empty>
        ) : (
          <>
            <TableWrap label="Batches" testid="batches-table">
              <table>
                <caption>Batches in registration order{after ? ' (later page)' : ''}</caption>
                <thead>
                  <tr>
                    <th scope="col">Batch</th>
                    <th scope="col">Material</th>
                    <th scope="col" class="num">
                      Created
                    </th>
                    <th scope="col" class="num">
                      Remaining
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">Facility</th>
                    <th scope="col">Created at</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((b) => (
                    <tr key={b.id} data-testid="batch-row" data-id={b.id}>
                      <th scope="row">
                        <EntityLink section="batches" id={b.id} />
                      </th>
                      <td>
                        <code>{b.material}</code>
                      </td>
                      <td class="num">{mass(b.createdGrams)}</td>
                      <td class="num">{mass(b.remainingGrams)}</td>
                      <td>{b.status}</td>
                      <td>
                        <EntityLink section="facilities" id={b.facility}>
                          {shortId(b.facility)}
                        </EntityLink>
                      </td>
                      <td>{time(b.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <Pager
              next={page.next}
              testid="batches-next"
              onNext={(next) => navigate(href('batches', undefined, { material, status, after: next }))}
              {...(after !== '' && {
                onFirst: () => navigate(href('batches', undefined, { material, status })),
              })}
            />
          </>
        )
      }
    </Show>
  );
}
