import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { barOption } from '../charts/options';
import { Chart } from '../components/chart';
import {
  AssumptionsTable,
  CountryLabel,
  mineralLabel,
  Notes,
  numberText,
  RiskNav,
  shareText,
  tonnesText,
} from '../components/risk';
import {
  Empty,
  EntityLink,
  ErrorNotice,
  Loading,
  NeedsToken,
  Page,
  Panel,
  Show,
  Stat,
  TableWrap,
} from '../components/ui';
import { COUNTRY_CODES, countryName } from '../countries';
import { micrograms, shortId } from '../format';
import { useLoad } from '../hooks';
import { useToken } from '../token';
import type { Assumption, RiskMineral, ScenarioPreset, ScenarioRequest, ScenarioResult } from '../types';

/** Export-restriction scenarios: presets and the node's minerals, then a form and its result. Public. */
export function ScenarioPage() {
  const load = useLoad(async (signal) => {
    // One after the other: a node without the risk endpoints then answers one 404, not two.
    const scenarios = await api<{ presets: ScenarioPreset[] }>('v1/risk/scenarios', { signal });
    const minerals = await api<{ minerals: RiskMineral[] }>('v1/risk/minerals', { signal });
    return { presets: scenarios.presets, minerals: minerals.minerals };
  }, []);
  return (
    <Page
      title="Restriction scenario"
      lead="What if a country restricts its exports of a mineral? The supply lost, the alliance's shortfall, the alternative sources, and which traced batches are exposed."
      testid="scenario"
    >
      <RiskNav current="scenario" />
      <Show load={load} what="the scenario presets">
        {({ presets, minerals }) => <Scenario presets={presets} minerals={minerals} />}
      </Show>
    </Page>
  );
}

/** Notes about the exposure (why it is missing): shown with it rather than with the other notes. */
const EXPOSURE_NOTE = /token|expos|confidential|batch/i;

/** The form's fields, as typed. */
interface Draft {
  readonly preset: string;
  readonly country: string;
  readonly mineral: string;
  readonly stage: string;
  readonly restrictionPct: string;
}

function fromPreset(p: ScenarioPreset): Draft {
  return {
    preset: p.id,
    country: p.country,
    mineral: p.mineral,
    stage: p.stage,
    restrictionPct: String(p.restrictionPct),
  };
}

type Run =
  | { readonly state: 'idle' }
  | { readonly state: 'running' }
  | { readonly state: 'error'; readonly error: Error }
  | { readonly state: 'done'; readonly result: ScenarioResult; readonly refused?: ApiError };

/** A parameter the model reported: its unit, source and, once seen, its default for the scenario. */
interface Parameter {
  readonly name: string;
  readonly unit: string;
  readonly source: string;
  readonly value: number;
  readonly defaultValue?: number;
}

