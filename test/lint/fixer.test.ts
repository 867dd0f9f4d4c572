import { describe, expect, it } from 'vitest';
import type { LangiumDocument } from 'langium';
import { createFixer } from '../../language/src/lint/fixer.js';
import { lineText, nodeAtRange, textDocument } from '../../language/src/lint/text.js';
import type { Model } from '../../language/src/generated/ast.js';
import type { Fixer, TextEditModel } from '../../language/src/lint/types.js';
import type { ArchModel } from '../../language/src/model/workspace.js';
import { applyFix } from './rule-tester.js';
import { workspace } from '../helpers.js';

/** The document, its model and a fixer over it. */
async function open(code: string): Promise<{ document: LangiumDocument; model: ArchModel; fixer: Fixer }> {
    const { documents, model } = await workspace({ 'fix.sysd': code });
    return { document: documents[0], model, fixer: createFixer(() => documents[0]) };
}

async function componentLoc(code: string, id: string) {
    const { model, fixer } = await open(code);
    return { loc: model.component(id)!.loc, fixer };
}

function apply(code: string, edit: TextEditModel | undefined): string {
    expect(edit).toBeDefined();
    return applyFix(code, { title: 't', edits: [edit!] });
}

describe('nodeAtRange', () => {
    it('finds the AST node whose CST range is the location', async () => {
        const { document, model } = await open('system S {\n    service A { calls B; replicas 2 }\n    service B\n}');
        expect(nodeAtRange(document, model.component('S.A')!.loc.range)?.$type).toBe('Component');
        const system = (document as LangiumDocument<Model>).parseResult.value.elements[0];
        expect(nodeAtRange(document, system.$cstNode!.range)).toBe(system);
        const call = model.outgoing('S.A', 'calls')[0];
        expect(nodeAtRange(document, call.loc.range)?.$type).toBe('CallRelation');
    });

    it('finds nothing where no node has exactly that range', async () => {
        const { document, model } = await open('service A { replicas 2 }');
        const { range } = model.component('A')!.loc;
        expect(nodeAtRange(document, { start: range.start, end: { line: 0, character: 9 } })).toBeUndefined();
        expect(nodeAtRange(document, { start: { line: 0, character: 1 }, end: range.end })).toBeUndefined();
        expect(nodeAtRange(document, { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } })).toBeUndefined();
    });
});

