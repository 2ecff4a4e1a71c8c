/** JSON shapes of the wire format (docs/statements.md), as the builders emit them. */

/** Any JSON value. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A JSON object. */
export type JsonMap = { readonly [key: string]: JsonValue };

/** Who issues a credential: a DID and a display name (UNTP `CredentialIssuer` {id, name}). */
export interface CredentialIssuerInput {
  /** The issuer's DID; the JWS `kid` must be a DID URL under it. */
  readonly id: string;
  readonly name: string;
}

/** A W3C VC 2.0 credential as the builders emit it: the JWS payload, ready for `JSON.stringify`. */
export interface CredentialJson {
  readonly '@context': readonly string[];
  readonly type: readonly string[];
  readonly id: string;
  readonly issuer: JsonMap;
  readonly validFrom?: string;
  readonly validUntil?: string;
  /** `BitstringStatusListEntry` objects (certificates only). */
  readonly credentialStatus?: JsonValue;
  readonly credentialSubject: JsonValue;
}

/** Options common to every builder. */
export interface CredentialOptions {
  /** The credential `id`; default `urn:uuid:<random UUID>`. Pass one for deterministic output. */
  readonly id?: string;
}