function Scenario({
  presets,
  minerals,
}: {
  presets: readonly ScenarioPreset[];
  minerals: readonly RiskMineral[];
}) {
  const token = useToken();
  const [draft, setDraft] = useState<Draft>(() =>
    presets[0]
      ? fromPreset(presets[0])
      : {
          preset: '',
          country: '',
          mineral: minerals[0]?.mineral ?? '',
          stage: minerals[0]?.stages[0] ?? '',
          restrictionPct: '100',
        },
  );
  /** Parameter values the user typed, by name: sent with every run until reset. */
  const [edited, setEdited] = useState<Record<string, string>>({});
  /** Defaults the node reported, by scenario and parameter. */
  const defaults = useRef(new Map<string, number>());
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [invalid, setInvalid] = useState<string>();
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const preset = presets.find((p) => p.id === draft.preset);
  const result = run.state === 'done' ? run.result : undefined;
  const parameters = useMemo(() => parametersOf(result, defaults.current), [result]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const built = buildRequest(draft, preset, edited);
    if (typeof built === 'string') {
      setInvalid(built);
      return;
    }
    setInvalid(undefined);
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setRun({ state: 'running' });
    const post = (auth: boolean) =>
      api<ScenarioResult>('v1/risk/scenario', { method: 'POST', body: built, auth, signal: c.signal });
    try {
      let answer: Run;
      try {
        answer = { state: 'done', result: await post(token !== '') };
      } catch (err) {
        // A refused token still gets the public result, with what was refused.
        if (!(err instanceof ApiError) || !err.isAuth || token === '') throw err;
        answer = { state: 'done', result: await post(false), refused: err };
      }
      if (c.signal.aborted) return;
      if (answer.state === 'done') remember(defaults.current, answer.result);
      setRun(answer);
    } catch (err) {
      if (!c.signal.aborted) setRun({ state: 'error', error: err as Error });
    }
  };

  return (
    <div class="grid">
      <Panel title="Scenario" testid="scenario-panel" wide>
        <form class="scenario-form" onSubmit={submit} data-testid="scenario-form" noValidate>
          <ScenarioFields
            draft={draft}
            setDraft={setDraft}
            presets={presets}
            minerals={minerals}
            preset={preset}
          />
          <ParameterFields parameters={parameters} edited={edited} setEdited={setEdited} />
          {invalid && (
            <p class="field-error" role="alert" data-testid="scenario-input-error">
              {invalid}
            </p>
          )}
          <div class="row">
            <button type="submit" data-testid="scenario-run" disabled={run.state === 'running'}>
              Run the scenario
            </button>
            {Object.keys(edited).length > 0 && (
              <button type="button" onClick={() => setEdited({})} data-testid="scenario-reset">
                Reset parameters to defaults
              </button>
            )}
          </div>
        </form>
      </Panel>
      <Outcome run={run} hasToken={token !== ''} />
    </div>
  );
}

