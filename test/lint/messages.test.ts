/**
 * Every message of every rule reads right whatever the numbers in it: each template is rendered with
 * every number set to 1 and then to 2 (and every other placeholder set to sample text), and a number
 * must be followed by a plural form (`{{count}} {{count:instance|instances}}`, see `words.ts`) rather
 * than by a word that is right for only some numbers. The CLI's summary line is checked the same way.
 */
import { describe, expect, it } from 'vitest';
import { formatStylish } from '../../cli/src/format/stylish.js';
import { colors } from '../../cli/src/format/colors.js';
import type { CliDiagnostic, FileReport } from '../../cli/src/workspace.js';
import { formatMessage } from '../../language/src/lint/engine.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { fillTemplate, plural } from '../../language/src/words.js';

/**
 * The placeholders rules fill with a number. A new placeholder must be added here or to TEXT: a
 * number needs plural forms in its template, text does not.
 */
const NUMERIC = new Set([
    'count', 'depth', 'followers', 'idle', 'instances', 'later', 'majority', 'max', 'n', 'nodes', 'partitions', 'r',
    'internal', 'promised', 'smaller', 'sum', 'timeout', 'tolerated', 'value', 'w'
]);

/** The placeholders rules fill with text (names, lists, phrases a rule builds itself). */
const TEXT = new Set([
    'percentile', 'proxy', 'sla', 'slo', 'suggested',
    'action', 'algorithm', 'backoff', 'broker', 'cache', 'caches', 'capped', 'cdn', 'chain', 'channel', 'client', 'command', 'consumer', 'consumers',
    'coordinator', 'cqrs', 'derived', 'election', 'entry', 'flow', 'from', 'group', 'how', 'invalidation', 'key', 'kind', 'kinds', 'lb',
    'leaders', 'level', 'mode', 'more', 'name', 'needs', 'next', 'origin', 'owners', 'param', 'params', 'participants', 'parts', 'path', 'policy',
    'producer', 'protocol', 'query', 'reader', 'reason', 'region', 'replication', 'retry', 'router', 'rule', 'rules', 'saga', 'service',
    'services', 'source', 'sources', 'store', 'stores', 'strategy', 'target', 'targets', 'technology', 'to', 'topic',
    'transaction', 'view', 'what', 'why', 'zone'
]);

/** Words after a number that do not agree with it ("1 and 2", "w + r = 2 is", "1 of its 3 replicas"). */
const NOT_COUNTED = /^(?:and|or|but|than|is|of its)\b/;

/** Nouns whose form depends on the number before them, beyond those the templates' plural forms name. */
const NOUNS: [string, string][] = [
    ['instance', 'instances'], ['node', 'nodes'], ['partition', 'partitions'], ['service', 'services'], ['follower', 'followers'],
    ['leader', 'leaders'], ['replica', 'replicas'], ['failure', 'failures'], ['step', 'steps'], ['call', 'calls'], ['answer', 'answers'],
    ['time', 'times'], ['event', 'events'], ['member', 'members'], ['component', 'components'], ['problem', 'problems'], ['file', 'files']
];

/** Verbs whose form depends on the number of their subject. */
const VERBS: [string, string][] = [['sits', 'sit'], ['follows', 'follow'], ['is', 'are'], ['has', 'have'], ['was', 'were']];

interface Template { rule: string; id: string; text: string }

const TEMPLATES: Template[] = ALL_RULES.flatMap(rule =>
    Object.entries(rule.meta.messages).map(([id, text]) => ({ rule: rule.meta.id, id, text })));

const PLACEHOLDERS = /\{\{\s*(\w+)\s*(?::([^{}]*))?\}\}/g;

function placeholders(text: string) {
    return [...text.matchAll(PLACEHOLDERS)].map(m => ({ name: m[1], forms: m[2], index: m.index, end: m.index + m[0].length }));
}

/** Every noun pair the templates' plural forms name (`instance|instances`), plus the fixed list. */
function nouns(): [string, string][] {
    const pairs = new Map(NOUNS.map(([one, other]) => [one, other]));
    for (const { text } of TEMPLATES) {
        for (const p of placeholders(text)) {
            const [one, other] = (p.forms ?? '').split('|');
            if (one && other && /^[a-z]+$/.test(one) && other === `${one}s`) pairs.set(one, other);
        }
    }
    return [...pairs];
}

function render(text: string, number: number): string {
    const data: Record<string, string | number> = {};
    for (const { name } of placeholders(text)) data[name] = NUMERIC.has(name) ? number : 'sample text';
    return formatMessage(text, data);
}

/** What reads wrong in a message rendered with every number set to `number` (1 or 2). */
function wording(message: string, number: 1 | 2): string[] {
    const wrong: string[] = [];
    if (message.includes('{{') || message.includes('}}')) wrong.push('an unfilled placeholder');
    if (message.includes('(s)')) wrong.push("'(s)' instead of a plural form");
    const n = String(number);
    // A number right after '=' is a value in a formula ("n = 2"), not a count of something.
    const count = `(?<![=+] )\\b${n} (?:[a-z-]+ )?`;
    for (const [one, other] of nouns()) {
        const wrongNoun = number === 1 ? other : one;
        if (new RegExp(`${count}${wrongNoun}\\b`).test(message)) wrong.push(`'${n} ... ${wrongNoun}'`);
    }
    for (const [singular, pluralVerb] of VERBS) {
        const wrongVerb = number === 1 ? pluralVerb : singular;
        if (new RegExp(`(?<![=+] )\\b${n} (?:of them |[a-z-]+ (?:still )?)?${wrongVerb}\\b`).test(message)) wrong.push(`'${n} ... ${wrongVerb}'`);
    }
    return wrong;
}

