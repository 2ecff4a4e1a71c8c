import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EpcisError } from './errors.js';
import { expandEpcis } from './jsonld.js';
import { epcisAssetUrl } from './schema.js';

const SHARED = new URL('../../../../shared/standards/epcis/', import.meta.url);
const read = (url: URL): Buffer => readFileSync(fileURLToPath(url));

async function rejection(run: () => Promise<unknown>): Promise<EpcisError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof EpcisError) return err;
    throw err;
  }
  throw new Error('expected an EpcisError');
}

describe('expandEpcis', () => {
  it('ships the GS1 contexts byte for byte (as .json)', () => {
    const contexts = readdirSync(fileURLToPath(new URL('JSON-LD-Context/', SHARED)));
    expect(contexts).toHaveLength(9);
    for (const name of contexts) {
      const shipped = read(epcisAssetUrl(`context/${name.replace(/\.jsonld$/, '.json')}`));
      expect(shipped.equals(read(new URL(`JSON-LD-Context/${name}`, SHARED))), name).toBe(true);
    }
  });

  it('expands every GS1 example offline, in safe mode: the shipped contexts are all they need', async () => {
    const dir = new URL('JSON/', SHARED);
    const names = readdirSync(fileURLToPath(dir), { recursive: true, encoding: 'utf8' }).filter((n) =>
      n.endsWith('.jsonld'),
    );
    expect(names).toHaveLength(24);
    for (const name of names) {
      const expanded = await expandEpcis(JSON.parse(read(new URL(name, dir)).toString('utf8')));
      expect(expanded, name).toHaveLength(1);
    }
  });

  it('expands a GS1 example to CBV and extension IRIs', async () => {
    const doc = JSON.parse(read(new URL('JSON/Example_9.6.2-ObjectEvent.jsonld', SHARED)).toString('utf8'));
    const expanded = JSON.stringify(await expandEpcis(doc));
    expect(expanded).toContain('"https://ref.gs1.org/cbv/BizStep-receiving"');
    expect(expanded).toContain('"http://ns.example.com/epcis/myField"');
  });

  it('never fetches a context it does not ship', async () => {
    const doc = { '@context': 'https://attacker.example/context.jsonld', type: 'EPCISDocument' };
    const err = await rejection(() => expandEpcis(doc));
    expect(err.code).toBe('EPCIS_JSONLD_FAILED');
    expect(err.message).toContain('https://attacker.example/context.jsonld');
  });

  it('fails, in safe mode, on a field that expands to nothing', async () => {
    const doc = {
      '@context': 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
      type: 'EPCISDocument',
      undeclaredField: 1,
    };
    expect((await rejection(() => expandEpcis(doc))).code).toBe('EPCIS_JSONLD_FAILED');
  });
});
