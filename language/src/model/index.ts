/**
 * `@sysd/language/model`: the semantic model as plain data, and the shape of lint findings.
 * Pure TypeScript: no Langium services, no Node built-ins, no DOM. The diagram code, the
 * protocol and any browser bundle import the model from here.
 */
export * from './types.js';
export * from './workspace.js';
export * from './queries.js';
export * from './technologies.js';
export * from './units.js';
export type {
    Finding, FixModel, RelatedModel, Severity, SeverityOrOff, TextEditModel
} from '../lint/types.js';
export * from './views.js';
/** The one "did you mean" ranking, for the diagram code's messages about views. */
export { closest, didYouMean, quotedAlternatives } from '../suggest.js';
