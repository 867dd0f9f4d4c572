/**
 * The one Mermaid and Markdown export, used by the language server (VS Code commands, the Markdown
 * preview) and by `sysd export --format mermaid|markdown`.
 * It resolves the view (`findView`, `resolveView`), builds its graph (`buildViewGraph`) and renders
 * that: the exported flowchart shows exactly what the preview shows for the same view.
 */
import { COMPONENT_KINDS } from '@sysd/language/model';
import type { ArchModel, Finding } from '@sysd/language/model';
import { didYouMean } from '@sysd/language/model';
import { buildViewGraph } from '../build-graph.js';
import { defaultViewKey, findView, resolveView, viewKey } from '../views/resolve.js';
import type { ResolvedView, ViewRef } from '../views/types.js';
import { markdownText } from './escape.js';
import { chosenKinds, renderMermaidFlowchart } from './flowchart.js';
import { toMarkdownPage } from './markdown.js';
import { findSequence } from './sequence.js';

export interface MermaidExportRequest {
    format: 'mermaid' | 'markdown';
    /** A view key or name (see `findView`); default: the view of `uri` (`defaultViewKey`). */
    view?: string;
    /** The document the export starts from: its systems are the default view. */
    uri?: string;
    /** A saga or flow (name or qualified name): its sequence diagram (format mermaid) instead of the flowchart. */
    sequence?: string;
    direction?: 'LR' | 'TB';
    /** Ask Mermaid for its ELK layout. */
    layout?: 'elk';
    /** Component kinds to keep / leave out (checked: an unknown kind is an error). */
    includeKinds?: string[];
    excludeKinds?: string[];
    /** Draw the legend (default true). */
    legend?: boolean;
    /** Markdown page only: its title, how file paths and rule ids become links. */
    title?: string;
    displayPath?: (uri: string) => string;
    ruleLink?: (ruleId: string) => string | undefined;
}

export type MermaidExportResult = { text: string; view: { key: string; title: string } } | { error: string };

export function exportMermaid(model: ArchModel, findings: readonly Finding[], request: MermaidExportRequest): MermaidExportResult {
    for (const kind of [...(request.includeKinds ?? []), ...(request.excludeKinds ?? [])]) {
        if (!(COMPONENT_KINDS as readonly string[]).includes(kind)) {
            const hint = didYouMean(kind, COMPONENT_KINDS);
            return { error: hint ? `Unknown component kind '${kind}'${hint}` : `Unknown component kind '${kind}' (kinds: ${COMPONENT_KINDS.join(', ')}).` };
        }
    }
    const kinds = chosenKinds(request.includeKinds, request.excludeKinds);

    // A saga or flow: its sequence diagram (format mermaid), or the page of its view (format markdown).
    let ref: ViewRef | { error: string };
    if (request.sequence !== undefined && request.sequence.trim() !== '') {
        const sequence = findSequence(model, request.sequence.trim());
        if (typeof sequence === 'string') return { error: sequence };
        const sequenceRef: ViewRef = { kind: sequence.kind, id: sequence.id };
        if (request.format === 'mermaid') {
            return { text: sequence.text, view: { key: viewKey(sequenceRef), title: `${sequence.kind === 'saga' ? 'Saga' : 'Flow'} ${sequence.name}` } };
        }
        ref = sequenceRef;
    } else {
        ref = findView(model, request.view ?? defaultViewKey(model, request.uri), { uri: request.uri });
    }
    if ('error' in ref) return ref;
    const resolved = resolveView(model, ref);
    if ('error' in resolved) return resolved;
    const view: ResolvedView = resolved;
    const render = { direction: request.direction, layout: request.layout, legend: request.legend };

    if (request.format === 'mermaid') {
        const graph = buildViewGraph(model, findings, view, { kinds });
        return { text: renderMermaidFlowchart(graph, render).text, view: { key: view.key, title: view.title } };
    }
    const title = request.title ?? view.title;
    // A page titled by its caller names the view it shows under the title.
    const about = title === view.title ? view.description : `View: ${view.title}${view.description ? ` (${view.description})` : ''}`;
    const text = toMarkdownPage(model, findings, {
        title,
        intro: about ? `${markdownText(about)}${/[.!?]$/.test(about) ? '' : '.'}` : undefined,
        view, kinds, mermaid: render,
        displayPath: request.displayPath, ruleLink: request.ruleLink
    });
    return { text, view: { key: view.key, title: view.title } };
}
