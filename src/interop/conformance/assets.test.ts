import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  ACCREDITATION_STATUS_TYPE,
  ACCREDITATION_TYPE,
  CASE_ACTION_TYPE,
  CROSS_BORDER_RECEIPT_TYPE,
  KEY_REVOCATION_TYPE,
  KEY_ROTATION_TYPE,
  PROVENANCE_SUMMARY_TYPE,
  TRUST_LIST_TYPE,
} from '../untp/contexts.js';
import { assetUrl, readJsonAsset } from './assets.js';

/**
 * The copies in assets/ are byte-for-byte those listed in assets/PROVENANCE.md (a formatter run over
 * them would break this), and the Lodestone context keeps the rules of the UNTP VC profile.
 */

// sha256 of each copied file, as recorded in assets/PROVENANCE.md.
const COPIES: Readonly<Record<string, string>> = {
  'contexts/credentials-v2.jsonld': '59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734',
  'contexts/untp/0.6.1/untp-dcc/context.jsonld':
    'f87c13eb58ed88c54449a65f889b523314bc72b331051601407a73a2cce76740',
  'contexts/untp/0.6.1/untp-dfr/context.jsonld':
    '326cd9109953616ddec84dfb0fd926064a85197a1c28da77fbca8224448cefb5',
  'contexts/untp/0.6.1/untp-dia/context.jsonld':
    '7913f5ee835c088a0cea6c006b214eb89351e21cc40afcb201c1e3a6aaf842dd',
  'contexts/untp/0.6.1/untp-dpp/context.jsonld':
    'e956ab00591cebabeb6080eb02cd2f22adbda88c4d7861e8e7f03ea64284370f',
  'contexts/untp/0.6.1/untp-dte/context.jsonld':
    'fcc00b2ce4f389876a62f97006e64c969fa7a182f45cf01a6c5d735893073c2a',
  'schemas/untp/0.6.1/untp-dcc-schema.json':
    '2ecb7a4aa86e3e85fd4fccbcb4afb408cbf7e1f6964bfafd0793bed570a0e2bc',
  'schemas/untp/0.6.1/untp-dfr-schema.json':
    '8bd078612c06617844137d9144de1b42dfdd6619e51c4f5697ddacdc2d9bdda3',
  'schemas/untp/0.6.1/untp-dia-schema.json':
    '01bf29a7ac7d374855a1b7a7ed5b6a5775ac4cb2ab75c23a4a1e20d559fd49af',
  'schemas/untp/0.6.1/untp-dpp-schema.json':
    '079b729617744cda34fa27d1763d64de138a31b39fb9e2c11b473c531859b9bf',
  'schemas/untp/0.6.1/untp-dte-schema.json':
    '2b17f1bb01deb31554a36a93724dadb3c458c43475caf6b6a43ee6b8a80419af',
  'schemas/w3c/verifiable-credential-schema.json':
    '2f708d80a661375dd3cfde58c9898171873e93166452e9d66c7832be3c06105f',
};

const VOCAB = 'https://lodestone.example/vocab#';

type Context = Record<string, unknown>;

const contextOf = (file: string): Context => (readJsonAsset(file) as { '@context': Context })['@context'];

/**
 * The terms a context can bring into force on a node Lodestone's terms also sit on: its top-level terms
 * and those of its type-scoped contexts (class terms). Property-scoped contexts are left out: JSON-LD 1.1
 * lets them override protected terms, so they cannot clash. So are the scoped terms of the classes in
 * `except`.
 */
function nodeTermsOf(context: Context, except: ReadonlySet<string> = new Set()): string[] {
  return Object.entries(context).flatMap(([key, value]) => {
    if (key.startsWith('@')) return [];
    const scoped = (value as { '@context'?: Context } | null)?.['@context'];
    const isClass = /^[A-Z]/.test(key) && !except.has(key);
    const terms = isClass && typeof scoped === 'object' && scoped !== null ? Object.keys(scoped) : [];
    return [key, ...terms.filter((t) => !t.startsWith('@'))];
  });
}

