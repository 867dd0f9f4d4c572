import { describe, expect, it } from 'vitest';
import { createFixer } from '../../language/src/lint/fixer.js';
import { lineText, textDocument } from '../../language/src/lint/text.js';
import type { TextEditModel } from '../../language/src/lint/types.js';
import { applyFix } from './rule-tester.js';
import { workspace } from '../helpers.js';

async function componentLoc(code: string, id: string) {
    const { model } = await workspace({ 'fix.sysd': code });
    return model.component(id)!.loc;
}

function apply(code: string, edit: TextEditModel | undefined): string {
    expect(edit).toBeDefined();
    return applyFix(code, { title: 't', edits: [edit!] });
}

describe('fixer', () => {
    const fixer = (code: string) => createFixer(() => code);

    it('opens braces on a component without a body', async () => {
        const code = `service A\nservice B`;
        expect(apply(code, fixer(code).addProperty(await componentLoc(code, 'A'), 'replicas 2'))).toBe(`service A { replicas 2 }\nservice B`);
    });

    it('fills empty braces', async () => {
        const code = `service A {}`;
        expect(apply(code, fixer(code).addProperty(await componentLoc(code, 'A'), 'replicas 2'))).toBe(`service A { replicas 2 }`);
    });

    it('appends to a one-line block with a separator', async () => {
        const code = `service A { replicas 2; owns Db }\ndatabase Db`;
        expect(apply(code, fixer(code).addProperty(await componentLoc(code, 'A'), 'health check "/healthz"')))
            .toBe(`service A { replicas 2; owns Db; health check "/healthz" }\ndatabase Db`);
    });

    it('adds a line to a multi-line block with the members\' indentation', async () => {
        const code = `system S {\n  service A {\n      replicas 2\n  }\n}`;
        expect(apply(code, fixer(code).addProperty(await componentLoc(code, 'S.A'), 'stateful')))
            .toBe(`system S {\n  service A {\n      replicas 2\n      stateful\n  }\n}`);
    });

    it('breaks a closing brace that shares a line with the last member', async () => {
        const code = `service A {\n    replicas 2 }`;
        expect(apply(code, fixer(code).addProperty(await componentLoc(code, 'A'), 'stateful')))
            .toBe(`service A {\n    replicas 2\n    stateful\n}`);
    });

    it('replaces text inside an element only', async () => {
        const code = `service A { replicas 1 }\nservice B { replicas 1 }`;
        const loc = await componentLoc(code, 'B');
        expect(apply(code, fixer(code).replaceIn(loc, /replicas \d+/, 'replicas 2'))).toBe(`service A { replicas 1 }\nservice B { replicas 2 }`);
        expect(fixer(code).replaceIn(loc, /nothing/, 'x')).toBeUndefined();
    });

    it('inserts a line above an element with its indentation', async () => {
        const code = `system S {\n    service A\n}`;
        expect(apply(code, fixer(code).insertLineBefore(await componentLoc(code, 'S.A'), '// note')))
            .toBe(`system S {\n    // note\n    service A\n}`);
    });
});

