/**
 * A Markdown page of living documentation: the flowchart, one sequence diagram per saga and flow,
 * and the lint findings as a table. GitHub, GitLab and most docs sites render the ```mermaid blocks.
 */
import type { Finding } from '@sysd/language/model';
import type { ArchModel } from '@sysd/language/model';
import { plainText } from '../text.js';
import { markdownText } from './escape.js';
import { buildMermaidFlowchart, compare, type FlowchartOptions } from './flowchart.js';
import { toMermaidSequences, type SequenceView } from './sequence.js';

export interface MarkdownPageOptions {
    /** Page title (the first heading). */
    title: string;
    /** A sentence under the title, e.g. which files the page was generated from (Markdown allowed). */
    intro?: string;
    flowchart?: FlowchartOptions;
    /** Only these sagas/flows (already chosen views); all of them when undefined. */
    views?: SequenceView[];
    /** Leave the flowchart out (a page for one view). */
    omitFlowchart?: boolean;
    /** How a finding's file is shown (default: the last segment of its URI). */
    displayPath?: (uri: string) => string;
    /**
     * Link target of a rule's page (default `docs/rules/<id>.md`); `undefined` when there is no page
     * the reader can reach, and the rule is then named without a link.
     */
    ruleLink?: (ruleId: string) => string | undefined;
}

/** The whole page, ending with a newline. */
export function toMarkdownPage(model: ArchModel, findings: readonly Finding[], options: MarkdownPageOptions): string {
    const out: string[] = [`# ${markdownText(options.title)}`, ''];
    // The intro is Markdown by contract, but kept to one line without controls: a file name in it
    // with a line break or a terminal escape must not start a block of its own or reach a terminal raw.
    const intro = plainText(options.intro).trim();
    if (intro) out.push(intro, '');

    if (!options.omitFlowchart) {
        const flowchart = buildMermaidFlowchart(model, findings, options.flowchart);
        out.push('## Components', '');
        out.push(`${count(flowchart.nodes.length, 'component')}, ${count(flowchart.edges.length, 'relation')}. ` +
            'Solid arrows are synchronous calls and reads, thick arrows writes, dashed arrows asynchronous messages, ' +
            'finely dotted arrows replication; a red or orange border marks a component with lint findings.', '');
        out.push(...fence(flowchart.text), '');
    }

    const views = options.views ?? toMermaidSequences(model);
    for (const view of views) {
        out.push(`## ${view.kind === 'saga' ? 'Saga' : 'Flow'} ${markdownText(view.name)}`, '');
        out.push(`${markdownText(view.summary)}.`, '');
        out.push(...fence(view.text), '');
    }

    out.push('## Lint findings', '');
    const display = options.displayPath ?? ((uri: string) => String(uri).slice(String(uri).lastIndexOf('/') + 1));
    const link = options.ruleLink ?? ((id: string) => `docs/rules/${id}.md`);
    const sorted = [...findings].sort((a, b) =>
        compare(display(a.loc.uri), display(b.loc.uri))
        || a.loc.range.start.line - b.loc.range.start.line
        || a.loc.range.start.character - b.loc.range.start.character
        || compare(a.ruleId, b.ruleId)
        || compare(a.message, b.message));
    if (sorted.length === 0) {
        out.push('No findings.', '');
    } else {
        out.push('| Location | Severity | Rule | Message |', '| --- | --- | --- | --- |');
        for (const f of sorted) {
            const location = `${display(f.loc.uri)}:${f.loc.range.start.line + 1}`;
            const target = link(f.ruleId);
            const rule = target === undefined ? codeSpan(f.ruleId) : `[${cell(f.ruleId)}](${linkTarget(target)})`;
            out.push(`| ${cell(location)} | ${cell(f.severity)} | ${rule} | ${cell(f.message)} |`);
        }
        out.push('');
    }
    return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** A fenced ```mermaid block; the diagram text never holds a backtick (the exporters encode it). */
function fence(text: string): string[] {
    return ['```mermaid', text.replace(/\n$/, ''), '```'];
}

/** A table cell: one line, pipes and Markdown/HTML syntax escaped. */
function cell(text: string): string {
    return markdownText(plainText(text).replace(/\s+/g, ' ').trim());
}

/**
 * A link destination: percent-encoded (also the parentheses that would end it, and the lone
 * surrogates `encodeURI` throws on, which `plainText` has already replaced).
 */
function linkTarget(target: string): string {
    return encodeURI(plainText(target)).replace(/[()]/g, c => (c === '(' ? '%28' : '%29'));
}

/**
 * Inline code that shows the text as written: a fence of one more backtick than the longest run in
 * it (padded with spaces when the text starts or ends with a backtick); a pipe is escaped, since a
 * table row is split at pipes before code spans are read.
 */
function codeSpan(text: string): string {
    const plain = plainText(text).trim() || ' ';
    const longest = Math.max(0, ...(plain.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = plain.startsWith('`') || plain.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${plain.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