/**
 * Lodestone's extension credential types. Their credentials' `@context` is exactly [VC 2.0, Lodestone]
 * (the parser enforces it), so a term scoped to one of them never meets a UNTP term: `Accreditation`
 * scopes `conformityTopic` (which UNTP's classes also define) to accreditations this way.
 */
const EXTENSION_TYPES: ReadonlySet<string> = new Set([
  KEY_ROTATION_TYPE,
  KEY_REVOCATION_TYPE,
  TRUST_LIST_TYPE,
  ACCREDITATION_TYPE,
  ACCREDITATION_STATUS_TYPE,
  CASE_ACTION_TYPE,
  PROVENANCE_SUMMARY_TYPE,
  CROSS_BORDER_RECEIPT_TYPE,
]);

describe('assets', () => {
  it.each(Object.entries(COPIES))('%s is the unchanged upstream copy', (file, sha256) => {
    const bytes = readFileSync(fileURLToPath(assetUrl(file)));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
  });

  it('are found from the module, three folders below the package root as in dist/', () => {
    expect(fileURLToPath(assetUrl('x'))).toBe(fileURLToPath(new URL('../../../assets/x', import.meta.url)));
    expect(existsSync(fileURLToPath(assetUrl('PROVENANCE.md')))).toBe(true);
  });
});

describe('the Lodestone context', () => {
  const context = contextOf('contexts/lodestone-v1.jsonld');

  it('is JSON-LD 1.1, protected, without @vocab', () => {
    expect(context['@version']).toBe(1.1);
    expect(context['@protected']).toBe(true);
    expect(JSON.stringify(context)).not.toContain('@vocab');
  });

  it('maps every term to a full IRI in the Lodestone vocabulary', () => {
    for (const [term, definition] of Object.entries(context)) {
      if (term.startsWith('@')) continue;
      expect((definition as { '@id': string })['@id'], term).toMatch(
        new RegExp(`^${VOCAB.replace('.', '\\.')}[A-Za-z]+$`),
      );
    }
  });

  it('defines no term that VC 2.0 or any shipped UNTP 0.6.1 context defines (protected terms cannot be redefined)', () => {
    const others = [
      'contexts/credentials-v2.jsonld',
      ...['dcc', 'dfr', 'dia', 'dpp', 'dte'].map((t) => `contexts/untp/0.6.1/untp-${t}/context.jsonld`),
    ];
    const taken = new Set(others.flatMap((file) => nodeTermsOf(contextOf(file))));
    const ours = nodeTermsOf(context, EXTENSION_TYPES);
    expect(ours.filter((t) => taken.has(t))).toEqual([]);
  });

  it('scopes terms only to extension credential types, and lets them reach the subject (@propagate)', () => {
    const scopedTo = Object.entries(context).filter(
      ([term, definition]) => !term.startsWith('@') && Object.hasOwn(definition as object, '@context'),
    );
    for (const [term, definition] of scopedTo) {
      if (!/^[A-Z]/.test(term)) continue; // property-scoped (annualCapacity): applies to its value only
      expect(EXTENSION_TYPES.has(term), term).toBe(true);
      // A type-scoped context stops at the credential node unless it propagates to credentialSubject.
      expect((definition as { '@context': Context })['@context']['@propagate'], term).toBe(true);
    }
  });
});

describe('UNTP 0.6.1 schema defect (assets/PROVENANCE.md)', () => {
  it.each(['dfr', 'dia', 'dte'])(
    'untp-%s-schema.json fails ajv strict mode, so it compiles with strict: false',
    (type) => {
      const schema = readJsonAsset(`schemas/untp/0.6.1/untp-${type}-schema.json`) as object;
      // Non-standard annotation keywords, then `minContains` nested inside `contains` (it belongs beside it).
      const ajv = (strict: boolean): Ajv2020 => {
        const instance = new Ajv2020({ strict });
        addFormatsModule.default(instance);
        return instance;
      };
      expect(() => ajv(true).compile(schema)).toThrow(/strict mode: unknown keyword: "example"/);
      const annotated = ajv(true).addKeyword('example').addKeyword('x-external-enumeration');
      expect(() => annotated.compile(schema)).toThrow(/strict mode: .*"minContains"/);
      expect(() => ajv(false).compile(schema)).not.toThrow();
    },
  );
});