describe('plural forms', () => {
    it('choose the form that agrees with the number, and # stands for it', () => {
        expect(formatMessage('{{n}} {{n:node|nodes}}', { n: 1 })).toBe('1 node');
        expect(formatMessage('{{n}} {{n:node|nodes}}', { n: 2 })).toBe('2 nodes');
        expect(formatMessage('{{n}} {{n:node|nodes}}', { n: 0 })).toBe('0 nodes');
        expect(formatMessage('{{ n:its follower|all # followers}}', { n: 3 })).toBe('all 3 followers');
        expect(formatMessage('{{n:its follower|all # followers}}', { n: 1 })).toBe('its follower');
        expect(formatMessage('{{n}} of them {{n:sits|sit}} idle', { n: 1 })).toBe('1 of them sits idle');
        expect(fillTemplate('{{missing:one|other}} stays', {})).toBe('{{missing:one|other}} stays');
        expect(plural(1, '# file|# files')).toBe('1 file');
        expect(plural(2, '# file|# files')).toBe('2 files');
    });

    it('catch the mistakes they exist for', () => {
        expect(wording('so 1 of them sit idle', 1)).toEqual(["'1 ... sit'"]);
        expect(wording('it survives 1 failure(s)', 1)).toContain("'(s)' instead of a plural form");
        expect(wording('runs 1 instances', 1)).toEqual(["'1 ... instances'"]);
        expect(wording('calls 2 backend service directly', 2)).toEqual(["'2 ... service'"]);
        expect(wording("all {{followers}} of 'A'", 2)).toEqual(['an unfilled placeholder']);
        expect(wording('yet 2 steps still follows', 2)).toEqual(["'2 ... follows'"]);
        expect(wording('w + r = 2 is not more than n = 2', 2)).toEqual([]);
    });
});

describe('rule messages', () => {
    it.each(TEMPLATES.map(t => [`${t.rule} › ${t.id}`, t] as const))('%s: every placeholder is known as a number or as text', (_, { text }) => {
        for (const { name, forms } of placeholders(text)) {
            expect(NUMERIC.has(name) || TEXT.has(name), `'{{${name}}}' is new: add it to NUMERIC (and give it plural forms) or to TEXT`).toBe(true);
            if (forms !== undefined) {
                expect(NUMERIC.has(name), `'{{${name}:${forms}}}' is a plural form of a placeholder that is not a number`).toBe(true);
                expect(forms.split('|'), `'{{${name}:${forms}}}' needs exactly two forms, 'one|other'`).toHaveLength(2);
            }
        }
    });

    it.each(TEMPLATES.map(t => [`${t.rule} › ${t.id}`, t] as const))('%s: a number is followed by a plural form, not a fixed word', (_, { text }) => {
        for (const p of placeholders(text)) {
            if (!NUMERIC.has(p.name) || p.forms !== undefined) continue;
            const after = text.slice(p.end);
            // Followed by punctuation, a unit or the end: nothing to agree with.
            if (!/^ [a-z]/.test(after)) continue;
            if (NOT_COUNTED.test(after.slice(1))) continue;
            // The plural form may come after an adjective or two: '{{depth}} synchronous {{depth:call|calls}}'.
            const next = after.slice(1).split(' ').slice(0, 3).join(' ');
            expect(next, `'{{${p.name}}}${after.slice(0, 30)}…' needs '{{${p.name}:one|other}}' after the number`).toContain(`{{${p.name}:`);
        }
    });

    it.each(TEMPLATES.map(t => [`${t.rule} › ${t.id}`, t] as const))('%s: reads right with 1 and with 2', (_, { text }) => {
        for (const number of [1, 2] as const) {
            const message = render(text, number);
            expect(wording(message, number), message).toEqual([]);
        }
    });
});

describe('the CLI summary line', () => {
    const diagnostic = (severity: CliDiagnostic['severity']): CliDiagnostic => ({
        rule: 'shared-database', messageId: 'shared', kind: 'lint', severity, message: 'a problem',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, related: []
    });
    const file = (name: string, diagnostics: CliDiagnostic[]): FileReport => ({ file: name, absolute: `/${name}`, diagnostics });

    it('agrees with 1', () => {
        const out = formatStylish([file('a.sysd', [diagnostic('error')])], colors(false));
        expect(out).toContain('✖ 1 problem (1 error, 0 warnings, 0 infos); 1 file checked');
        expect(formatStylish([file('a.sysd', [])], colors(false))).toContain('No problems found in 1 file.');
    });

    it('agrees with 2', () => {
        const out = formatStylish([file('a.sysd', [diagnostic('error'), diagnostic('warning')]), file('b.sysd', [diagnostic('warning'), diagnostic('hint')])], colors(false));
        expect(out).toContain('✖ 4 problems (1 error, 2 warnings, 0 infos, 1 hint); 2 files checked');
        const two = formatStylish([file('a.sysd', [diagnostic('error'), diagnostic('error')]), file('b.sysd', [])], colors(false));
        expect(two).toContain('✖ 2 problems (2 errors, 0 warnings, 0 infos); 2 files checked');
        expect(formatStylish([file('a.sysd', []), file('b.sysd', [])], colors(false))).toContain('No problems found in 2 files.');
    });

    it('has no wrong words with 1 or 2', () => {
        for (const number of [1, 2] as const) {
            const files = Array.from({ length: number }, (_, i) => file(`${i}.sysd`, Array.from({ length: number }, () => diagnostic('info'))));
            const out = formatStylish(files, colors(false));
            expect(wording(out.slice(out.indexOf('✖')), number)).toEqual([]);
        }
    });
});
