/**
 * Mermaid `sequenceDiagram`s for the behaviour blocks of the model: one per saga (its steps, and
 * what runs when a step fails) and one per flow (a request along its path and the answers back).
 */
import type { ComponentKind, FlowModel, SagaModel, SagaStepModel } from '@sysd/language/model';
import type { ArchModel } from '@sysd/language/model';
import { displayName } from '../text.js';
import { mermaidText } from './escape.js';

export interface SequenceView {
    kind: 'saga' | 'flow';
    /** Qualified name of the saga or flow. */
    id: string;
    name: string;
    /** A one-line description (mode, orchestrator, broker, path). */
    summary: string;
    text: string;
}

/** Every saga and flow of the model as a sequence diagram, sagas first, each in source order. */
export function toMermaidSequences(model: ArchModel): SequenceView[] {
    return [
        ...model.sagas.map(saga => sagaView(model, { ...saga, id: idText(saga.id), name: displayName(saga.name, saga.id), steps: saga.steps.map(normalStep) })),
        ...model.flows.map(flow => flowView(model, { ...flow, id: idText(flow.id), name: displayName(flow.name, flow.id), path: flow.path.map(idText) }))
    ];
}

/**
 * A step as the diagram needs it: a half-written step (`step a.` or `step .x`) has no service or no
 * action yet; it is drawn with `(unnamed)` in the gap rather than breaking the whole page.
 */
function normalStep(step: SagaStepModel): SagaStepModel {
    const compensation = step.compensation
        ? { service: idText(step.compensation.service), action: displayName(step.compensation.action) }
        : undefined;
    return { ...step, service: idText(step.service), action: displayName(step.action), compensation };
}

/** A reference as text; an unresolved one (undefined) becomes empty and is named `(unnamed)`. */
function idText(id: unknown): string {
    return typeof id === 'string' ? id : '';
}

/**
 * Finds one view by qualified name, or by plain name when exactly one saga or flow has it.
 * Returns an error message instead when there is no such view or the name is ambiguous.
 */
export function findSequence(model: ArchModel, name: string): SequenceView | string {
    const views = toMermaidSequences(model);
    const exact = views.filter(v => v.id === name);
    if (exact.length === 1) return exact[0];
    const byName = views.filter(v => v.name === name);
    if (byName.length === 1) return byName[0];
    if (byName.length > 1) return `The name '${name}' fits several views (${byName.map(v => `${v.kind} ${v.id}`).join(', ')}); give the qualified name.`;
    const known = views.map(v => `${v.kind} ${v.id}`).join(', ');
    return `There is no saga or flow '${name}'${known ? ` (views: ${known})` : ' (the model has no sagas or flows)'}.`;
}

/** Participant ids in order of first use (`p1`, `p2`...), with escaped aliases. */
class Participants {
    private readonly ids = new Map<string, string>();
    readonly declarations: string[] = [];

    constructor(private readonly model: ArchModel) {}

    id(componentId: string, note?: string): string {
        let id = this.ids.get(componentId);
        if (!id) {
            id = `p${this.ids.size + 1}`;
            this.ids.set(componentId, id);
            const component = this.model.components.get(componentId);
            const name = displayName(component?.name, componentId);
            const keyword = component && ACTOR_KINDS.has(component.kind) && component.props.external ? 'actor' : 'participant';
            this.declarations.push(`    ${keyword} ${id} as ${mermaidText(note ? `${name} (${note})` : name)}`);
        }
        return id;
    }
}

/** Kinds shown as a person (an actor) when they are external users. */
const ACTOR_KINDS: ReadonlySet<ComponentKind> = new Set(['client']);

function message(from: string, arrow: string, to: string, text: string): string {
    return `    ${from}${arrow}${to}: ${mermaidText(text)}`;
}

function sagaView(model: ArchModel, saga: SagaModel): SequenceView {
    const participants = new Participants(model);
    const body: string[] = [];
    const orchestrated = saga.mode === 'orchestration' && saga.orchestrator !== undefined;
    let summary: string;
    if (orchestrated) {
        summary = `orchestrated by ${nameOf(model, saga.orchestrator!)}`;
        const o = participants.id(saga.orchestrator!, 'orchestrator');
        saga.steps.forEach(step => {
            const p = participants.id(step.service);
            body.push(message(o, '->>', p, step.action));
            if (step.external) body.push(`    Note over ${p}: ${mermaidText('external: outside our control')}`);
            body.push(message(p, '-->>', o, `${step.action} done`));
        });
        body.push(...failureBranches(saga, (failed, k) => {
            const lines: string[] = [];
            const p = participants.id(failed.service);
            lines.push(message(p, '--x', o, `${failed.action} failed`));
            for (const done of saga.steps.slice(0, k).reverse()) lines.push(...orchestratedUndo(done, o, participants));
            return lines;
        }));
    } else {
        const broker = saga.broker;
        summary = broker ? `choreographed over ${nameOf(model, broker)}` : saga.mode === 'choreography' ? 'choreographed' : 'steps in order';
        const b = broker ? participants.id(broker, 'broker') : undefined;
        // Each service does its part, then tells the next one (through the broker when there is one).
        saga.steps.forEach((step, k) => {
            const p = participants.id(step.service);
            body.push(message(p, '->>', p, step.action));
            if (step.external) body.push(`    Note over ${p}: ${mermaidText('external: outside our control')}`);
            const next = saga.steps[k + 1];
            if (next) body.push(...handOver(p, participants.id(next.service), b, `${step.action} done`));
        });
        body.push(...failureBranches(saga, (failed, k) => {
            const lines: string[] = [];
            let from = participants.id(failed.service);
            lines.push(message(from, '-x', from, `${failed.action} failed`));
            for (const done of saga.steps.slice(0, k).reverse()) {
                if (!done.compensation) {
                    lines.push(`    Note over ${participants.id(done.service)}: ${mermaidText(done.noCompensation ? `${done.action}: nothing to undo` : `${done.action}: no compensation declared`)}`);
                    continue;
                }
                const to = participants.id(done.compensation.service);
                lines.push(...handOver(from, to, b, `undo ${done.action}`, true));
                lines.push(message(to, '->>', to, done.compensation.action));
                from = to;
            }
            return lines;
        }));
    }
    const title = `Saga ${saga.name}`;
    const text = ['sequenceDiagram', `    title ${mermaidText(`${title} (${summary})`)}`, ...participants.declarations, ...body].join('\n');
    return { kind: 'saga', id: saga.id, name: saga.name, summary, text: `${text}\n` };
}

