import { describe, expect, it } from 'vitest';
import { listMaterials } from '../model/index.js';
import { CustodyError } from './errors.js';
import { trackedElements } from './tracked.js';

describe('trackedElements', () => {
  it.each([
    ['co.hydroxide', ['Co']],
    ['ni.mhp', ['Ni', 'Co']],
    ['pcam.nmc811', ['Ni', 'Co', 'Mn']],
    ['cam.nmc811', ['Li', 'Ni', 'Co', 'Mn']],
    ['battery.cell.nmc', ['Li', 'Ni', 'Co', 'Mn', 'C', 'Cu']],
    ['co.ore.copper-cobalt', ['Co', 'Cu']],
    ['gr.spherical', ['C']],
    ['ga.metal', ['Ga']],
    ['ge.dioxide', ['Ge']],
    ['ree.oxide.ndpr', ['Pr', 'Nd']],
    ['ree.ore.ionic-clay', ['Y', 'La', 'Ce', 'Pr', 'Nd', 'Tb', 'Dy']],
    // Iron phosphate is in the lithium chain but holds no lithium: nothing to trace.
    ['pcam.iron-phosphate', []],
  ])('%s tracks %j', (code, elements) => {
    expect(trackedElements(code)).toEqual(elements);
  });

  it('tracks, for every material, only elements the material has a range for', () => {
    for (const material of listMaterials()) {
      for (const element of trackedElements(material.code)) expect(material.elements[element]).toBeDefined();
    }
  });

  it('refuses an unknown material code (CUSTODY_UNKNOWN_MATERIAL)', () => {
    expect(() => trackedElements('xx.nothing')).toThrow(CustodyError);
  });
});