describe('fixer: adding members', () => {
    it('opens braces on a component without a body', async () => {
        const code = `service A\nservice B`;
        const { loc, fixer } = await componentLoc(code, 'A');
        expect(apply(code, fixer.addMember(loc, 'replicas 2'))).toBe(`service A { replicas 2 }\nservice B`);
    });

    it('opens braces after the last token, not after a trailing comment', async () => {
        const code = `service A : postgres // the main store\nservice B`;
        const { loc, fixer } = await componentLoc(code, 'A');
        expect(apply(code, fixer.addMember(loc, 'replicas 2'))).toBe(`service A : postgres { replicas 2 } // the main store\nservice B`);
    });

    it('fills empty braces', async () => {
        const code = `service A {}`;
        const { loc, fixer } = await componentLoc(code, 'A');
        expect(apply(code, fixer.addMember(loc, 'replicas 2'))).toBe(`service A { replicas 2 }`);
    });

    it('appends to a one-line block with a separator', async () => {
        const code = `service A { replicas 2; owns Db }\ndatabase Db`;
        const { loc, fixer } = await componentLoc(code, 'A');
        expect(apply(code, fixer.addMember(loc, 'health check "/healthz"'))).toBe(`service A { replicas 2; owns Db; health check "/healthz" }\ndatabase Db`);
        const separated = `service A { replicas 2; }`;
        const other = await componentLoc(separated, 'A');
        expect(apply(separated, other.fixer.addMember(other.loc, 'stateful'))).toBe(`service A { replicas 2; stateful }`);
    });

    it('adds a line to a multi-line block with the members\' indentation', async () => {
        const code = `system S {\n  service A {\n      replicas 2\n  }\n}`;
        const { loc, fixer } = await componentLoc(code, 'S.A');
        expect(apply(code, fixer.addMember(loc, 'stateful'))).toBe(`system S {\n  service A {\n      replicas 2\n      stateful\n  }\n}`);
    });

    it('keeps CRLF line breaks in a multi-line block', async () => {
        const code = `service A {\r\n    replicas 2\r\n}\r\nservice B`;
        const { loc, fixer } = await componentLoc(code, 'A');
        expect(apply(code, fixer.addMember(loc, 'stateful'))).toBe(`service A {\r\n    replicas 2\r\n    stateful\r\n}\r\nservice B`);
        const shared = `service A {\r\n    replicas 2 }`;
        const other = await componentLoc(shared, 'A');
        expect(apply(shared, other.fixer.addMember(other.loc, 'stateful'))).toBe(`service A {\r\n    replicas 2\r\n    stateful\r\n}`);
    });

    it('breaks a closing brace that shares a line with the last member', async () => {
        const code = `service A {\n    replicas 2 }`;
        const { loc, fixer } = await componentLoc(code, 'A');
        expect(apply(code, fixer.addMember(loc, 'stateful'))).toBe(`service A {\n    replicas 2\n    stateful\n}`);
    });

    it('finds the element\'s own braces: a brace in a comment or a string is not one', async () => {
        const code = `service A {\n    // } closes nothing {\n    health check "/{id}"\n}`;
        const { loc, fixer } = await componentLoc(code, 'A');
        expect(apply(code, fixer.addMember(loc, 'stateful'))).toBe(`service A {\n    // } closes nothing {\n    health check "/{id}"\n    stateful\n}`);
    });

    it('adds to a relation\'s options', async () => {
        const code = `service A {\n    calls B { timeout 2s }\n}\nservice B`;
        const { model, fixer } = await open(code);
        const call = model.outgoing('A', 'calls')[0];
        expect(apply(code, fixer.addMember(call.loc, 'circuit-breaker'))).toBe(`service A {\n    calls B { timeout 2s; circuit-breaker }\n}\nservice B`);
    });

    it('adds after the members when a half-typed line precedes the closing brace', async () => {
        const code = `service A {\n    replicas 2\n    health\n}`;
        const { document, fixer } = await open(code);
        // The document does not parse cleanly; the component still has its braces.
        expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
        const component = (document as LangiumDocument<Model>).parseResult.value.elements[0];
        const loc = { uri: document.uri.toString(), range: component.$cstNode!.range };
        expect(apply(code, fixer.addMember(loc, 'stateful'))).toBe(`service A {\n    replicas 2\n    health\n    stateful\n}`);
    });
});