/** The compensation of one completed step, sent by the orchestrator (a dashed message). */
function orchestratedUndo(done: SagaStepModel, o: string, participants: Participants): string[] {
    if (done.compensation) {
        const c = participants.id(done.compensation.service);
        return [message(o, '--)', c, done.compensation.action), message(c, '-->>', o, `${done.compensation.action} done`)];
    }
    const p = participants.id(done.service);
    return [`    Note over ${p}: ${mermaidText(done.noCompensation ? `${done.action}: nothing to undo` : `${done.action}: no compensation declared`)}`];
}

/** A message from one service to the next: directly, or published to and delivered by the broker. */
function handOver(from: string, to: string, broker: string | undefined, text: string, dashed = false): string[] {
    const arrow = dashed ? '--)' : '-)';
    if (!broker) return [message(from, arrow, to, text)];
    return [message(from, arrow, broker, text), message(broker, arrow, to, text)];
}

/**
 * One `alt` block: the first branch is the saga completing, then one `else` per step that can fail
 * after earlier steps did something, listing the compensations in reverse order.
 * Empty when no step has anything to undo.
 */
function failureBranches(saga: SagaModel, branch: (failed: SagaStepModel, index: number) => string[]): string[] {
    if (!saga.steps.some(step => step.compensation)) return [];
    const lines = [`    alt ${mermaidText('every step succeeds')}`, `    Note over ${'p1'}: ${mermaidText(`${saga.name} completes`)}`];
    saga.steps.forEach((step, k) => {
        if (k === 0) return;
        lines.push(`    else ${mermaidText(`${displayName(undefined, step.service)}.${step.action} fails`)}`);
        lines.push(...branch(step, k).map(line => `    ${line}`));
    });
    lines.push('    end');
    return lines;
}

function flowView(model: ArchModel, flow: FlowModel): SequenceView {
    const participants = new Participants(model);
    const body: string[] = [];
    const path = flow.path;
    const ids = path.map(step => participants.id(step));
    for (let i = 0; i + 1 < path.length; i++) {
        const relation = model.outgoing(path[i]).find(r => r.target === path[i + 1]);
        const asynchronous = relation !== undefined && (relation.kind === 'publishes' || relation.kind === 'consumes' || (relation.kind === 'calls' && !relation.sync));
        const verb = relation ? describe(relation.kind, relation.protocol, relation.sync) : 'request';
        body.push(message(ids[i], asynchronous ? '-)' : '->>', ids[i + 1], verb));
    }
    for (let i = path.length - 1; i > 0; i--) {
        const relation = model.outgoing(path[i - 1]).find(r => r.target === path[i]);
        if (relation && (relation.kind === 'publishes' || relation.kind === 'consumes' || (relation.kind === 'calls' && !relation.sync))) continue;
        body.push(message(ids[i], '-->>', ids[i - 1], 'response'));
    }
    if (path.length === 1) body.push(`    Note over ${ids[0]}: ${mermaidText(flow.name)}`);
    const details = [flow.userFacing ? 'user-facing' : undefined, flow.requires ? `requires ${flow.requires}` : undefined].filter(Boolean);
    const summary = [path.map(step => nameOf(model, step)).join(' → '), ...details].join(', ');
    const text = ['sequenceDiagram', `    title ${mermaidText(`Flow ${flow.name}${details.length > 0 ? ` (${details.join(', ')})` : ''}`)}`,
        ...participants.declarations, ...body].join('\n');
    return { kind: 'flow', id: flow.id, name: flow.name, summary, text: `${text}\n` };
}

function describe(kind: string, protocol: string | undefined, sync: boolean): string {
    const verb = kind === 'calls' ? (sync ? 'call' : 'async call') : kind === 'uses' ? 'reads/writes' : kind;
    return protocol ? `${verb} over ${protocol}` : verb;
}

function nameOf(model: ArchModel, id: string): string {
    return displayName(model.components.get(id)?.name, id);
}
