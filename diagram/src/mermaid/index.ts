/** Mermaid export: flowchart, sequence diagrams and Markdown pages from the semantic model. */
export { mermaidText, encodeIdPart, markdownText } from './escape.js';
export { toMermaidFlowchart, buildMermaidFlowchart, nodeId, KIND_SHAPES, type FlowchartOptions, type FlowchartResult } from './flowchart.js';
export { toMermaidSequences, findSequence, type SequenceView } from './sequence.js';
export { toMarkdownPage, type MarkdownPageOptions } from './markdown.js';
