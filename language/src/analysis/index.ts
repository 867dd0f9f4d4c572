/**
 * `@sysd/language/analysis`: the what-if failure analysis of a model (which flows and SLOs stay up
 * when zones, regions, components or instances fail; availability, latency and retry arithmetic with
 * the working shown). Pure TypeScript over the model: no Langium services, no Node built-ins, no DOM,
 * so a rule, the language server, the CLI and a browser bundle can all call it.
 */
export * from './types.js';
export { analyze, unmetSlos, type AnalyzeOptions } from './analyze.js';
export { parseFailure, failureSet, failureTargets, singleFailures, type FailureParse } from './failures.js';
export { formatTable, formatMarkdown, explainMarkdown, summaryLine, describeFailure } from './format.js';
export { atLeast, spread } from './components.js';
export { attempts, backoffDelays } from './timing.js';
export { majority, leaderlessQuorum, INSTANCE_AVAILABILITY, MANAGED_AVAILABILITY, RETRY_BASE_DELAY_MS } from './defaults.js';
export { percent, prob } from './numbers.js';
