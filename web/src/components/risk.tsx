import { countryName } from '../countries';
import { micrograms } from '../format';
import { href } from '../router';
import type { Assumption } from '../types';
import { TableWrap } from './ui';

/** The three supply-risk pages. */
const RISK_PAGES = [
  { id: undefined, key: 'concentration', label: 'Concentration' },
  { id: 'scenario', key: 'scenario', label: 'Restriction scenario' },
  { id: 'pipeline', key: 'pipeline', label: 'Capacity pipeline' },
] as const;

export type RiskPageKey = (typeof RISK_PAGES)[number]['key'];

/** Links between the supply-risk pages (`risk-tab-<page>`), the current one marked. */
export function RiskNav({ current }: { current: RiskPageKey }) {
  return (
    <nav aria-label="Supply risk" class="subnav">
      <ul>
        {RISK_PAGES.map((p) => (
          <li key={p.key}>
            <a
              href={href('risk', p.id)}
              aria-current={p.key === current ? 'page' : undefined}
              data-testid={`risk-tab-${p.key}`}
            >
              {p.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** `rare_earths` → `rare earths`. */
export function mineralLabel(mineral: string): string {
  return mineral.replace(/_/g, ' ');
}

export type HhiBand = 'low' | 'moderate' | 'high';

/** The HHI's band (US 2010 merger guidelines): under 1,500 low, 1,500–2,500 moderate, above 2,500 high. */
export function hhiBand(hhi: number): HhiBand {
  return hhi < 1500 ? 'low' : hhi <= 2500 ? 'moderate' : 'high';
}

/** A share given as a fraction 0..1, in percent. */
export function sharePercent(share: number): number {
  return share * 100;
}

/** A share given as a fraction 0..1, as text (`75.86 %`). */
export function shareText(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toLocaleString('en', { maximumFractionDigits: 2 })} %`;
}

const fine = new Intl.NumberFormat('en', { maximumSignificantDigits: 6 });

/** Tonnes as text (`290,000 t`). */
export function tonnesText(t: number | null | undefined): string {
  if (t === null || t === undefined || !Number.isFinite(t)) return '—';
  return `${fine.format(t)} t`;
}

/** An amount in the concentration's unit: tonnes from datasets, micrograms (a decimal string) from the ledger. */
export function amountText(amount: number | string, unit: 't' | 'µg'): string {
  return unit === 'µg' ? micrograms(amount) : tonnesText(Number(amount));
}

/** A country: its name and alpha-3 code. */
export function CountryLabel({ code }: { code: string }) {
  const name = countryName(code);
  return name === code ? (
    <span>{code}</span>
  ) : (
    <span>
      {name} <code class="muted">{code}</code>
    </span>
  );
}

/** Notes from the node (caveats, sources), as a list. */
export function Notes({
  notes,
  testid,
  title,
}: {
  notes: readonly string[];
  testid: string;
  title?: string;
}) {
  if (notes.length === 0) return null;
  return (
    <div class="notes">
      {title && <h3>{title}</h3>}
      <ul data-testid={testid}>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}

/** A model's assumptions: value, unit, whether it is the default, and where it comes from. */
export function AssumptionsTable(props: {
  assumptions: readonly Assumption[];
  caption: string;
  testid: string;
}) {
  return (
    <TableWrap label={props.caption} testid={props.testid}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col" class="num">
              Value
            </th>
            <th scope="col">Unit</th>
            <th scope="col">Default</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {props.assumptions.map((a) => (
            <tr key={a.name} data-testid="assumption-row" data-name={a.name} data-default={String(a.default)}>
              <th scope="row">
                <code>{a.name}</code>
              </th>
              <td class="num">{numberText(a.value)}</td>
              <td>{a.unit || '—'}</td>
              <td>{a.default ? 'default' : 'changed'}</td>
              <td class="source">{a.source || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** A plain number as text, up to six significant digits. */
export function numberText(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : fine.format(n);
}
