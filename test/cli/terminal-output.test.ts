// Terminal output: colours by util.styleText, and Markdown (topics and rule pages of `sysd explain`)
// rendered by marked with marked-terminal, wrapped at a width, with or without colour.
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { markdownToTerminal } from '../../cli/src/explain-command.js';
import { colorEnabled, colors, type Colors } from '../../cli/src/format/colors.js';
import { cli } from './cli-helpers.js';

const ESC = '\u001b[';

describe('colors', () => {
    it('styles with ANSI codes when on, whatever process.stdout is, and leaves text alone when off', () => {
        // The tests' stdout is not a terminal: the codes must come anyway, since sysd decided.
        const on = colors(true);
        expect(on.red('x')).toBe(`${ESC}31mx${ESC}39m`);
        expect(on.bold(on.yellow('x'))).toBe(`${ESC}1m${ESC}33mx${ESC}39m${ESC}22m`);
        expect(on.underline('x')).toBe(`${ESC}4mx${ESC}24m`);
        expect(on.italic('x')).toBe(`${ESC}3mx${ESC}23m`);
        expect(on.dim('')).toBe('');
        const off = colors(false);
        for (const name of Object.keys(off) as (keyof Colors)[]) expect(off[name]('text'), name).toBe('text');
    });

    it('decides from the flags, then NO_COLOR, then whether the output is a terminal', () => {
        const decide = (isTTY: boolean, env: Record<string, string>, noColor = false, forceColor = false) => colorEnabled({ isTTY, env, noColor, forceColor });
        expect(decide(true, {})).toBe(true);
        expect(decide(false, {})).toBe(false);
        expect(decide(true, { NO_COLOR: '1' })).toBe(false);
        expect(decide(true, { NO_COLOR: '' })).toBe(true);
        expect(decide(false, { NO_COLOR: '1' }, false, true)).toBe(true);
        expect(decide(true, {}, true, true)).toBe(false);
    });
});

const PAGE = [
    '# Caching',
    '',
    '<!-- begin generated: header -->',
    '> A quote that is long enough to be wrapped at the narrow width this test uses.',
    '',
    '## How it works',
    '',
    'Some **bold**, _emphasis_ and `code: span` text with &amp; an entity, \\*stars\\* and ~~gone~~.',
    '',
    '### When to use it',
    '',
    '1. First step, see [Read repair](sysd-explain:read-repair), [the repair topic](sysd-explain:read-repair) and [a page](other.md).',
    '2. Second',
    '   - nested item that is also quite long and must wrap inside its indentation',
    '',
    '- [x] done',
    '- [ ] open',
    '',
    '```sysd',
    'service A { calls B over http { timeout 1s; retries 3 with backoff exponential } }',
    '```',
    '',
    '---',
    '',
    '| option | meaning |',
    '|---|---|',
    '| `replicas` | how many instances the quick fix gives the coordinator when it adds the line |'
].join('\n');

describe('markdownToTerminal', () => {
    it('renders headings, emphasis, lists, quotes, links, code and tables as plain text at a width', () => {
        expect(markdownToTerminal(PAGE, 40)).toBe([
            'Caching',
            '=======',
            '',
            '  A quote that is long enough to be',
            '  wrapped at the narrow width this test',
            '  uses.',
            '',
            'How it works',
            '------------',
            '',
            'Some bold, emphasis and code: span text',
            'with & an entity, *stars* and gone.',
            '',
            'When to use it',
            '',
            '1. First step, see Read repair, the',
            '   repair topic (read-repair) and a',
            '   page.',
            '2. Second',
            '   • nested item that is also quite long',
            '     and must wrap inside its',
            '     indentation',
            '',
            '• [x] done',
            '• [ ] open',
            '',
            '    service A { calls B over http { timeout 1s; retries 3 with backoff exponential } }',
            '',
            '---------------------------------------',
            '',
            '┌──────────┬───────────────────────────┐',
            '│ option   │ meaning                   │',
            '├──────────┼───────────────────────────┤',
            '│ replicas │ how many instances the    │',
            '│          │ quick fix gives the       │',
            '│          │ coordinator when it adds  │',
            '│          │ the line                  │',
            '└──────────┴───────────────────────────┘',
            ''
        ].join('\n'));
    });

    it('keeps every line but code within the width, down to 20 columns', () => {
        for (const width of [20, 33, 60, 100]) {
            for (const line of markdownToTerminal(PAGE, width).split('\n')) {
                if (!line.startsWith('    service')) expect(line.length, line).toBeLessThanOrEqual(width);
            }
        }
    });

    it('styles with colour on, and wraps exactly as without it', () => {
        const styled = markdownToTerminal(PAGE, 40, colors(true));
        expect(styled).toContain(`${ESC}1mCaching${ESC}22m\n=======`);
        expect(styled).toContain(`${ESC}1mbold${ESC}22m`);
        expect(styled).toContain(`${ESC}3memphasis${ESC}23m`);
        expect(styled).toContain(`${ESC}33mcode: span${ESC}39m`);
        expect(stripVTControlCharacters(styled)).toBe(markdownToTerminal(PAGE, 40));
    });
});

describe('sysd explain in a terminal', () => {
    it('colours a colour terminal, and writes plain text for NO_COLOR, --no-color or a pipe', async () => {
        const terminal = await cli(process.cwd(), ['explain', 'quorum-no-overlap'], {}, true);
        expect(terminal.code).toBe(0);
        expect(terminal.stdout).toContain(ESC);
        const piped = await cli(process.cwd(), ['explain', 'quorum-no-overlap']);
        expect(piped.stdout).not.toContain('\u001b');
        expect(stripVTControlCharacters(terminal.stdout)).toBe(piped.stdout);
        expect((await cli(process.cwd(), ['explain', 'quorum-no-overlap'], { NO_COLOR: '1' }, true)).stdout).toBe(piped.stdout);
        expect((await cli(process.cwd(), ['explain', 'quorum-no-overlap', '--no-color'], {}, true)).stdout).toBe(piped.stdout);
        expect((await cli(process.cwd(), ['explain', 'quorum-no-overlap', '--color'])).stdout).toBe(terminal.stdout);
    });
});
