const number = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const fine = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });

export function count(n: number): string {
  return number.format(n);
}

/** Grams as a readable mass: t above a tonne, kg above a kilogram, else g. */
export function mass(grams: number): string {
  if (grams >= 1e6) return `${fine.format(grams / 1e6)} t`;
  if (grams >= 1e3) return `${fine.format(grams / 1e3)} kg`;
  return `${fine.format(grams)} g`;
}

/** Micrograms (a decimal string, possibly beyond 2^53) as a readable mass. */
export function micrograms(ug: string | number): string {
  return mass(Number(ug) / 1e6);
}

export function tonnes(grams: number): number {
  return grams / 1e6;
}

export function percent(p: number): string {
  return `${p.toLocaleString('en', { maximumFractionDigits: 2 })} %`;
}

/** RFC 3339 as `2025-01-01 10:00 UTC`. */
export function time(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The last meaningful part of a URI or DID, for labels: `https://x.example/batches/lot-1` → `lot-1`. */
export function shortId(id: string): string {
  const trimmed = id.replace(/[/#]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('#'), trimmed.lastIndexOf(':'));
  const tail = cut === -1 ? trimmed : trimmed.slice(cut + 1);
  return tail === '' ? id : tail;
}

/** The origin key of a composition (`industrial <facility>`) split in method and facility. */
export function parseOrigin(key: string): { method: string; facility: string } {
  const space = key.indexOf(' ');
  return space === -1
    ? { method: 'undeclared', facility: key }
    : { method: key.slice(0, space), facility: key.slice(space + 1) };
}
