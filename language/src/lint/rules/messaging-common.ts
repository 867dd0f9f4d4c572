import type { ComponentModel, RelationModel, SourceLocation } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { LineIndex } from '../text.js';
import type { TextEditModel } from '../types.js';

/**
 * Shared helpers of the messaging and call-resilience rules: where a relation's squiggle goes,
 * which broker a channel belongs to, effective delivery guarantees, and the few text look-ups the
 * quick fixes need (reference text as written, indentation, a flag among a component's members).
 */

type TextSource = (uri: string) => string | undefined;

/** The location of a relation's target reference (where its squiggle goes). */
export function targetLoc(relation: RelationModel): SourceLocation {
    return { uri: relation.loc.uri, range: relation.targetRange ?? relation.loc.range };
}

/** A message channel and the broker that carries it (a stand-alone topic or queue is its own broker). */
export interface Channel {
    channel: ComponentModel;
    broker: ComponentModel;
}

const CHANNEL_OR_BROKER = new Set(['topic', 'queue', 'broker']);

/** The channel a publish/consume relation (or an event store) points at, or undefined for anything else. */
export function channelOf(model: ArchModel, id: string): Channel | undefined {
    const channel = model.component(id);
    if (!channel || !CHANNEL_OR_BROKER.has(channel.kind)) return undefined;
    const parent = model.component(channel.parent);
    return { channel, broker: parent?.kind === 'broker' ? parent : channel };
}

export type Delivery = NonNullable<RelationModel['delivery']>;

/** The consume's own delivery setting, else its channel's, else its broker's; undefined when nobody says. */
export function effectiveDelivery(model: ArchModel, consume: RelationModel): Delivery | undefined {
    if (consume.delivery) return consume.delivery;
    const found = channelOf(model, consume.target);
    if (!found) return undefined;
    return found.channel.props.delivery ?? found.broker.props.delivery;
}

/** The text of a relation's target reference as written (`Events.orderEvents`), if available. */
export function targetText(text: TextSource, relation: RelationModel): string | undefined {
    if (!relation.targetRange) return undefined;
    const source = text(relation.loc.uri);
    if (source === undefined) return undefined;
    const written = new LineIndex(source).slice(relation.targetRange).trim();
    return /^[\w.-]+$/.test(written) ? written : undefined;
}

/** The leading whitespace of the line where `loc` starts. */
export function indentOf(text: TextSource, loc: SourceLocation): string {
    const source = text(loc.uri);
    if (source === undefined) return '';
    return /^[ \t]*/.exec(new LineIndex(source).line(loc.range.start.line))![0];
}

/** Same-length copy of `text` with comments and string literals blanked out. */
function mask(text: string): string {
    return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, m => m.replace(/[^\n]/g, ' '));
}

/**
 * An edit removing a bare flag (such as `public`) written directly among a component's members
 * (not inside a nested topic): its whole line when it stands alone, else the word with its `;`.
 * Undefined when the component does not write the flag itself.
 */
export function removeFlag(text: TextSource, loc: SourceLocation, flag: string): TextEditModel | undefined {
    const source = text(loc.uri);
    if (source === undefined) return undefined;
    const lines = new LineIndex(source);
    const start = lines.offset(loc.range.start);
    const body = mask(source.slice(start, lines.offset(loc.range.end)));
    let depth = 0;
    const word = new RegExp(`^${flag}(?![\\w-])`);
    for (let i = 0; i < body.length; i++) {
        const ch = body[i];
        if (ch === '{') depth++;
        else if (ch === '}') depth--;
        else if (depth === 1 && (i === 0 || /[\s{;]/.test(body[i - 1])) && word.test(body.slice(i, i + flag.length + 1))) {
            const lineStart = body.lastIndexOf('\n', i) + 1;
            const before = body.slice(lineStart, i);
            let end = i + flag.length;
            while (end < body.length && /[ \t]/.test(body[end])) end++;
            if (body[end] === ';') end++;
            while (end < body.length && /[ \t]/.test(body[end])) end++;
            if (lineStart > 0 && before.trim().length === 0 && (end >= body.length || body[end] === '\n' || body[end] === '\r')) {
                // The flag is alone on its line: drop the line (from the previous line's end).
                return edit(loc.uri, lines, start + lineStart - 1, start + end);
            }
            return edit(loc.uri, lines, start + i, start + end);
        }
    }
    return undefined;
}

function edit(uri: string, lines: LineIndex, from: number, to: number): TextEditModel {
    return { uri, range: { start: lines.position(from), end: lines.position(to) }, newText: '' };
}
