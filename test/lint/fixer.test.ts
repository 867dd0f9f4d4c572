import { describe, expect, it } from 'vitest';
import { createFixer } from '../../language/src/lint/fixer.js';
import { LineIndex } from '../../language/src/lint/text.js';
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

describe('line index', () => {
    it('converts between offsets and positions', () => {
        const lines = new LineIndex('ab\r\ncd\nef');
        expect(lines.position(5)).toEqual({ line: 1, character: 1 });
        expect(lines.offset({ line: 2, character: 1 })).toBe(8);
        expect(lines.line(0)).toBe('ab');
        expect(lines.lineCount).toBe(3);
    });
});
