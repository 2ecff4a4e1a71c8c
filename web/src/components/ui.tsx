import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../api';
import type { Loaded } from '../hooks';
import { href } from '../router';

/** A page: its heading takes the focus when the page opens, so screen readers announce it. */
export function Page(props: {
  title: string;
  lead?: ComponentChildren;
  children: ComponentChildren;
  testid?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
    document.title = `${props.title} · Lodestone`;
  }, [props.title]);
  return (
    <article class="page" data-testid={props.testid}>
      <header class="page-head">
        <h1 tabIndex={-1} ref={heading} data-testid="page-title">
          {props.title}
        </h1>
        {props.lead && <p class="lead">{props.lead}</p>}
      </header>
      {props.children}
    </article>
  );
}

let panels = 0;

/** A titled section of a page. */
export function Panel(props: {
  title: string;
  children: ComponentChildren;
  testid?: string;
  wide?: boolean;
}) {
  const id = useRef(`panel-${++panels}`);
  return (
    <section
      class={props.wide ? 'panel wide' : 'panel'}
      aria-labelledby={id.current}
      data-testid={props.testid}
    >
      <h2 id={id.current}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** One figure with its label. */
export function Stat(props: {
  label: string;
  value: ComponentChildren;
  testid?: string;
  note?: string;
  /** The figure as a plain number (`data-value`), for tests and tools: the text is formatted. */
  raw?: number;
  /** More `data-*` attributes of the figure. */
  data?: Readonly<Record<`data-${string}`, string>>;
}) {
  return (
    <div class="stat">
      <dt>{props.label}</dt>
      <dd data-testid={props.testid} data-value={props.raw} {...props.data}>
        {props.value}
      </dd>
      {props.note && <dd class="note">{props.note}</dd>}
    </div>
  );
}

/** A verdict or check status, in words and colour (never colour alone). */
export function Badge(props: {
  status: 'pass' | 'fail' | 'skip' | 'verified' | 'failed' | 'info';
  label?: string;
}) {
  const words: Record<string, string> = {
    pass: 'pass',
    fail: 'fail',
    skip: 'skip',
    verified: 'verified',
    failed: 'not verified',
    info: '',
  };
  const tone = props.status === 'verified' ? 'pass' : props.status === 'failed' ? 'fail' : props.status;
  const mark = tone === 'pass' ? '✓' : tone === 'fail' ? '✗' : tone === 'skip' ? '–' : '';
  return (
    <span class={`badge badge-${tone}`} data-testid="badge" data-status={props.status}>
      <span aria-hidden="true">{mark} </span>
      {props.label ?? words[props.status]}
    </span>
  );
}

export function Loading(props: { what?: string }) {
  return (
    <p class="muted" role="status" data-testid="loading">
      Loading {props.what ?? ''}…
    </p>
  );
}

/** An error from the node, with what to do about it. */
export function ErrorNotice(props: { error: Error }) {
  const e = props.error;
  const hint =
    e instanceof ApiError && e.isAuth
      ? 'Paste a valid token in the token field at the top of the page.'
      : e instanceof ApiError && e.status === 0
        ? 'Check that the node is running.'
        : undefined;
  return (
    <div class="notice error" role="alert" data-testid="error">
      <p>
        <strong>{e instanceof ApiError ? e.code : 'Error'}</strong>: {e.message}
      </p>
      {hint && <p>{hint}</p>}
    </div>
  );
}

/** What an empty list means, and what would fill it. */
export function Empty(props: { children: ComponentChildren; testid?: string }) {
  return (
    <div class="empty" data-testid={props.testid ?? 'empty'}>
      {props.children}
    </div>
  );
}

/** Shown instead of confidential data when no token is set. */
export function NeedsToken(props: { what: string; testid?: string }) {
  return (
    <div class="notice" data-testid={props.testid ?? 'needs-token'}>
      <p>
        {props.what} confidential: it needs a token. Paste the operator token (its path is printed by{' '}
        <code>lodestone serve</code>) or an organisation's access token (<code>lodestone token</code>) in the
        token field.{' '}
        <button type="button" class="link" onClick={openTokenField} data-testid="open-token">
          Open the token field
        </button>
      </p>
    </div>
  );
}

/** Open the token field in the header and put the cursor in it. */
export function openTokenField(): void {
  const details = document.getElementById('token') as HTMLDetailsElement | null;
  if (details === null) return;
  details.open = true;
  document.getElementById('token-input')?.focus();
}

/** Render a load: a spinner, the error, or the data. */
export function Show<T>(props: { load: Loaded<T>; what?: string; children: (data: T) => ComponentChildren }) {
  const l = props.load;
  if (l.state === 'loading') return <Loading what={props.what} />;
  if (l.state === 'error') return <ErrorNotice error={l.error} />;
  return <>{props.children(l.data)}</>;
}

/** A table that scrolls sideways on narrow screens, reachable by keyboard. */
export function TableWrap(props: { label: string; children: ComponentChildren; testid?: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard.
    <section class="table-wrap" aria-label={props.label} tabIndex={0} data-testid={props.testid}>
      {props.children}
    </section>
  );
}

/** A link to an entity page, showing its short or full id. */
export function EntityLink(props: { section: string; id: string; children?: ComponentChildren }) {
  return (
    <a href={href(props.section, props.id)} class={props.children === undefined ? 'id' : undefined}>
      {props.children ?? props.id}
    </a>
  );
}

/** A share of 100 as a labelled bar. */
export function ShareBar(props: { percent: number }) {
  return (
    <span class="sharebar" aria-hidden="true">
      <span style={{ width: `${Math.max(0, Math.min(100, props.percent))}%` }} />
    </span>
  );
}

/** "Next page" for a cursor-paginated list. */
export function Pager(props: {
  next?: string;
  onNext: (after: string) => void;
  onFirst?: () => void;
  testid?: string;
}) {
  if (props.next === undefined && props.onFirst === undefined) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {props.onFirst && (
        <button type="button" onClick={props.onFirst}>
          First page
        </button>
      )}
      {props.next !== undefined && (
        <button
          type="button"
          data-testid={props.testid ?? 'next-page'}
          onClick={() => props.onNext(props.next as string)}
        >
          Next page
        </button>
      )}
    </nav>
  );
}
