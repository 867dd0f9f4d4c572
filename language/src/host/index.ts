/**
 * The facade every host uses (the language server, the CLI, the Markdown preview's snippets): the
 * workspace's model and findings, its problems as one list, fixes, configuration layers, snippet
 * analysis, the rule catalog, and the one severity mapping to LSP.
 */
export { SysdAnalysis, type ConfigLayers, type ProblemFix } from './analysis.js';
export { errorMessage, guarded, logInternalError } from './internal-error.js';
export type { ConfigurationProblem, DocumentProblem, ProblemLocation, ProblemSource, RelatedProblemLocation, SysdProblem } from './problems.js';
export { ruleCatalog, type RuleSummary } from './rules.js';
export { fromLspSeverity, toLspSeverity } from './severity.js';
export { SnippetAnalyzer, type SnippetAnalysis } from './snippets.js';
export {
    fixAllInPlace, fixAllPreview, fixAllText, fixPass, hasSyntaxErrors, MAX_FIX_PASSES, minimalEdit, safeFix, SOURCE_FIX_ALL_SYSD,
    type AppliedFix, type FixAllResult, type FixPass, type Reanalyse
} from './fix-all.js';
