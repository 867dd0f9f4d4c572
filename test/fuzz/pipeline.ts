/**
 * One text through everything the editor and the exporters do with it, in process and through the
 * public entry points: parse and link, model, lint (every rule), the facade's problems, the diagram
 * graph, the Mermaid flowchart, every saga and flow sequence, the Markdown page, and SVG (with ELK for
 * a sampled share of texts, with a cheap stand-in layout otherwise). Each stage is timed; the first
 * exception, and every rule that failed and was skipped, is a failure with a stable signature.
 */
import { AstUtils, EmptyFileSystem, GrammarAST, URI, type LangiumDocument } from 'langium';
import { performance } from 'node:perf_hooks';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { RULE_FAILED } from '../../language/src/lint/types.js';
import { createSysdServices, type SysdServices } from '../../language/src/sysd-module.js';
import type { Model } from '../../language/src/generated/ast.js';
import { buildDiagram } from '../../diagram/src/build-graph.js';
import { createNodeElk } from '../../diagram/src/elk-node.js';
import { layoutDiagram, type ElkLike, type ElkNode } from '../../diagram/src/layout.js';
import { toMarkdownPage } from '../../diagram/src/mermaid/markdown.js';
import { toMermaidFlowchart } from '../../diagram/src/mermaid/flowchart.js';
import { toMermaidSequences } from '../../diagram/src/mermaid/sequence.js';
import { renderSvg } from '../../diagram/src/render-svg.js';

export const STAGES = ['parse', 'model', 'lint', 'problems', 'graph', 'mermaid', 'sequences', 'markdown', 'svg'] as const;
export type Stage = typeof STAGES[number];

export interface Failure {
    stage: Stage;
    /** Message and top sysd frame, without line numbers: the same bug keeps the same signature while code moves. */
    signature: string;
    message: string;
    stack?: string;
}

export interface PipelineResult {
    times: Record<Stage, number>;
    /** Milliseconds for the whole text. */
    total: number;
    /** Whether the SVG came from a real ELK layout. */
    elk: boolean;
    failures: Failure[];
}

/** Source folders of sysd's own code: the first stack frame in one of them names where a failure happened. */
const APP_FRAME = /[\\/](language|diagram|server|cli|protocol)[\\/]src[\\/]/;

/** A stack's first frame in sysd's code, as `function (file)`; the first frame at all when none is. */
export function topFrame(stack: string | undefined): string {
    const frames = (stack ?? '').split('\n').filter(line => /^\s+at /.test(line));
    const frame = frames.find(line => APP_FRAME.test(line) && !line.includes('node_modules')) ?? frames[0];
    if (!frame) return '?';
    const match = /^\s+at (?:(.+?) \()?(.+?)(?::\d+:\d+)?\)?$/.exec(frame);
    if (!match) return frame.trim();
    const file = match[2].replace(/^.*[\\/](language|diagram|server|cli|protocol)[\\/]src[\\/]/, '$1/').replace(/^.*[\\/]node_modules[\\/]/, '');
    return `${match[1] ?? '<anonymous>'} (${file})`;
}

/** Numbers and quoted names vary with the mutant; the signature keeps the shape of the message. */
function normalise(message: string): string {
    // A property name in "(reading 'x')" says which access failed: it stays.
    return message.split('\n')[0].replace(/(?<!reading )'[^']*'/g, "'…'").replace(/\d+/g, 'N').slice(0, 160);
}

export function failureOf(stage: Stage, error: unknown): Failure {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    const name = error instanceof Error ? error.name : 'Thrown';
    return { stage, message, stack, signature: `${stage}: ${name}: ${normalise(message)} @ ${topFrame(stack)}` };
}

/**
 * A layout without ELK: children side by side, groups sized around them. It costs nothing, and it
 * drives the same conversion, edge routing fallback and SVG rendering as a real layout.
 */
