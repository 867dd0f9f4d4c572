import { explainEntries, explainMarkdown, resolveExplain, suggestNames } from '@sysd/language';
import { flag, parseArgs, single, UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { rulePage } from './package-info.js';
import type { CliIO } from './run.js';

const EXIT_OK = 0;
const EXIT_USAGE = 2;
const MAX_WIDTH = 100;

export const EXPLAIN_HELP = `Usage: sysd explain [<topic-or-rule>]

Prints a pattern or concept (its topic: what it is, how it works, when to use it, trade-offs and what
goes wrong without it) or a lint rule's page with the topics behind it. The name can be a topic id
(leaderless-replication), a rule id (quorum-no-overlap), or a language keyword (leaderless, outbox,
circuit-breaker). Prefix with topic: or rule: when a name is both. Without a name, lists everything.

Options:
  --width <n>   wrap at n columns (default: the terminal width, at most ${MAX_WIDTH})
  -h, --help    show this help
`;

const OPTIONS: OptionSpec[] = [
    { name: 'width', value: true },
    { name: 'help', alias: 'h' }
];

/** `sysd explain [name]`: returns the exit code (0, or 2 for an unknown name or wrong usage). */
export function runExplain(argv: readonly string[], io: CliIO): number {
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
    io.stdout(markdownToTerminal(markdown, columns));
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
 * Markdown as readable terminal text: headings underlined, emphasis and code marks removed, links
 * reduced to their text, paragraphs and list items wrapped at `width`, code blocks kept as they are.
 */
export function markdownToTerminal(markdown: string, width: number): string {
    const out: string[] = [];
    const lines = markdown.replace(/\r\n/g, '\n').split('\n');
    let paragraph: string[] = [];
    let prefix = '';
    let indent = '';
    const flush = () => {
        if (paragraph.length > 0) out.push(...wrap(inline(paragraph.join(' ')), width, prefix, indent));
        paragraph = [];
        prefix = indent = '';
    };
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (/^```/.test(line)) {
            flush();
            for (i++; i < lines.length && !/^```/.test(lines[i]); i++) out.push(`    ${lines[i]}`.trimEnd());
            out.push('');
            continue;
        }
        const heading = /^(#{1,6})\s+(.*)$/.exec(line);
        if (heading) {
            flush();
            const text = inline(heading[2]);
            out.push(text);
            if (heading[1].length <= 2) out.push((heading[1].length === 1 ? '=' : '-').repeat(Math.min(text.length, width)));
            out.push('');
            continue;
        }
        if (/^\s*(---|\*\*\*|___)\s*$/.test(line)) {
            flush();
            out.push('─'.repeat(Math.min(width, 40)), '');
            continue;
        }
        if (line.trim() === '') {
            if (paragraph.length > 0) {
                flush();
                out.push('');
            }
            continue;
        }
        const item = /^(\s*)([-*+]|\d+\.)\s+(.*)$/.exec(line);
        if (item) {
            flush();
            const bullet = /\d/.test(item[2]) ? item[2] : '•';
            prefix = `${item[1]}${bullet} `;
            indent = ' '.repeat(prefix.length);
            paragraph.push(item[3]);
            // A list ends at a blank line; its items are not separated by one.
            if (i + 1 < lines.length && lines[i + 1].trim() === '') {
                flush();
                out.push('');
                i++;
            }
            continue;
        }
        const quote = /^>\s?(.*)$/.exec(line);
        if (quote) {
            if (paragraph.length === 0) {
                prefix = indent = '  ';
            }
            paragraph.push(quote[1]);
            continue;
        }
        paragraph.push(line.trim());
    }
    flush();
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return `${out.join('\n')}\n`;
}

/** Inline Markdown to plain text. */
function inline(text: string): string {
    return text
        .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label: string, url: string) => {
            if (url.startsWith(EXPLAIN_LINK)) {
                const id = url.slice(EXPLAIN_LINK.length);
                const plain = label.replace(/`/g, '');
                const slug = plain.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
                return plain === id || slug === id ? plain : `${plain} (${id})`;
            }
            // Relative links between the doc pages: keep the text only.
            return label;
        })
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/(^|[\s(])_([^_]+)_(?=[\s.,;:)]|$)/g, '$1$2')
        .replace(/`([^`]+)`/g, '$1');
}

/** Greedy word wrap with a first-line prefix and an indent for the following lines. */
function wrap(text: string, width: number, prefix: string, indent: string): string[] {
    const words = text.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let current = prefix;
    let empty = true;
    for (const word of words) {
        if (!empty && current.length + 1 + word.length > width) {
            lines.push(current);
            current = indent + word;
        } else {
            current += (empty ? '' : ' ') + word;
        }
        empty = false;
    }
    if (!empty) lines.push(current);
    return lines;
}
