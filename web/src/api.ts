import { getToken } from './token';

/** An RFC 9457 problem from the node (docs/errors.md), or a network failure (`status` 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  /** True when the request needs credentials it did not have, or its token was refused. */
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  /** Send the stored token (default: only for confidential reads). */
  readonly auth?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Call the node's API. Paths are relative (`v1/…`), so the dashboard works wherever the node serves it.
 * @throws ApiError with the problem's code and detail
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.auth ? getToken() : '';
  if (token !== '') headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      ...(options.signal && { signal: options.signal }),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'the node did not answer: is it running?');
  }
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    const problem = type.includes('json')
      ? ((await res.json()) as { code?: string; detail?: string; title?: string })
      : {};
    throw new ApiError(
      res.status,
      problem.code ?? `HTTP_${res.status}`,
      problem.detail ?? problem.title ?? `${res.status} ${res.statusText}`,
    );
  }
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** Path segment for an id (a URI or DID): percent-encoded, slashes included. */
export const seg = (id: string): string => encodeURIComponent(id);

/** A query string from the defined, non-empty values (with the leading `?`, or empty). */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}