function ScenarioFields(props: {
  draft: Draft;
  setDraft: (d: Draft) => void;
  presets: readonly ScenarioPreset[];
  minerals: readonly RiskMineral[];
  preset: ScenarioPreset | undefined;
}) {
  const { draft, setDraft, presets, minerals, preset } = props;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const mineralNames = unique([...minerals.map((m) => m.mineral), draft.mineral]);
  const stages = unique([...(minerals.find((m) => m.mineral === draft.mineral)?.stages ?? []), draft.stage]);
  return (
    <>
      <div class="field">
        <label for="scenario-preset">Preset</label>
        <select
          id="scenario-preset"
          value={draft.preset}
          onChange={(e) => {
            const p = presets.find((x) => x.id === e.currentTarget.value);
            setDraft(p ? fromPreset(p) : { ...draft, preset: '' });
          }}
          aria-describedby="scenario-preset-help"
          data-testid="scenario-preset"
        >
          <option value="">Custom: set the fields below</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
        <p class="help" id="scenario-preset-help" data-testid="scenario-preset-source">
          {preset
            ? `${preset.measure ? `${preset.measure}. ` : ''}Effective ${preset.effective}. Source: ${preset.source}. Changing a field below changes the preset's scenario.`
            : presets.length === 0
              ? 'The node has no presets: set the fields below.'
              : 'Presets are export restrictions on record; choose one or set your own.'}
        </p>
      </div>
      <div class="fields">
        <div class="field">
          <label for="scenario-country">Country (alpha-3)</label>
          <input
            id="scenario-country"
            value={draft.country}
            maxLength={3}
            size={5}
            list="scenario-countries"
            autoComplete="off"
            placeholder="CHN"
            onInput={(e) => set({ country: e.currentTarget.value.toUpperCase() })}
            aria-describedby="scenario-country-name"
            data-testid="scenario-country"
          />
          <datalist id="scenario-countries">
            {COUNTRY_CODES.map((c) => (
              <option key={c} value={c}>
                {countryName(c)}
              </option>
            ))}
          </datalist>
          <span class="help" id="scenario-country-name">
            {draft.country.length === 3 ? countryName(draft.country) : 'ISO 3166-1 alpha-3, e.g. CHN'}
          </span>
        </div>
        <div class="field">
          <label for="scenario-mineral">Mineral</label>
          <select
            id="scenario-mineral"
            value={draft.mineral}
            onChange={(e) => {
              const mineral = e.currentTarget.value;
              const next = minerals.find((m) => m.mineral === mineral)?.stages ?? [];
              set({ mineral, stage: next.includes(draft.stage) ? draft.stage : (next[0] ?? draft.stage) });
            }}
            data-testid="scenario-mineral"
          >
            {mineralNames.map((m) => (
              <option key={m} value={m}>
                {mineralLabel(m)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="scenario-stage">Stage</label>
          <select
            id="scenario-stage"
            value={draft.stage}
            onChange={(e) => set({ stage: e.currentTarget.value })}
            data-testid="scenario-stage"
          >
            {stages.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="scenario-restriction">Restriction (%)</label>
          <input
            id="scenario-restriction"
            type="number"
            min={0}
            max={100}
            step="any"
            inputMode="decimal"
            value={draft.restrictionPct}
            onInput={(e) => set({ restrictionPct: e.currentTarget.value })}
            aria-describedby="scenario-restriction-help"
            data-testid="scenario-restriction"
          />
          <span class="help" id="scenario-restriction-help">
            share of its exports withheld, 0–100
          </span>
        </div>
      </div>
    </>
  );
}

function ParameterFields(props: {
  parameters: readonly Parameter[];
  edited: Record<string, string>;
  setEdited: (e: Record<string, string>) => void;
}) {
  const { parameters, edited, setEdited } = props;
  return (
    <fieldset class="parameters" data-testid="scenario-parameters">
      <legend>Assumptions</legend>
      {parameters.length === 0 ? (
        <p class="help" data-testid="scenario-parameters-empty">
          The model's assumptions (with their units, defaults and sources) appear here after the first run;
          change any of them and run again.
        </p>
      ) : (
        <div class="fields">
          {parameters.map((p, i) => {
            const id = `scenario-param-${i}`;
            return (
              <div class="field" key={p.name}>
                <label for={id}>
                  <code>{p.name}</code>
                  {p.unit ? ` (${p.unit})` : ''}
                </label>
                <input
                  id={id}
                  type="number"
                  step="any"
                  inputMode="decimal"
                  value={edited[p.name] ?? String(p.value)}
                  onInput={(e) => setEdited({ ...edited, [p.name]: e.currentTarget.value })}
                  aria-describedby={`${id}-help`}
                  data-testid="scenario-param"
                  data-name={p.name}
                />
                <span class="help" id={`${id}-help`}>
                  default {p.defaultValue === undefined ? 'not known yet' : numberText(p.defaultValue)}
                  {p.unit ? ` ${p.unit}` : ''}
                  {p.source ? ` · ${p.source}` : ''}
                </span>
              </div>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}

/** The request from the form, or what is wrong with it. */
function buildRequest(
  draft: Draft,
  preset: ScenarioPreset | undefined,
  edited: Record<string, string>,
): ScenarioRequest | string {
  const country = draft.country.trim().toUpperCase();
  const pct = Number(draft.restrictionPct);
  if (!/^[A-Z]{3}$/.test(country))
    return 'The restricting country is an ISO 3166-1 alpha-3 code: three letters.';
  if (draft.mineral === '' || draft.stage === '') return 'Choose a mineral and a stage.';
  if (draft.restrictionPct.trim() === '' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
    return 'The restriction is a percentage from 0 to 100.';
  }
  const parameters: Record<string, number> = {};
  for (const [name, text] of Object.entries(edited)) {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) return `The assumption ${name} needs a number.`;
    parameters[name] = value;
  }
  const fields = { country, mineral: draft.mineral, stage: draft.stage, restrictionPct: pct };
  // With a preset, only what differs from it.
  const changed = preset
    ? {
        ...(country !== preset.country && { country }),
        ...(draft.mineral !== preset.mineral && { mineral: draft.mineral }),
        ...(draft.stage !== preset.stage && { stage: draft.stage }),
        ...(pct !== preset.restrictionPct && { restrictionPct: pct }),
      }
    : fields;
  return {
    ...(preset && { preset: preset.id }),
    ...changed,
    ...(Object.keys(parameters).length > 0 && { parameters }),
  };
}

const scenarioKey = (r: ScenarioResult, name: string): string => {
  const s = r.scenario;
  return `${s.country}|${s.mineral}|${s.stage}|${name}`;
};

/** Keep the defaults a result reports (a parameter's default can depend on the mineral and stage). */
function remember(defaults: Map<string, number>, result: ScenarioResult): void {
  for (const a of result.assumptions) if (a.default) defaults.set(scenarioKey(result, a.name), a.value);
}

function parametersOf(result: ScenarioResult | undefined, defaults: Map<string, number>): Parameter[] {
  if (result === undefined) return [];
  return result.assumptions.map((a: Assumption) => {
    const known = a.default ? a.value : defaults.get(scenarioKey(result, a.name));
    return {
      name: a.name,
      unit: a.unit,
      source: a.source,
      value: a.value,
      ...(known !== undefined && { defaultValue: known }),
    };
  });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

function Outcome({ run, hasToken }: { run: Run; hasToken: boolean }) {
  if (run.state === 'idle') {
    return (
      <Panel title="Result" testid="scenario-idle" wide>
        <p class="muted">Choose a preset or set a scenario, then run it.</p>
      </Panel>
    );
  }
  if (run.state === 'running') {
    return (
      <Panel title="Result" wide>
        <Loading what="the scenario" />
      </Panel>
    );
  }
  if (run.state === 'error') {
    return (
      <Panel title="Result" testid="scenario-error" wide>
        <ErrorNotice error={run.error} />
      </Panel>
    );
  }
  return <ResultPanels result={run.result} refused={run.refused} hasToken={hasToken} />;
}

function ResultPanels({
  result,
  refused,
  hasToken,
}: {
  result: ScenarioResult;
  refused: ApiError | undefined;
  hasToken: boolean;
}) {
  const s = result.scenario;
  const subject = `${countryName(s.country)} restricts ${numberText(s.restrictionPct)} % of its ${mineralLabel(s.mineral)} exports at the ${s.stage} stage`;
  return (
    <div class="grid span-all" data-testid="scenario-result">
      <Panel title="Result" testid="scenario-outcome" wide>
        <p role="status" data-testid="scenario-summary">
          {subject}
          {s.preset ? ` (preset ${s.preset})` : ''}.
        </p>
        {refused && (
          <div class="notice error" role="alert" data-testid="token-refused">
            <p>
              The node refused the token ({refused.code}: {refused.message}). Showing the public result.
            </p>
          </div>
        )}
        <dl class="stats">
          <Stat
            label="World supply lost"
            value={tonnesText(result.lostWorldSupply.tonnes)}
            note={`${shareText(result.lostWorldSupply.share)} of world supply`}
            testid="scenario-lost"
            raw={result.lostWorldSupply.tonnes}
            data={{ 'data-share': String(result.lostWorldSupply.share) }}
          />
          <Stat
            label="Alliance shortfall"
            value={tonnesText(result.allianceShortfall.tonnes)}
            note={`${shareText(result.allianceShortfall.shareOfDemand)} of alliance demand`}
            testid="scenario-shortfall"
            raw={result.allianceShortfall.tonnes}
            data={{ 'data-share': String(result.allianceShortfall.shareOfDemand) }}
          />
        </dl>
        <Notes
          notes={result.exposure ? result.notes : result.notes.filter((n) => !EXPOSURE_NOTE.test(n))}
          testid="scenario-notes"
          title="Notes"
        />
      </Panel>
      <Alternatives result={result} />
      <Exposure result={result} hasToken={hasToken} />
      {result.balance && <Balance balance={result.balance} />}
      <Panel title="Assumptions used" testid="scenario-assumptions-panel" wide>
        <AssumptionsTable
          assumptions={result.assumptions}
          caption="The values this run used, with their sources"
          testid="scenario-assumptions"
        />
      </Panel>
    </div>
  );
}

/** `allianceGrossShortfallTonnes` → `alliance gross shortfall`. */
function termLabel(key: string): string {
  return key
    .replace(/Tonnes$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();
}

function Balance({ balance }: { balance: Readonly<Record<string, number>> }) {
  return (
    <Panel title="Supply balance" testid="scenario-balance-panel" wide>
      <TableWrap label="Supply balance" testid="scenario-balance">
        <table>
          <caption>Every term of the balance the shortfall is computed from, tonnes</caption>
          <tbody>
            {Object.entries(balance).map(([key, tonnes]) => (
              <tr key={key} data-testid="scenario-balance-row" data-term={key}>
                <th scope="row">{termLabel(key)}</th>
                <td class="num">{tonnesText(tonnes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Panel>
  );
}

function Alternatives({ result }: { result: ScenarioResult }) {
  const ranked = useMemo(() => [...result.alternatives].sort((a, b) => a.rank - b.rank), [result]);
  const option = useMemo(
    () =>
      barOption(
        ranked.slice(0, 10).map((a) => ({ label: countryName(a.country), value: a.tonnes })),
        't',
      ),
    [ranked],
  );
  return (
    <Panel title="Alternative sources" testid="scenario-alternatives-panel" wide>
      {ranked.length === 0 ? (
        <Empty testid="scenario-alternatives-empty">
          <p>No other country supplies this mineral at this stage in the datasets.</p>
        </Empty>
      ) : (
        <div class="two">
          <figure>
            <figcaption>
              {ranked.length > 10 ? 'The first 10 alternatives' : 'Alternatives'}, tonnes
            </figcaption>
            <Chart
              option={option}
              label="Bar chart of the alternative suppliers' tonnes, in rank order; the same figures are in the table"
              height={Math.max(160, Math.min(10, ranked.length) * 28 + 40)}
              testid="scenario-alternatives-chart"
            />
          </figure>
          <TableWrap label="Alternative sources, ranked" testid="scenario-alternatives">
            <table>
              <caption>
                Alternative sources, ranked by the node (supply and governance); WGI as published, higher is
                better
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    Rank
                  </th>
                  <th scope="col">Country</th>
                  <th scope="col" class="num">
                    Supply
                  </th>
                  <th scope="col" class="num">
                    Share
                  </th>
                  <th scope="col" class="num">
                    WGI
                  </th>
                  <th scope="col">Alliance</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((a) => (
                  <tr
                    key={a.country}
                    data-testid="scenario-alternative-row"
                    data-country={a.country}
                    data-rank={a.rank}
                  >
                    <td class="num">{a.rank}</td>
                    <th scope="row">
                      <CountryLabel code={a.country} />
                    </th>
                    <td class="num">{tonnesText(a.tonnes)}</td>
                    <td class="num">{shareText(a.share)}</td>
                    <td class="num">
                      {a.wgi === null ? <span title="no WGI value">—</span> : numberText(a.wgi)}
                    </td>
                    <td>{a.alliance === undefined ? '—' : a.alliance ? 'member' : 'no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      )}
    </Panel>
  );
}

function Exposure({ result, hasToken }: { result: ScenarioResult; hasToken: boolean }) {
  const exposure = result.exposure ?? null;
  return (
    <Panel title="Exposed traced batches" testid="scenario-exposed" wide>
      {exposure === null ? (
        <>
          {hasToken ? (
            <div class="notice" data-testid="scenario-exposed-locked">
              <p>
                The node did not list exposed batches for this token: it may see only its own organisation's
                batches, or the token was set after this run (run it again).
              </p>
            </div>
          ) : (
            <NeedsToken what="Which traced batches are exposed is" testid="scenario-exposed-locked" />
          )}
          <Notes notes={result.notes.filter((n) => EXPOSURE_NOTE.test(n))} testid="scenario-exposed-note" />
        </>
      ) : exposure.batches.length === 0 ? (
        <Empty testid="scenario-exposed-empty">
          <p>No traced batch carries this mineral from the restricting country at this stage.</p>
        </Empty>
      ) : (
        <TableWrap label="Exposed batches" testid="scenario-exposed-table">
          <table>
            <caption>Traced batches carrying supply from the restricting country</caption>
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Material</th>
                <th scope="col">Element</th>
                <th scope="col" class="num">
                  Exposed mass
                </th>
                <th scope="col" class="num">
                  Share of the element
                </th>
              </tr>
            </thead>
            <tbody>
              {exposure.batches.map((b) => (
                <tr key={`${b.batch} ${b.element}`} data-testid="scenario-exposed-row" data-batch={b.batch}>
                  <th scope="row">
                    <EntityLink section="batches" id={b.batch}>
                      {shortId(b.batch)}
                    </EntityLink>
                  </th>
                  <td>
                    <code>{b.material}</code>
                  </td>
                  <td>{b.element}</td>
                  <td class="num">{micrograms(b.exposedMicrograms)}</td>
                  <td class="num">{shareText(b.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Panel>
  );
}