export const GRID_LAYOUT: ElkLike = {
    layout: (graph: ElkNode) => {
        const place = (node: ElkNode): void => {
            let x = 16;
            let height = 0;
            for (const child of node.children ?? []) {
                place(child);
                child.x = x;
                child.y = 40;
                x += (child.width ?? 0) + 20;
                height = Math.max(height, child.height ?? 0);
            }
            if (node.children && node.children.length > 0) {
                node.width = Math.max(node.width ?? 0, x);
                node.height = Math.max(node.height ?? 0, height + 60);
            }
        };
        place(graph);
        return Promise.resolve(graph);
    }
};

export interface PipelineOptions {
    /** Share of texts laid out with real ELK (0..1); the others use `GRID_LAYOUT`. */
    elkShare?: number;
}

/**
 * The pipeline keeps one Langium workspace for its whole life, as the language server does: each text
 * is added, built, analysed and removed again. Texts run one at a time.
 */
export class Pipeline {
    readonly services: SysdServices;
    readonly analysis: SysdAnalysis;
    private readonly elk = createNodeElk();
    private counter = 0;

    constructor(private readonly options: PipelineOptions = {}) {
        this.services = createSysdServices(EmptyFileSystem).Sysd;
        this.analysis = new SysdAnalysis(this.services);
    }

    /** Every keyword of the grammar, for mutations that put one where it does not belong. */
    keywords(): string[] {
        const keywords = new Set<string>();
        for (const node of AstUtils.streamAllContents(this.services.Grammar)) {
            if (GrammarAST.isKeyword(node)) keywords.add(node.value);
        }
        return [...keywords].sort();
    }

    /** Runs `text` through every stage; `random` (0..1) decides whether ELK lays it out. */
    async run(text: string, random = 1): Promise<PipelineResult> {
        const times = Object.fromEntries(STAGES.map(stage => [stage, 0])) as Record<Stage, number>;
        const failures: Failure[] = [];
        const elk = random < (this.options.elkShare ?? 0);
        const workspace = this.services.shared.workspace;
        const uri = URI.parse(`file:///fuzz/mutant-${++this.counter}.sysd`);
        const started = performance.now();
        let stage: Stage = 'parse';
        const timed = async <T>(name: Stage, work: () => T | Promise<T>): Promise<T> => {
            stage = name;
            const start = performance.now();
            try {
                return await work();
            } finally {
                times[name] += performance.now() - start;
            }
        };
        try {
            const document = await timed('parse', async () => {
                const doc = workspace.LangiumDocumentFactory.fromString<Model>(text, uri);
                workspace.LangiumDocuments.addDocument(doc);
                // Validation would only log an exception (Langium catches it); the facade is called below instead.
                await workspace.DocumentBuilder.build([doc], { validation: false });
                return doc;
            });
            const model = await timed('model', () => this.analysis.model());
            const findings = await timed('lint', () => [...this.analysis.findings()]);
            for (const finding of findings) {
                // The engine isolates a throwing rule into one finding: the user is told, but it is still a bug.
                if (finding.messageId === RULE_FAILED) {
                    failures.push({ stage: 'lint', message: finding.message, signature: `lint: rule ${finding.ruleId} failed: ${normalise(finding.message)}` });
                }
            }
            await timed('problems', () => this.analysis.problems(document as LangiumDocument));
            const graph = await timed('graph', () => buildDiagram(model, findings));
            await timed('mermaid', () => toMermaidFlowchart(model, findings));
            await timed('sequences', () => toMermaidSequences(model));
            await timed('markdown', () => toMarkdownPage(model, findings, { title: 'Fuzz' }));
            await timed('svg', async () => renderSvg(await layoutDiagram(graph, elk ? this.elk : GRID_LAYOUT), { standalone: true }));
        } catch (error) {
            failures.push(failureOf(stage, error));
        } finally {
            try {
                await workspace.DocumentBuilder.update([], [uri]);
            } catch (error) {
                failures.push(failureOf('parse', error));
            }
            // A removal that failed must not leave the text behind to haunt the next one.
            if (workspace.LangiumDocuments.hasDocument(uri)) workspace.LangiumDocuments.deleteDocument(uri);
        }
        return { times, total: performance.now() - started, elk, failures };
    }
}
