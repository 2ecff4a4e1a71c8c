import { useEffect, useState } from 'preact/hooks';

const KEY = 'lodestone.token';
const listeners = new Set<(token: string) => void>();

/** The bearer token the operator pasted (operator token or an organisation's access token), or ''. */
export function getToken(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    // Storage can be disabled (privacy modes): the dashboard then works without a token.
    return '';
  }
}

export function setToken(token: string): void {
  const value = token.trim();
  try {
    if (value === '') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, value);
  } catch {
    // See getToken.
  }
  for (const listener of listeners) listener(value);
}

/** The current token; components re-render when it changes. */
export function useToken(): string {
  const [token, set] = useState(getToken);
  useEffect(() => {
    listeners.add(set);
    return () => {
      listeners.delete(set);
    };
  }, []);
  return token;
}
