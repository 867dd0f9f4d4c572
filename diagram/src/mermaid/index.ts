/** Mermaid export: the flowchart renderer of the view graph, sequence diagrams and Markdown pages. */
export { mermaidText, encodeIdPart, markdownText } from './escape.js';
export {
    renderMermaidFlowchart, toMermaidFlowchart, buildMermaidFlowchart, flowchartView, chosenKinds, nodeId, compoundId, groupId, KIND_SHAPES,
    type FlowchartOptions, type FlowchartResult, type MermaidRenderOptions
} from './flowchart.js';
export { toMermaidSequences, findSequence, type SequenceView } from './sequence.js';
export { toMarkdownPage, type MarkdownPageOptions } from './markdown.js';
export { exportMermaid, type MermaidExportRequest, type MermaidExportResult } from './export.js';
