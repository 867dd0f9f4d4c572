/**
 * A Markdown page of living documentation for one view: its flowchart (with the legend), one
 * sequence diagram per saga and flow whose components are in the view, the inventory of its
 * components, and the lint findings about them as a table. GitHub, GitLab and most docs sites render
 * the ```mermaid blocks.
 */
import { analyze, formatMarkdown, type AnalysisResult } from '@sysd/language/analysis';
import type { ArchModel, Finding } from '@sysd/language/model';
import { buildViewGraph } from '../build-graph.js';
import { plainText } from '../text.js';
import type { DiagramGraph, DiagramNode } from '../types.js';
import type { ResolvedView } from '../views/types.js';
import { markdownText } from './escape.js';
import { chosenKinds, compare, flowchartView, renderMermaidFlowchart, type FlowchartOptions, type MermaidRenderOptions } from './flowchart.js';
import { toMermaidSequences, type SequenceView } from './sequence.js';

export interface MarkdownPageOptions {
    /** Page title (the first heading). */
    title: string;
    /** A sentence under the title, e.g. which files the page was generated from (Markdown allowed). */
    intro?: string;
    /** The view the page is about (default: everything, or `flowchart.system`). */
    view?: ResolvedView;
    /** Component kinds the view graph keeps (see `buildViewGraph`). */
    kinds?: string[];
    /** How the view's flowchart is drawn (direction, ELK layout, legend). */
    mermaid?: MermaidRenderOptions;
    /** The older way to choose what the flowchart shows (a system, kinds); ignored with `view`. */
    flowchart?: FlowchartOptions;
    /** Only these sagas/flows (already chosen views); by default those whose components are in the view. */
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

    // The view's graph: the flowchart draws it, and it says which components and relations the page is about.
    const view = options.view ?? flowchartView(model, options.flowchart);
    const kinds = options.view ? options.kinds : chosenKinds(options.flowchart?.includeKinds, options.flowchart?.excludeKinds);
    const graph = buildViewGraph(model, findings, view, { kinds });
    const flowchart = renderMermaidFlowchart(graph, { ...options.flowchart, ...options.mermaid });
    const whole = view.ref.kind === 'all' || view.ref.kind === 'deployment';
    const components = componentsOf(graph);

    if (!options.omitFlowchart) {
        out.push('## Components', '');
        const shown = components.filter(node => !node.stub).length;
        const outside = components.length - shown;
        out.push(`${count(shown, 'component')}${outside > 0 ? ` (and ${count(outside, 'related component')} outside this view, drawn dashed)` : ''}, ` +
            `${count(flowchart.edges.length, 'relation')}. The legend in the diagram explains its shapes, lines and marks.`, '');
        out.push(...fence(flowchart.text), '');
    }

    const inView = new Set(components.filter(node => !node.stub).map(node => node.id));
    const views = options.views ?? toMermaidSequences(model).filter(view => whole || sequenceTouches(model, view, inView));
    for (const view of views) {
        out.push(`## ${view.kind === 'saga' ? 'Saga' : 'Flow'} ${markdownText(view.name)}`, '');
        out.push(`${markdownText(view.summary)}.`, '');
        out.push(...fence(view.text), '');
    }

    out.push(...inventory(model, components.filter(node => !node.stub)));

    // What the flows and SLOs the page shows reach, and what the calls it draws risk (docs/analysis.md).
    const analysis = analysisOf(analyze(model), whole, inView, new Set(graph.edges.map(e => e.id)));
    if (analysis) out.push(formatMarkdown(analysis).trimEnd(), '');

    out.push('## Lint findings', '');
    const display = options.displayPath ?? ((uri: string) => String(uri).slice(String(uri).lastIndexOf('/') + 1));
    const link = options.ruleLink ?? ((id: string) => `docs/rules/${id}.md`);
    // A page for part of the workspace lists the findings about what it shows; the page for all of
    // it lists every finding, also those about text only (an unused suppression).
    const about = new Set([...inView, ...graph.edges.map(e => e.id)]);
    const relevant = whole ? findings : findings.filter(f => f.elements.some(id => about.has(id)));
    const sorted = [...relevant].sort((a, b) =>
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

/**
 * The part of the model's analysis a page covers: every flow and SLO on the page for the whole
 * workspace; for a view, those whose path touches a component it shows, and the timeout and retry
 * findings about the relations it draws. Undefined when nothing of it concerns the page.
 */
function analysisOf(result: AnalysisResult, whole: boolean, shown: ReadonlySet<string>, relations: ReadonlySet<string>): AnalysisResult | undefined {
    const covered = whole ? result : {
        ...result,
        flows: result.flows.filter(report => report.path.some(id => shown.has(id))),
        slos: result.slos.filter(report => report.path.some(id => shown.has(id))),
        components: result.components.filter(impact => shown.has(impact.id)),
        timeouts: result.timeouts.filter(violation => relations.has(violation.relation)),
        retries: result.retries.filter(chain => relations.has(chain.relation))
    };
    const empty = covered.flows.length + covered.slos.length + covered.timeouts.length + covered.retries.length === 0;
    return empty ? undefined : covered;
}

/** Every component node of a graph (stand-ins included), depth first. */
function componentsOf(graph: DiagramGraph): DiagramNode[] {
    const result: DiagramNode[] = [];
    const walk = (list: readonly DiagramNode[]) => {
        for (const node of list) {
            if (node.kind !== 'system' && node.kind !== 'region' && node.kind !== 'zone') result.push(node);
            walk(node.children);
        }
    };
    walk(graph.nodes);
    return result;
}

/** Whether a saga or flow involves a component the view shows. */
function sequenceTouches(model: ArchModel, view: SequenceView, shown: ReadonlySet<string>): boolean {
    if (view.kind === 'flow') return (model.flows.find(f => f.id === view.id)?.path ?? []).some(id => shown.has(id));
    const saga = model.sagas.find(s => s.id === view.id);
    if (!saga) return false;
    const ids = [saga.orchestrator, saga.broker, ...(saga.steps ?? []).flatMap(step => [step?.service, step?.compensation?.service])];
    return ids.some(id => typeof id === 'string' && shown.has(id));
}

/** The inventory table: each component the view shows, with its kind, system, technology and replicas. */
function inventory(model: ArchModel, nodes: DiagramNode[]): string[] {
    const out = ['## Inventory', ''];
    if (nodes.length === 0) return [...out, 'This view shows no components.', ''];
    out.push('| Component | Kind | System | Technology | Replicas |', '| --- | --- | --- | --- | ---: |');
    const rows = nodes.map(node => {
        const c = model.components.get(node.id);
        const system = c?.system !== undefined ? plainText(model.systems.get(c.system)?.name ?? c.system) : '';
        return { id: node.id, cells: [codeSpan(node.id), cell(String(node.kind)), cell(system), cell(plainText(c?.technology)), cell(String(node.replicas))] };
    }).sort((a, b) => compare(a.id, b.id));
    for (const row of rows) out.push(`| ${row.cells.join(' | ')} |`);
    out.push('');
    return out;
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
