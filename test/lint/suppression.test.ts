import { describe, expect, it } from 'vitest';
import { DocumentSuppressions, ignoreEdit, SUPPRESSION_REASON_PLACEHOLDER } from '../../language/src/lint/suppression.js';
import { statementAt } from '../../language/src/lint/text.js';
import type { Range } from '../../language/src/model/types.js';
import { applyFix } from './rule-tester.js';
import { workspace } from '../helpers.js';

async function suppressionsOf(code: string) {
    const { documents, model } = await workspace({ 'ignore.sysd': code });
    return { document: documents[0], model, suppressions: new DocumentSuppressions(documents[0]) };
}

/** The rules silenced at a location, sorted. */
function silenced(suppressions: DocumentSuppressions, range: Range): string[] {
    return suppressions.at(range).flatMap(s => s.rules).sort();
}

describe('suppression comments through the CST', () => {
    it('reads directives from comments only, with their rules and reasons', async () => {
        const { suppressions } = await suppressionsOf([
            '// sysd-ignore-file shared-database -- legacy',
            'service A {',
            '    health check "// sysd-ignore in-a-string"',
            '    /* sysd-ignore in-a-block-comment */',
            '    // sysd-ignore rule-a, rule-b  rule-c -- because we said so',
            '    calls B',
            '}',
            'service B // sysd-ignore trailing --'
        ].join('\n'));
        expect(suppressions.all.map(s => [s.line, s.fileWide, s.rules, s.reason])).toEqual([
            [0, true, ['shared-database'], 'legacy'],
            [4, false, ['rule-a', 'rule-b', 'rule-c'], 'because we said so'],
            [7, false, ['trailing'], undefined]
        ]);
        expect(suppressions.all[1].range).toEqual({ start: { line: 4, character: 4 }, end: { line: 4, character: 63 } });
    });

    it('applies the run of comments directly above the statement, through a doc comment', async () => {
        const { model, suppressions } = await suppressionsOf([
            'service A {',
            '    // sysd-ignore rule-a -- one',
            '    /**',
            '     * The lookup.',
            '     */',
            '    // sysd-ignore rule-b -- two',
            '    calls B',
            '}',
            'service B'
        ].join('\n'));
        const call = model.outgoing('A', 'calls')[0];
        expect(silenced(suppressions, call.loc.range)).toEqual(['rule-a', 'rule-b']);
        expect(silenced(suppressions, { start: call.targetRange!.start, end: call.targetRange!.end })).toEqual(['rule-a', 'rule-b']);
        expect(silenced(suppressions, model.component('A')!.loc.range)).toEqual([]);
        expect(silenced(suppressions, model.component('B')!.loc.range)).toEqual([]);
    });

    it('stops at a blank line and at a comment that trails code', async () => {
        const { model, suppressions } = await suppressionsOf([
            '// sysd-ignore rule-a -- too far',
            '',
            'service A',
            'service B // sysd-ignore rule-b -- about B',
            'service C'
        ].join('\n'));
        expect(silenced(suppressions, model.component('A')!.loc.range)).toEqual([]);
        expect(silenced(suppressions, model.component('B')!.loc.range)).toEqual(['rule-b']);
        expect(silenced(suppressions, model.component('C')!.loc.range)).toEqual([]);
    });

    it('applies a directive above a one-line component to the members on its line', async () => {
        const { model, suppressions } = await suppressionsOf('// sysd-ignore rule-a -- all of A\nservice A { calls B }\nservice B');
        const call = model.outgoing('A', 'calls')[0];
        expect(silenced(suppressions, call.loc.range)).toEqual(['rule-a']);
    });

    it('applies file-wide directives everywhere, and looks nothing up in a file without directives', async () => {
        const wide = await suppressionsOf('service A\n// sysd-ignore-file rule-a -- prototype\nservice B');
        expect(silenced(wide.suppressions, wide.model.component('A')!.loc.range)).toEqual(['rule-a']);
        const none = await suppressionsOf('service A // a comment\nservice B');
        expect(none.suppressions.all).toEqual([]);
        expect(none.suppressions.at(none.model.component('B')!.loc.range)).toEqual([]);
    });

    it('finds the statement of a position: the outermost node starting on the line', async () => {
        const { document } = await suppressionsOf('system S {\n    service A { calls B }\n    service B {\n        calls A\n    }\n}');
        const at = (line: number, character: number) => statementAt(document, document.textDocument.offsetAt({ line, character }))?.$type;
        expect(at(1, 18)).toBe('Component');
        expect(at(3, 10)).toBe('CallRelation');
        expect(at(0, 7)).toBe('System');
        expect(at(5, 0)).toBe('System');
    });
});

describe('ignoreEdit', () => {
    const rule = 'sync-call-without-timeout';
    const line = `// sysd-ignore ${rule} -- ${SUPPRESSION_REASON_PLACEHOLDER}`;

    it('inserts the directive above the statement, indented like it', async () => {
        const code = 'system S {\n    service A {\n        calls B\n    }\n    service B\n}';
        const { document, model } = await suppressionsOf(code);
        const call = model.outgoing('S.A', 'calls')[0];
        const edit = ignoreEdit(document, { start: call.targetRange!.start, end: call.targetRange!.end }, rule);
        expect(applyFix(code, { title: 't', edits: [edit] })).toBe(`system S {\n    service A {\n        ${line}\n        calls B\n    }\n    service B\n}`);
    });

    it('goes after the comments already above the statement, and above the line the statement starts on', async () => {
        const code = 'service A {\n    // sysd-ignore other-rule -- reason\n    calls B {\n        timeout 1s\n    }\n}\nservice B';
        const { document, model } = await suppressionsOf(code);
        const call = model.outgoing('A', 'calls')[0];
        const inside = { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } };
        const expected = `service A {\n    // sysd-ignore other-rule -- reason\n    ${line}\n    calls B {\n        timeout 1s\n    }\n}\nservice B`;
        expect(applyFix(code, { title: 't', edits: [ignoreEdit(document, call.loc.range, rule)] })).toBe(expected);
        // A problem inside the relation's block on its own line belongs to that option's statement.
        expect(ignoreEdit(document, inside, rule).range.start).toEqual({ line: 3, character: 0 });
    });

    it('takes the whole one-line element, keeping CRLF line breaks', async () => {
        const code = 'service A { calls B }\r\nservice B';
        const { document, model } = await suppressionsOf(code);
        const call = model.outgoing('A', 'calls')[0];
        expect(applyFix(code, { title: 't', edits: [ignoreEdit(document, call.loc.range, rule)] })).toBe(`${line}\r\nservice A { calls B }\r\nservice B`);
    });

    it('a suppression inserted by the edit silences the finding', async () => {
        const code = 'service A {\n    calls B\n}\nservice B';
        const { document, model } = await suppressionsOf(code);
        const call = model.outgoing('A', 'calls')[0];
        const fixed = applyFix(code, { title: 't', edits: [ignoreEdit(document, call.targetRange!, rule)] });
        const after = await suppressionsOf(fixed);
        const again = after.model.outgoing('A', 'calls')[0];
        expect(silenced(after.suppressions, again.targetRange!)).toEqual([rule]);
    });
});