describe('fixer: members and values', () => {
    it('sets a member\'s value, never text in comments or strings', async () => {
        const code = [
            'cache C {',
            '    // replicas 3 and eviction none are planned',
            '    health check "eviction none"',
            '    eviction none',
            '    replicas 1',
            '}'
        ].join('\n');
        const { loc, fixer } = await componentLoc(code, 'C');
        expect(apply(code, fixer.setValue(loc, 'EvictionProp', 'policy', 'lru'))).toBe(code.replace('    eviction none\n', '    eviction lru\n'));
        expect(apply(code, fixer.setValue(loc, 'ReplicasProp', 'count', '2'))).toBe(code.replace('replicas 1', 'replicas 2'));
        expect(fixer.valueText(loc, 'HealthCheckProp', 'path')).toBe('"eviction none"');
    });

    it('takes the last declaration, and only the element\'s own members', async () => {
        const code = 'broker Bus : kafka { replicas 1; topic t { replicas 5; partitions 4 }; replicas 2 }';
        const { loc, fixer } = await componentLoc(code, 'Bus');
        expect(apply(code, fixer.setValue(loc, 'ReplicasProp', 'count', '3'))).toBe('broker Bus : kafka { replicas 1; topic t { replicas 5; partitions 4 }; replicas 3 }');
        expect(fixer.member(loc, 'PartitionsProp')).toBeUndefined();
        expect(fixer.member(loc, 'ReplicasProp')?.range).toEqual({ start: { line: 0, character: 71 }, end: { line: 0, character: 81 } });
    });

    it('picks a member by its features', async () => {
        const code = 'database Db { replication leaderless { n 3; w 1; r 1 } }';
        const { loc, fixer } = await componentLoc(code, 'Db');
        const block = fixer.replication(loc, 'Leaderless')!;
        expect(apply(code, fixer.setValue(block, 'QuorumSetting', 'value', '3', q => q.param === 'r'))).toBe('database Db { replication leaderless { n 3; w 1; r 3 } }');
        expect(apply(code, fixer.setValue(block, 'QuorumSetting', 'value', '2', q => q.param === 'w'))).toBe('database Db { replication leaderless { n 3; w 2; r 1 } }');
        expect(fixer.member(block, 'QuorumSetting', q => q.param === 'x' as string)).toBeUndefined();
    });

    it('sets a value of the element itself', async () => {
        const code = 'service A {\n    publishes Bus.t via direct\n}\nbroker Bus { topic t }';
        const { model, fixer } = await open(code);
        const publish = model.outgoing('A', 'publishes')[0];
        expect(apply(code, fixer.setValue(publish.loc, undefined, 'via', 'outbox'))).toBe('service A {\n    publishes Bus.t via outbox\n}\nbroker Bus { topic t }');
        expect(fixer.setValue(publish.loc, undefined, 'relay', 'x')).toBeUndefined();
    });

    it('replaces the last value of a list', async () => {
        const code = 'region eu { zones a, b }\nservice A { replicas 3 across eu.a }';
        const { loc, fixer } = await componentLoc(code, 'A');
        expect(fixer.valueText(loc, 'ReplicasProp', 'across')).toBe('eu.a');
        expect(apply(code, fixer.setValue(loc, 'ReplicasProp', 'across', 'eu.a, eu.b'))).toBe('region eu { zones a, b }\nservice A { replicas 3 across eu.a, eu.b }');
    });

    it('replaces a member as a whole', async () => {
        const code = 'gateway G { rate limit none; auth none }';
        const { loc, fixer } = await componentLoc(code, 'G');
        expect(apply(code, fixer.replaceMember(loc, 'RateLimitProp', 'rate limit 100/s', l => l.none))).toBe('gateway G { rate limit 100/s; auth none }');
        expect(fixer.replaceMember(loc, 'TlsProp', 'tls')).toBeUndefined();
    });

    it('works inside nested blocks through replication()', async () => {
        const code = 'coordinator Zk { replication consensus raft { nodes 2 } }';
        const { loc, fixer } = await componentLoc(code, 'Zk');
        expect(fixer.member(loc, 'ConsensusSetting')).toBeUndefined();
        const block = fixer.replication(loc, 'Consensus');
        expect(block?.range).toEqual({ start: { line: 0, character: 29 }, end: { line: 0, character: 55 } });
        expect(fixer.replication(loc, 'SingleLeader')).toBeUndefined();
        expect(apply(code, fixer.setValue(block!, 'ConsensusSetting', 'nodes', '3'))).toBe('coordinator Zk { replication consensus raft { nodes 3 } }');
    });

    it('adds to the replication block, opening its braces, or writes the block', async () => {
        const braced = 'database Db { replication single-leader { followers 2 } }';
        const a = await componentLoc(braced, 'Db');
        expect(apply(braced, a.fixer.addToReplication(a.loc, 'SingleLeader', 'failover automatic'))).toBe('database Db { replication single-leader { followers 2; failover automatic } }');
        const bare = 'database Db { replication single-leader }';
        const b = await componentLoc(bare, 'Db');
        expect(apply(bare, b.fixer.addToReplication(b.loc, 'SingleLeader', 'failover automatic'))).toBe('database Db { replication single-leader { failover automatic } }');
        const none = 'database Db { replicas 1 }';
        const c = await componentLoc(none, 'Db');
        expect(apply(none, c.fixer.addToReplication(c.loc, 'SingleLeader', 'failover automatic'))).toBe('database Db { replicas 1; replication single-leader { failover automatic } }');
    });

    it('adds to a multi-line nested block with its members\' indentation', async () => {
        const code = 'database Db {\n    replication single-leader {\n        followers 2\n    }\n}';
        const { loc, fixer } = await componentLoc(code, 'Db');
        expect(apply(code, fixer.addMember(fixer.replication(loc)!, 'failover automatic')))
            .toBe('database Db {\n    replication single-leader {\n        followers 2\n        failover automatic\n    }\n}');
    });
});