describe('fixer: member search', () => {
    const fixer = (code: string) => createFixer(() => code);

    it('keeps brace depths right after characters outside the Basic Multilingual Plane', () => {
        // Half-typed text can hold anything; an emoji is two UTF-16 units but one code point.
        const code = 'service A { 🚀🚀🚀🚀🚀🚀 r t { x } }';
        const loc = { uri: 'file:///fix.sysd', range: { start: { line: 0, character: 0 }, end: { line: 0, character: code.length } } };
        expect(fixer(code).declares(loc, /\br\b/)).toBe(true);
        expect(fixer(code).declares(loc, /\bx\b/)).toBe(false);
    });

    it('finds members outside comments, strings and nested blocks', async () => {
        const code = [
            'broker Bus : kafka {',
            '    // replicas 3 is planned',
            '    topic t { partitions 4 }',
            '    replicas 2',
            '}'
        ].join('\n');
        const loc = await componentLoc(code, 'Bus');
        expect(fixer(code).declares(loc, /\breplicas\s+\d+/)).toBe(true);
        expect(fixer(code).declares(loc, /\bplanned\b/)).toBe(false);
        expect(fixer(code).declares(loc, /\bpartitions\s+\d+/)).toBe(false);
        expect(fixer(code).declares(loc, /\bpartitions\s+\d+/, { nested: true })).toBe(true);
    });

    it('replaces the last declaration of a member, with groups read from the document', async () => {
        const code = 'service A { replicas 1 across a; replicas 2 across b }';
        const loc = await componentLoc(code, 'A');
        expect(apply(code, fixer(code).replaceMember(loc, /(?<=replicas\s+)(\d+)(\s+across\s+)(\w+)/, '3$2$3, c')))
            .toBe('service A { replicas 1 across a; replicas 3 across b, c }');
        expect(fixer(code).replaceMember(loc, /\bstateful\b/, 'x')).toBeUndefined();
    });

    it('replaces inside nested blocks only when asked', async () => {
        const code = 'coordinator Zk { replication consensus { nodes 2 } }';
        const loc = await componentLoc(code, 'Zk');
        expect(fixer(code).replaceMember(loc, /\bnodes\s+\d+/, 'nodes 3')).toBeUndefined();
        expect(apply(code, fixer(code).replaceMember(loc, /\bnodes\s+\d+/, 'nodes 3', { nested: true })))
            .toBe('coordinator Zk { replication consensus { nodes 3 } }');
    });

    it('removes a flag with its line when it stands alone, else the word and its separator', async () => {
        const alone = 'function F {\n    trigger http\n    stateful\n}';
        expect(apply(alone, fixer(alone).removeFlag(await componentLoc(alone, 'F'), 'stateful'))).toBe('function F {\n    trigger http\n}');
        const inline = 'broker Bus { public; replicas 3 }';
        expect(apply(inline, fixer(inline).removeFlag(await componentLoc(inline, 'Bus'), 'public'))).toBe('broker Bus { replicas 3 }');
    });

    it('leaves a flag of a nested component alone', async () => {
        const code = 'broker Bus { topic t { public } }';
        expect(fixer(code).removeFlag(await componentLoc(code, 'Bus'), 'public')).toBeUndefined();
    });

    it('locates a nested block from its keyword to its closing brace', async () => {
        const code = 'database Db {\n    // replication single-leader is the plan\n    replication single-leader { followers 2 }\n}';
        const block = fixer(code).blockOf(await componentLoc(code, 'Db'), 'replication single-leader');
        expect(block?.range).toEqual({ start: { line: 2, character: 16 }, end: { line: 2, character: 45 } });
        expect(fixer(code).blockOf(await componentLoc(code, 'Db'), 'replication leaderless')).toBeUndefined();
    });

    it('adds to a block, opens braces after a bare head, or writes the block', async () => {
        const braced = 'database Db { replication single-leader { followers 2 } }';
        expect(apply(braced, fixer(braced).addToBlock(await componentLoc(braced, 'Db'), 'replication single-leader', 'failover automatic')))
            .toBe('database Db { replication single-leader { followers 2; failover automatic } }');
        const bare = 'database Db { replication single-leader }';
        expect(apply(bare, fixer(bare).addToBlock(await componentLoc(bare, 'Db'), 'replication single-leader', 'failover automatic')))
            .toBe('database Db { replication single-leader { failover automatic } }');
        const none = 'database Db { replicas 1 }';
        expect(apply(none, fixer(none).addToBlock(await componentLoc(none, 'Db'), 'replication single-leader', 'failover automatic')))
            .toBe('database Db { replicas 1; replication single-leader { failover automatic } }');
    });

    it('reads written text, references and indentation', async () => {
        const code = 'system S {\n    service A { calls B }\n    service B\n}';
        const { model } = await workspace({ 'fix.sysd': code });
        const call = model.outgoing('S.A', 'calls')[0];
        const f = fixer(code);
        expect(f.textAt(call.loc)).toBe('calls B');
        expect(f.referenceAt({ uri: call.loc.uri, range: call.targetRange! })).toBe('B');
        expect(f.referenceAt(call.loc)).toBeUndefined();
        expect(f.indentAt(model.component('S.A')!.loc)).toBe('    ');
        expect(createFixer(() => undefined).indentAt(call.loc)).toBe('');
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
