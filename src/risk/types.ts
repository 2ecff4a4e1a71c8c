/**
 * The result shapes the HTTP API returns as JSON (and the dashboard reads): keep member names stable.
 * Shares are fractions in [0, 1]; `percent` is 100 × share rounded to 4 decimals, for display.
 */

/** A half-open time interval `[from, to)`, RFC 3339 dates or date-times. */
export interface TimeWindow {
  readonly from: string;
  readonly to: string;
}

/** One country's part of the total. */
export interface CountryShare {
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
  /** Tonnes (top-down) or micrograms as a decimal string (bottom-up). */
  readonly amount: number | string;
  readonly share: number;
  readonly percent: number;
}

/** Concentration of a mineral's supply at one stage, from the datasets or from traced flows. */
export interface Concentration {
  readonly mineral: string;
  readonly stage: string;
  /** The data year (top-down), or the year asked for (bottom-up); null for a bottom-up window. */
  readonly year: number | null;
  readonly window?: TimeWindow;
  readonly method: 'top-down' | 'bottom-up';
  readonly unit: 't' | 'µg';
  /** The denominator of every share: tonnes, or micrograms as a decimal string. */
  readonly total: number | string;
  /** Named countries only, largest first (then by code). */
  readonly shares: readonly CountryShare[];
  /** Herfindahl–Hirschman index on shares in percent: Σ (100·s)², 0…10,000. */
  readonly hhi: number;
  /** The largest supplier; `{ country: '', share: 0 }` when nothing is attributed to a country. */
  readonly top1: { readonly country: string; readonly share: number };
  readonly top3: { readonly countries: readonly string[]; readonly share: number };
  /** Σ share of the alliance members (model `ALLIANCE_MEMBERS`). */
  readonly allianceShare: number;
  readonly governanceWeighted: {
    readonly value: number;
    readonly formula: string;
    readonly source: string;
    /** The share of the total held by countries with a WGI value (the rest count 0 in `value`). */
    readonly coverage: number;
  };
  /** EU CRMA Art. 5(1)(d): the largest non-alliance supplier, and whether it holds more than 65 %. */
  readonly crma: {
    readonly largestThirdCountry: { readonly country: string; readonly share: number } | null;
    readonly exceeds65: boolean;
  };
  readonly notes: readonly string[];
}

/** Top-down vs bottom-up, country by country. */
export interface ConcentrationComparison {
  readonly topDown: Concentration;
  readonly bottomUp: Concentration;
  /** Every country in either, by |delta| largest first; delta = bottomUp − topDown (shares). */
  readonly differences: readonly {
    readonly country: string;
    readonly topDown: number;
    readonly bottomUp: number;
    readonly delta: number;
  }[];
  readonly explanation: readonly string[];
}

/** A parameter of a model, as used: its value, whether it is the default, and where the default comes from. */
export interface Assumption {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly default: boolean;
  readonly source: string;
}
