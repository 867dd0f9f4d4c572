import type { RelationModel } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';

/** What is being retried, for messages: "its call to 'B'", "publishing to 't'", "messages from 't'". */
export function retriedThing(model: ArchModel, relation: RelationModel): string {
    const target = model.component(relation.target)?.name ?? relation.target;
    if (relation.kind === 'publishes') return `publishing to '${target}'`;
    if (relation.kind === 'consumes') return `messages from '${target}'`;
    return `its call to '${target}'`;
}
