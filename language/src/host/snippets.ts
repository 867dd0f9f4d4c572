import { EmptyFileSystem, URI } from 'langium';
import type { Model } from '../generated/ast.js';
import type { Finding } from '../lint/types.js';
import type { ArchModel } from '../model/workspace.js';
import { createSysdServices } from '../sysd-module.js';
import { SysdAnalysis } from './analysis.js';
import type { DocumentProblem } from './problems.js';

/** What sysd understands of a standalone snippet. */
export interface SnippetAnalysis {
    /** The snippet's model: what could be read of it. */
    model: ArchModel;
    /** Lint findings under the rules' default configuration. */
    findings: Finding[];
    /** Every problem of the snippet, as for a document of the workspace. */
    problems: DocumentProblem[];
    /** How many lexer and parser errors the snippet has (what the model leaves out). */
    syntaxErrors: number;
}

/**
 * Analyses standalone texts, such as ```sysd blocks in Markdown: each is parsed, linked, modelled and
 * linted in a private Langium workspace without a file system, one at a time, and removed right after.
 * Snippets never enter a host's workspace, its index or its diagnostics, and never cancel or delay its
 * builds; no configuration file applies to them.
 */
export class SnippetAnalyzer {
    private analysis: SysdAnalysis | undefined;
    private counter = 0;
    private queue: Promise<unknown> = Promise.resolve();

    /** Analyses `text` after the snippets asked for before it. */
    analyze(text: string): Promise<SnippetAnalysis> {
        const run = () => this.analyzeNow(text);
        const next = this.queue.then(run, run);
        this.queue = next.catch(() => undefined);
        return next;
    }

    private async analyzeNow(text: string): Promise<SnippetAnalysis> {
        this.analysis ??= new SysdAnalysis(createSysdServices(EmptyFileSystem).Sysd);
        const workspace = this.analysis.services.shared.workspace;
        // A new name each time: nothing cached about an earlier snippet can apply to this one.
        const uri = URI.parse(`sysd-virtual:///snippet-${++this.counter}.sysd`);
        const document = workspace.LangiumDocumentFactory.fromString<Model>(text, uri);
        workspace.LangiumDocuments.addDocument(document);
        try {
            // Linking is enough: the analysis computes the problems that validation would report.
            await workspace.DocumentBuilder.build([document], { validation: false });
            const { lexerErrors, parserErrors } = document.parseResult;
            return {
                model: this.analysis.model(),
                findings: [...this.analysis.findings()],
                problems: this.analysis.problems(document),
                syntaxErrors: lexerErrors.length + parserErrors.length
            };
        } finally {
            // Removes the document from the private workspace and its index.
            await workspace.DocumentBuilder.update([], [uri]);
        }
    }
}
