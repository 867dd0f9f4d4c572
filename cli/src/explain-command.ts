import { stripVTControlCharacters } from 'node:util';
import { Marked } from 'marked';
import { markedTerminal } from 'marked-terminal';
import { explainEntries, explainMarkdown, resolveExplain, suggestNames } from '@sysd/language';
import { flag, parseArgs, single, UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-codes.js';
import { colorEnabled, colors, type Colors } from './format/colors.js';
import type { CliIO } from './io.js';
import { rulePage } from './package-info.js';

const MAX_WIDTH = 100;

const EXPLAIN_HELP = `Usage: sysd explain [<topic-or-rule>]

Prints a pattern or concept (its topic: what it is, how it works, when to use it, trade-offs and what
goes wrong without it) or a lint rule's page with the topics behind it. The name can be a topic id
(leaderless-replication), a rule id (quorum-no-overlap), or a language keyword (leaderless, outbox,
circuit-breaker). Prefix with topic: or rule: when a name is both. Without a name, lists everything.

Options:
  --width <n>   wrap at n columns (default: the terminal width, at most ${MAX_WIDTH})
  --no-color    plain text (also when NO_COLOR is set or output is not a terminal)
  --color       style headings, emphasis and code even when output is not a terminal
  -h, --help    show this help
`;

const OPTIONS: OptionSpec[] = [
    { name: 'width', value: true },
    { name: 'no-color' },
    { name: 'color' },
    { name: 'help', alias: 'h' }
];

/** `sysd explain [name]`: returns the exit code (0, or 2 for an unknown name or wrong usage). */
export function runExplain(argv: readonly string[], io: CliIO): ExitCode {
    let args: ParsedArgs;
    try {
        args = parseArgs(argv, OPTIONS);
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        io.stderr(`sysd: ${error.message}\nRun 'sysd explain --help' for usage.\n`);
        return EXIT_USAGE;
    }
    if (flag(args, 'help')) {
        io.stdout(EXPLAIN_HELP);
        return EXIT_OK;
    }
    const names = args.positionals;
    let width: number | undefined;
    const widthValue = single(args, 'width');
    if (widthValue !== undefined) {
        width = Number(widthValue);
        if (!Number.isInteger(width) || width < 20) {
            io.stderr(`sysd: '--width' needs a whole number of at least 20 (got '${widthValue}').\n`);
            return EXIT_USAGE;
        }
    }
    const columns = width ?? terminalWidth(io);
    if (names.length === 0) {
        io.stdout(listing(columns));
        return EXIT_OK;
    }
    const name = names.join(' ');
    const target = resolveExplain(name);
    if (!target) {
        const suggestions = suggestNames(name);
        const hint = suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : '';
        io.stderr(`sysd: no topic or rule named '${name}'.${hint}\nRun 'sysd explain' to list them all.\n`);
        return EXIT_USAGE;
    }
    const markdown = explainMarkdown(target, { rulePage, topicUrl: id => `${EXPLAIN_LINK}${id}`, ruleUrl: id => `${EXPLAIN_LINK}${id}` })!;
    const color = colorEnabled({ isTTY: io.isTTY, env: io.env, noColor: flag(args, 'no-color'), forceColor: flag(args, 'color') });
    io.stdout(markdownToTerminal(markdown, columns, colors(color)));
    return EXIT_OK;
}

/** Links to other topics and rules become `title (sysd explain <id>)` in the terminal. */
const EXPLAIN_LINK = 'sysd-explain:';

function terminalWidth(io: CliIO): number {
    const columns = Number(io.env.COLUMNS);
    return Number.isInteger(columns) && columns >= 20 ? Math.min(columns, MAX_WIDTH) : MAX_WIDTH;
}

/** All topics and rules, id first. */
function listing(width: number): string {
    const entries = explainEntries();
    const topics = entries.filter(e => e.kind === 'topic').sort((a, b) => a.id.localeCompare(b.id));
    const rules = entries.filter(e => e.kind === 'rule');
    const idWidth = Math.max(...entries.map(e => e.id.length)) + 2;
    const line = (id: string, text: string) => truncate(`  ${id.padEnd(idWidth)}${text}`, width);
    return [
        `Topics (${topics.length}):`,
        ...topics.map(t => line(t.id, t.title)),
        '',
        `Rules (${rules.length}):`,
        ...rules.map(r => line(r.id, r.gist)),
        '',
        `Run 'sysd explain <topic-or-rule>' to read one; keywords such as 'leaderless' or 'outbox' work too.`,
        ''
    ].join('\n');
}

function truncate(text: string, width: number): string {
    return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * Markdown as terminal text, rendered by marked with marked-terminal: paragraphs and list items
 * wrapped at `width`, headings of the first two levels underlined, emphasis and code marks gone,
 * code blocks indented and kept as they are, links reduced to their text. With colour on, `c` styles
 * headings, emphasis and code; with it off (the default) the text has no escape codes at all.
 */
export function markdownToTerminal(markdown: string, width: number, c: Colors = colors(false)): string {
    const marked = terminalMarked(width, c);
    const text = marked.parser(marked.lexer(markdown));
    return `${text.split('\n').map(line => line.trimEnd()).join('\n').replace(/^\n+/, '').trimEnd()}\n`;
}

/**
 * The narrowest a nested list or quote is wrapped at, however deep it sits: past that, its lines
 * may run over the width rather than hold a word or two each.
 */
const MIN_NESTED_WIDTH = 10;

/**
 * A marked instance that writes terminal text at `width`. marked-terminal renders paragraphs (wrapped
 * by its reflowText), emphasis, rules, HTML and tables, styled by `c` (its own styles are chalk's,
 * which look at process.stdout); the renderers below replace its own where its output depends on the
 * process rather than on `c` and `width`, or where it falls short:
 * - text: with marked 13 and later it prints the Markdown of a list item's text instead of rendering
 *   it (marked-terminal issue #304), so `**Type:**` would keep its stars;
 * - list: it does not wrap list items, and indents every list by a tab;
 * - blockquote: it wraps the quote at the full width and then indents it past the width;
 * - heading: its style functions cannot tell the second level from the third, and sysd underlines
 *   the first two levels only;
 * - code: it highlights with cli-highlight whenever chalk finds a colour terminal on process.stdout;
 * - codespan: it hides `:` behind a placeholder that only its own block renderers take out again;
 * - link: it writes an OSC 8 hyperlink when process.stdout supports one, and the URL otherwise; a
 *   terminal reader gets the text, and the id to pass to `sysd explain` for links between topics;
 * - table: its tables are as wide as their longest cells; one wider than `width` is drawn again by
 *   an instance whose cli-table3 options give each column a width and wrap the cells.
 * `columnWidths` are those widths, for the one table such an instance draws.
 */
function terminalMarked(width: number, c: Colors, columnWidths?: number[]): Marked {
    const narrower = new Map<number, Marked>();
    /** An instance for content indented by `indent` columns, so that it still ends at `width`. */
    const nested = (indent: number): Marked => {
        const inner = Math.max(width - indent, MIN_NESTED_WIDTH);
        let marked = narrower.get(inner);
        if (!marked) narrower.set(inner, (marked = terminalMarked(inner, c)));
        return marked;
    };
    return new Marked(
        markedTerminal({
            strong: c.bold,
            em: c.italic,
            del: c.dim,
            hr: c.dim,
            paragraph: plain,
            text: plain,
            // HTML comments (such as the markers of generated sections) are for a page's maintainers.
            html: text => text.replace(/<!--[\s\S]*?-->\s*/g, ''),
            table: plain,
            width,
            reflowText: true,
            showSectionPrefix: false,
            emoji: false,
            tableOptions: {
                // cli-table3 would colour the header and borders by its own look at process.stdout.
                style: { head: [], border: [] },
                ...(columnWidths ? { colWidths: columnWidths, wordWrap: true, wrapOnWordBoundary: true } : {})
            }
        }),
        {
            renderer: {
                text(token) {
                    return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : false;
                },
                heading({ tokens, depth }) {
                    const text = this.parser.parseInline(tokens);
                    const underline = depth <= 2 ? `\n${(depth === 1 ? '=' : '-').repeat(Math.min(stripVTControlCharacters(text).length, width))}` : '';
                    return `${c.bold(text)}${underline}\n\n`;
                },
                list({ items, ordered, start }) {
                    const first = typeof start === 'number' ? start : 1;
                    const markers = items.map((item, i) => {
                        const bullet = ordered ? `${first + i}.` : '•';
                        return item.task ? `${bullet} [${item.checked ? 'x' : ' '}]` : bullet;
                    });
                    const indent = Math.max(...markers.map(marker => marker.length)) + 1;
                    const inner = nested(indent);
                    const rendered = items.map((item, i) => {
                        let body = inner.parser(item.tokens).trimEnd();
                        // A tight list item has no blank lines, whatever blocks it holds.
                        if (!item.loose) body = body.replace(/\n{2,}/g, '\n');
                        return indentLines(body, ' '.repeat(indent), markers[i].padEnd(indent));
                    });
                    const loose = items.some(item => item.loose);
                    return `${rendered.join(loose ? '\n\n' : '\n')}\n\n`;
                },
                blockquote({ tokens }) {
                    const body = nested(2).parser(tokens).trimEnd();
                    return `${indentLines(body, '  ', '  ', c.italic)}\n\n`;
                },
                code({ text }) {
                    const lines = text.split('\n').map(line => line.trimEnd());
                    return `${lines.map(line => (line ? `    ${c.yellow(line)}` : '')).join('\n')}\n\n`;
                },
                table(token) {
                    if (columnWidths) return false;
                    const rows = [token.header, ...token.rows];
                    const cells = token.header.map((_, i) => rows.map(row => stripVTControlCharacters(this.parser.parseInline(row[i]?.tokens ?? []))));
                    // cli-table3 pads each cell with one space a side.
                    const natural = cells.map(column => Math.max(...column.map(text => text.length)) + 2);
                    const longestWord = cells.map(column => Math.max(...column.flatMap(text => text.split(/\s+/).map(word => word.length))) + 2);
                    const fitted = fitColumns(natural, longestWord, width - (natural.length + 1));
                    return fitted ? terminalMarked(width, c, fitted).parser([token]) : false;
                },
                codespan({ text }) {
                    return c.yellow(text);
                },
                link({ href, tokens }) {
                    const text = this.parser.parseInline(tokens);
                    if (!href.startsWith(EXPLAIN_LINK)) return text;
                    const id = href.slice(EXPLAIN_LINK.length);
                    const label = stripVTControlCharacters(text);
                    const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
                    return label === id || slug === id ? text : `${text} (${id})`;
                }
            }
        }
    );
}

/** The narrowest a table column is made to fit the width; narrower ones would wrap every word. */
const MIN_COLUMN_WIDTH = 8;

/**
 * Column widths that fit `available` columns (borders excluded), or undefined when the natural widths
 * already fit. The widest column gives way first; a column keeps room for its longest word while
 * another can still give way, so that words are cut only when the table cannot fit otherwise.
 */
function fitColumns(natural: readonly number[], longestWord: readonly number[], available: number): number[] | undefined {
    const widths = [...natural];
    let total = widths.reduce((sum, w) => sum + w, 0);
    if (total <= available) return undefined;
    const narrowest = (keepWords: boolean) => (i: number) => Math.max(MIN_COLUMN_WIDTH, keepWords ? longestWord[i] : 0);
    for (const keepWords of [true, false]) {
        const floor = narrowest(keepWords);
        while (total > available) {
            const candidates = widths.map((w, i) => (w > floor(i) ? w : -1));
            const widest = candidates.indexOf(Math.max(...candidates));
            if (candidates[widest] < 0) break;
            widths[widest]--;
            total--;
        }
    }
    return widths;
}

function plain(text: string): string {
    return text;
}

/** `first` before the first line, `indent` before the others; blank lines stay empty. */
function indentLines(text: string, indent: string, first: string, style: (line: string) => string = plain): string {
    return text
        .split('\n')
        .map((line, i) => (line.trim() === '' ? (i === 0 ? first.trimEnd() : '') : `${i === 0 ? first : indent}${style(line)}`))
        .join('\n');
}
