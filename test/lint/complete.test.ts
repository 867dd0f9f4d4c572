import { describe, expect, it } from 'vitest';
import { completeModel } from '../../language/src/lint/complete.js';
import type { ComponentModel, RelationModel } from '../../language/src/model/types.js';
import { ArchModel } from '../../language/src/model/workspace.js';
import { workspace } from '../helpers.js';

/** What a recovering parser can leave where a name or a reference was about to be typed. */
const hole = undefined as unknown as string;

describe('the model the rules see', () => {
    it('is the model itself when nothing in it is half-written', async () => {
        const { model } = await workspace({ 'whole.sysd': 'broker Bus : kafka { topic t }\nservice A { publishes Bus.t; calls B }\nservice B\nsaga S { step A.a compensate A.b; step B.c }' });
        expect(completeModel(model)).toBe(model);
    });

    it('leaves out what cannot be named and closes gaps, without touching the model it was given', async () => {
        const { model } = await workspace({
            'typing.sysd': 'service A { calls B; owns Db }\nservice B\ndatabase Db\nsaga S { step A.a; step B.b }\nflow F { path A -> B }',
            'other.sysd': 'service C'
        });
        const b = model.components.get('B')!;
        (b as { name: string }).name = hole;
        const call = model.relations[0];
        const dangling: RelationModel = { ...call, id: 'A calls ? #1', target: hole };
        model.relations.push(dangling);
        const a = model.components.get('A')!;
        (a.props as { owns: string[] }).owns = ['Db', hole];
        model.sagas[0].steps[1] = { ...model.sagas[0].steps[1], action: hole };
        model.flows[0].path.splice(1, 0, hole);

        const complete = completeModel(model);
        expect(complete).not.toBe(model);
        expect([...complete.components.keys()]).toEqual(['A', 'Db', 'C']);
        expect(complete.relations.map(r => r.id)).toEqual([call.id]);
        expect(complete.component('A')!.props.owns).toEqual(['Db']);
        expect(complete.sagas[0].steps.map(s => s.action)).toEqual(['a']);
        expect(complete.flows[0].path).toEqual(['A', 'B']);
        expect(complete.uris).toEqual(model.uris);
        expect(complete.outgoing('A', 'calls').map(r => r.target)).toEqual(['B']);
        // The caller's model is unchanged: other features still show what the user typed.
        expect(model.components.get('B')).toBe(b);
        expect(model.relations).toContain(dangling);
        expect(a.props.owns).toEqual(['Db', hole]);
    });

    it('keeps an empty model empty', () => {
        const model = new ArchModel([]);
        expect(completeModel(model)).toBe(model);
        const broken = new ArchModel([{
            uri: 'file:///x.sysd', components: [{ id: hole, name: hole, kind: 'service' } as unknown as ComponentModel], relations: [], systems: [], regions: [],
            sagas: [], cqrs: [], views: [], diagramViews: [], eventSourcing: [], transactions: [], slos: [], flows: [], problems: []
        }]);
        expect([...completeModel(broken).components.values()]).toEqual([]);
        expect(completeModel(broken).uris).toEqual(['file:///x.sysd']);
    });
});