describe('fixer: removing members', () => {
    it('removes a member with its line when it stands alone, else the member and its separator', async () => {
        const alone = 'function F {\n    trigger http\n    stateful\n}';
        const a = await componentLoc(alone, 'F');
        expect(apply(alone, a.fixer.removeMember(a.loc, 'FlagProp', f => f.flag === 'stateful'))).toBe('function F {\n    trigger http\n}');
        const inline = 'broker Bus { public; replicas 3 }';
        const b = await componentLoc(inline, 'Bus');
        expect(apply(inline, b.fixer.removeMember(b.loc, 'FlagProp', f => f.flag === 'public'))).toBe('broker Bus { replicas 3 }');
    });

    it('removes the whole line in a CRLF document', async () => {
        const code = 'function F {\r\n    stateful\r\n    trigger http\r\n}';
        const { loc, fixer } = await componentLoc(code, 'F');
        expect(apply(code, fixer.removeMember(loc, 'FlagProp'))).toBe('function F {\r\n    trigger http\r\n}');
    });

    it('leaves a flag of a nested component, a comment and a name alone', async () => {
        const code = 'broker Bus {\n    // public on purpose\n    topic public { public }\n}';
        const { loc, fixer } = await componentLoc(code, 'Bus');
        expect(fixer.removeMember(loc, 'FlagProp', f => f.flag === 'public')).toBeUndefined();
    });
});

describe('fixer: text around elements', () => {
    it('inserts a line above an element with its indentation', async () => {
        const code = `system S {\n    service A\n}`;
        const { loc, fixer } = await componentLoc(code, 'S.A');
        expect(apply(code, fixer.insertLineBefore(loc, '// note'))).toBe(`system S {\n    // note\n    service A\n}`);
    });

    it('reads references and indentation', async () => {
        const code = 'system S {\n    service A { calls B }\n    service B\n}';
        const { model, fixer } = await open(code);
        const call = model.outgoing('S.A', 'calls')[0];
        expect(fixer.referenceText({ uri: call.loc.uri, range: call.targetRange! })).toBe('B');
        expect(fixer.referenceText(call.loc)).toBeUndefined();
        expect(fixer.indentAt(model.component('S.A')!.loc)).toBe('    ');
        expect(createFixer(() => undefined).indentAt(call.loc)).toBe('');
        expect(createFixer(() => undefined).addMember(call.loc, 'x')).toBeUndefined();
    });

    it('reads a qualified reference as written', async () => {
        const code = 'broker Bus { topic t }\nservice A { consumes Bus.t }';
        const { model, fixer } = await open(code);
        const consume = model.outgoing('A', 'consumes')[0];
        expect(fixer.referenceText({ uri: consume.loc.uri, range: consume.targetRange! })).toBe('Bus.t');
    });
});

describe('text document', () => {
    it('converts between offsets and positions', () => {
        const document = textDocument('ab\r\ncd\nef');
        expect(document.positionAt(5)).toEqual({ line: 1, character: 1 });
        expect(document.offsetAt({ line: 2, character: 1 })).toBe(8);
        expect(lineText(document, 0)).toBe('ab');
        expect(lineText(document, 1)).toBe('cd');
        expect(lineText(document, 2)).toBe('ef');
        expect(lineText(document, 3)).toBe('');
        expect(document.lineCount).toBe(3);
    });

    it('ends lines where Langium does, also at a lone carriage return', () => {
        const document = textDocument('ab\rcd');
        expect(document.lineCount).toBe(2);
        expect(lineText(document, 0)).toBe('ab');
        expect(document.positionAt(4)).toEqual({ line: 1, character: 1 });
    });
});
