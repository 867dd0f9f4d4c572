import type { LangiumDocument } from 'langium';
import { AstUtils, GrammarUtils } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { analyze, summaryLine, type PathReport } from '../analysis/index.js';
import * as ast from '../generated/ast.js';
import { qualifiedName } from '../names.js';
import type { SysdServices } from '../sysd-module.js';

/** The client command a lens runs: the preview in what-if mode on the path's view, its entry focused. */
export const WHAT_IF_PATH_COMMAND = 'sysd.whatIfPath';

/** The argument of {@link WHAT_IF_PATH_COMMAND}: which path, in which document, on which view. */
export interface WhatIfPathArgument {
    /** The document that declares the flow or SLO. */
    uri: string;
    kind: 'flow' | 'slo';
    /** The qualified id (`Shop.Checkout`); with `kind`, the key of the preview's side-list entry. */
    id: string;
    /** The view to show: a flow's own (`flow:<id>`); absent for an SLO, which shows its document's view. */
    view?: string;
}

/**
 * A CodeLens above each `flow` and `slo`: the what-if analysis of its path without failures, in one
 * line (`availability 99.8001% ✖ 99.95% · p99 budget 900 / 300 ms · retries ×3`). A click opens the
 * diagram preview on the path's view in what-if mode, the path's consequences focused
 * ({@link WHAT_IF_PATH_COMMAND}); hovering the name shows the arithmetic (`hover.ts`). The analysis
 * is cached per workspace model, so every document's lenses share one computation until the next edit.
 */
export class SysdCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: SysdServices) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const root = document.parseResult.value;
        const declarations = AstUtils.streamAst(root).filter((node): node is ast.Flow | ast.Slo => ast.isFlow(node) || ast.isSlo(node)).toArray();
        if (declarations.length === 0) return [];
        const reports = analysisReports(this.services);
        const lenses: CodeLens[] = [];
        for (const node of declarations) {
            // A half-typed `flow {` has no name yet and no report.
            if (!node.name || !node.$cstNode) continue;
            const report = reports.get(`${ast.isFlow(node) ? 'flow' : 'slo'} ${qualifiedName(node)}`);
            if (!report) continue;
            const range = GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range ?? node.$cstNode.range;
            const argument: WhatIfPathArgument = {
                uri: document.uri.toString(),
                kind: report.kind,
                id: report.id,
                ...(report.kind === 'flow' ? { view: `flow:${report.id}` } : {})
            };
            lenses.push({
                range,
                command: { title: summaryLine(report), command: WHAT_IF_PATH_COMMAND, tooltip: 'What if: fail zones or components on this path in the diagram preview', arguments: [argument] }
            });
        }
        return lenses;
    }
}

const byModel = new WeakMap<object, Map<string, PathReport>>();

/** The analysis reports of the workspace model by `flow <id>` / `slo <id>` (a flow and an SLO may share a name). */
export function analysisReports(services: SysdServices): Map<string, PathReport> {
    const model = services.model.ModelService.workspaceModel();
    let reports = byModel.get(model);
    if (!reports) {
        const result = analyze(model);
        reports = new Map([...result.flows, ...result.slos].map(r => [`${r.kind} ${r.id}`, r]));
        byModel.set(model, reports);
    }
    return reports;
}
