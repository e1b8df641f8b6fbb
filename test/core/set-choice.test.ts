import { expect } from '@open-wc/testing';
import { loadSet, setRefFor } from '../../src/core/set-choice.js';
import { builtInSets } from '../../src/core/sets/index.js';
import { questionSetSchema, setRef } from '../../src/core/schema.js';

describe('set-choice', () => {
  const cases: [string, Parameters<typeof setRefFor>[0], string][] = [
    ['no directory entry', undefined, 'default@1'],
    ['a station', { kind: 'station' }, 'default@1'],
    ['an entry without a kind', {}, 'default@1'],
    ['an office', { kind: 'office' }, 'default@1'],
    ['Dial 112', { kind: 'dial-112' }, 'dial-112@1'],
    ['the control room', { kind: 'control-room' }, 'control-room@1'],
    ['traffic', { kind: 'traffic' }, 'traffic@1'],
    ['an entry naming its own set', { kind: 'dial-112', questionSet: 'default@1' }, 'default@1'],
    ['an entry naming a custom set', { questionSet: 'survey@2' }, 'survey@2'],
  ];
  for (const [what, entry, ref] of cases) {
    it(`${what} asks ${ref}`, () => expect(setRefFor(entry)).to.equal(ref));
  }

  it('every built-in set is a valid set, and each loads as the very set the collector knows', async () => {
    for (const set of builtInSets) {
      expect(questionSetSchema.safeParse(set).success, setRef(set)).to.equal(true);
      if (setRef(set) !== 'default@1') expect(await loadSet(setRef(set))).to.deep.equal(set);
    }
  });

  it('a set that is not built in loads as a message saying so', async () => {
    expect(await loadSet('survey@2')).to.equal('question set survey@2: not built in');
  });
});
