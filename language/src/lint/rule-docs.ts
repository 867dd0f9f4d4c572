/**
 * The parts of a rule's page (`docs/rules/<id>.md`) that are generated from its `meta`, as ESLint's
 * and typescript-eslint's docs builds do: a header after the title (description, type, default
 * severity, fixable, catalog entries and sources) and the options table at the top of `## Options`.
 * Each sits between comment markers; `scripts/gen-rule-docs.mjs` writes them and the catalog test
 * fails when a page differs from what its rule's meta generates. Everything else on a page is prose.
 */
import { formatSource } from '../knowledge/sources.js';
import type { OptionSchema, RuleMeta } from './types.js';

export const HEADER_BEGIN = '<!-- begin generated: rule header -->';
export const OPTIONS_BEGIN = '<!-- begin generated: rule options -->';
export const GENERATED_END = '<!-- end generated -->';

/** The header block, markers included. */
export function ruleHeader(meta: RuleMeta): string {
    const { seeds, catalog } = meta.grounding;
    const lines = [
        HEADER_BEGIN,
        `> ${meta.description}`,
        '',
        `- **Id:** \`${meta.id}\``,
        `- **Type:** ${meta.type}`,
        `- **Default severity:** ${meta.defaultSeverity}`,
        `- **Fixable:** ${meta.fixable ? 'yes' : 'no'}`,
        `- **Catalog:** ${catalog.length > 0 ? catalog.join(', ') : 'none'}`,
        seeds.length > 0 ? '- **Sources:**' : '- **Sources:** none',
        ...seeds.map(seed => `  - ${formatSource(seed)}`),
        // A blank line ends the list before the marker, in every Markdown renderer.
        '',
        GENERATED_END
    ];
    return lines.join('\n');
}

/** The options block, markers included: a table of the options, or a sentence saying there are none. */
export function ruleOptions(meta: RuleMeta): string {
    const options = Object.entries(meta.options);
    const body = options.length === 0
        ? ['This rule has no options.']
        : [
            '| name | type | default | description |',
            '|---|---|---|---|',
            ...options.map(([name, option]) => `| \`${name}\` | ${cell(optionType(option))} | \`${cell(formatDefault(option.default))}\` | ${cell(option.description)} |`)
        ];
    return [OPTIONS_BEGIN, ...body, '', GENERATED_END].join('\n');
}

/** The type column: the declared type with its bounds or allowed values. */
function optionType(option: OptionSchema): string {
    switch (option.type) {
        case 'number': {
            const { minimum, maximum } = option;
            if (minimum !== undefined && maximum !== undefined) return `number, ${minimum} to ${maximum}`;
            if (minimum !== undefined) return `number, at least ${minimum}`;
            if (maximum !== undefined) return `number, at most ${maximum}`;
            return 'number';
        }
        case 'string':
            return option.enum ? `one of ${option.enum.map(value => `\`${value}\``).join(', ')}` : 'string';
        case 'boolean':
        case 'string[]':
            return option.type;
    }
}

function formatDefault(value: OptionSchema['default']): string {
    return Array.isArray(value) ? `[${value.map(v => JSON.stringify(v)).join(', ')}]` : JSON.stringify(value);
}

/** Text that is safe inside a Markdown table cell. */
function cell(text: string): string {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A generated block found on a page: its text (markers included) and where it is. */
export interface GeneratedBlock {
    text: string;
    start: number;
    end: number;
}

/** The block that starts with `begin` on the page, if it has one with its end marker. */
export function findBlock(page: string, begin: string): GeneratedBlock | undefined {
    const start = page.indexOf(begin);
    if (start < 0) return undefined;
    const close = page.indexOf(GENERATED_END, start + begin.length);
    if (close < 0) return undefined;
    const end = close + GENERATED_END.length;
    return { text: page.slice(start, end), start, end };
}

/**
 * The page with both generated blocks as `meta` makes them: an existing block is replaced; a missing
 * header goes right after the title line, a missing options block right under `## Options`. Idempotent.
 */
export function withGeneratedBlocks(page: string, meta: RuleMeta): string {
    let result = replaceOrInsert(page, HEADER_BEGIN, ruleHeader(meta), text => {
        const titleEnd = text.indexOf('\n');
        return titleEnd < 0 ? text.length : titleEnd + 1;
    }, '\n');
    result = replaceOrInsert(result, OPTIONS_BEGIN, ruleOptions(meta), text => {
        const heading = text.indexOf('\n## Options\n');
        return heading < 0 ? undefined : heading + '\n## Options\n'.length;
    }, '\n');
    return result;
}

function replaceOrInsert(page: string, begin: string, block: string, where: (page: string) => number | undefined, before: string): string {
    const existing = findBlock(page, begin);
    if (existing) return page.slice(0, existing.start) + block + page.slice(existing.end);
    const at = where(page);
    if (at === undefined) return page;
    const rest = page.slice(at).replace(/^\n*/, '');
    return `${page.slice(0, at)}${before}${block}\n\n${rest}`;
}
