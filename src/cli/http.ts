import { CliError } from './output.js';

export const DEFAULT_URL = 'http://127.0.0.1:8700';

/** The node URL: --url, else LODESTONE_URL, else the local default. */
export function nodeUrl(flag: string | undefined): string {
  return (flag ?? process.env.LODESTONE_URL ?? DEFAULT_URL).replace(/\/+$/, '');
}

/** Call the node; a problem response becomes a CliError carrying its code and detail. */
export async function callNode(url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (cause) {
    throw new CliError(
      'CLI_NODE',
      `cannot reach ${url}`,
      'is the node running? start it with `lodestone serve`',
      { cause },
    );
  }
  const text = await res.text();
  const body = (res.headers.get('content-type') ?? '').includes('json') ? safeJson(text) : text;
  if (!res.ok) {
    const p = body as { code?: string; title?: string; detail?: string };
    const what = p?.code ? `${p.code}: ${p.detail ?? p.title}` : `HTTP ${res.status}`;
    throw new CliError('CLI_NODE', `node refused the request (${what})`, hintFor(p?.code));
  }
  return { status: res.status, body };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function hintFor(code: string | undefined): string | undefined {
  switch (code) {
    case 'IDENTITY_UNKNOWN_KEY':
    case 'IDENTITY_UNKNOWN_ORGANIZATION':
      return 'register the organisation and its key first: `lodestone keys register <key-file> --name … --country …` (operator token needed)';
    case 'ACCESS_REQUIRED':
    case 'ACCESS_TOKEN_INVALID':
      return 'pass --key <your key file> (an access token is made from it) or --token';
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return 'pass --token or set LODESTONE_OPERATOR_TOKEN (the token is in <data>/operator.token)';
    case 'LOG_PUSHBACK':
      return 'the node is busy: retry in a second';
    default:
      return undefined;
  }
}
