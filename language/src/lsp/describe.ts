/**
 * Plain-text renderings of model values for hover and other editor features. They read only the
 * semantic model (never the AST).
 */
import type { Topic } from '../knowledge/index.js';
import type { Finding } from '../lint/types.js';
import { formatDuration } from '../model/units.js';
import type { ComponentModel, ComponentProps, PropName, Range, RelationModel, Replication } from '../model/types.js';

/** Properties in the order a reader expects them; everything else follows alphabetically. */
const PROP_ORDER: PropName[] = [
    'replicas', 'placements', 'managed', 'external', 'internal', 'public', 'stateful', 'style', 'scaling', 'trigger',
    'ha', 'failover', 'healthCheck', 'availability', 'replication', 'partition', 'consistency', 'isolation', 'owns', 'holds',
    'brokerType', 'pattern', 'retention', 'partitions', 'key', 'delivery', 'ordering', 'dlq'
];

const FLAGS: PropName[] = ['managed', 'stateful', 'public', 'internal', 'external', 'cdc'];

/** Grammar spelling of a property (`brokerType` -> `type`, `ttlMs` -> `ttl`). */
const PROP_LABEL: Partial<Record<PropName, string>> = {
    healthCheck: 'health check', rateLimit: 'rate limit', brokerType: 'type', ttlMs: 'ttl', cachePlacement: 'placement',
    cachePolicy: 'cache policy', cdnMode: 'cdn mode', placements: 'in', origins: 'origin'
};

function propLabel(name: PropName): string {
    return PROP_LABEL[name] ?? name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
}

/** The effective properties worth showing: set, non-empty, and not the implicit defaults. */
export function effectiveProps(component: ComponentModel): { name: PropName; label: string; value: string; fromTechnology: boolean }[] {
    const props = component.props;
    const names = (Object.keys(props) as PropName[]).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const result: { name: PropName; label: string; value: string; fromTechnology: boolean }[] = [];
    for (const name of names) {
        const raw = props[name];
        if (raw === undefined || raw === false) continue;
        if (Array.isArray(raw) && raw.length === 0) continue;
        if (name === 'replicas' && component.origins.replicas === undefined && props.replicas === 1) continue;
        if (name === 'placements' && component.origins.replicas !== undefined) continue; // shown with replicas
        const value = FLAGS.includes(name) ? 'yes' : formatProp(name, props);
        result.push({ name, label: propLabel(name), value, fromTechnology: component.origins[name] === 'technology' });
    }
    return result;
}

function rank(name: PropName): number {
    const index = PROP_ORDER.indexOf(name);
    return index < 0 ? PROP_ORDER.length : index;
}

function formatProp(name: PropName, props: ComponentProps): string {
    switch (name) {
        case 'replicas':
            return props.placements.length > 0 ? `${props.replicas} across ${props.placements.join(', ')}` : String(props.replicas);
        case 'healthCheck':
            return props.healthCheck?.path ? `"${props.healthCheck.path}"` : props.healthCheck?.kind ?? 'yes';
        case 'rateLimit': {
            const limit = props.rateLimit;
            if (!limit || limit === 'none') return 'none';
            return `${limit.count}/${limit.unit}${limit.per ? ` per ${limit.per}` : ''}${limit.burst !== undefined ? ` burst ${limit.burst}` : ''}`;
        }
        case 'availability':
            return `${props.availability}%`;
        case 'replication':
            return props.replication ? formatReplication(props.replication) : '';
        case 'partition': {
            const p = props.partition!;
            return [p.key ? `by ${p.key}` : '', p.keyKind ? `as ${p.keyKind}` : '', p.strategy ?? '', p.count !== undefined ? `into ${p.count}` : '']
                .filter(Boolean).join(' ');
        }
        case 'ttlMs':
            return formatDuration(props.ttlMs!);
        case 'retention': {
            const r = props.retention!;
            return typeof r === 'string' ? r : formatDuration(r.ms);
        }
        case 'latencies':
            return (props.latencies ?? []).map(l => `${l.percentile} ${formatDuration(l.ms)}`).join(', ');
        default: {
            const value = props[name];
            return Array.isArray(value) ? value.map(item => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ') : String(value);
        }
    }
}

function formatReplication(r: Replication): string {
    const parts: string[] = [r.type];
    switch (r.type) {
        case 'single-leader':
            if (r.followers !== undefined) parts.push(`followers ${r.followers}${r.followerPlacements.length ? ` in ${r.followerPlacements.join(', ')}` : ''}`);
            if (r.mode) parts.push(`mode ${r.mode}`);
            if (r.failover) parts.push(`failover ${r.failover}`);
            if (r.readFrom) parts.push(`read from ${r.readFrom}`);
            if (r.election) parts.push(`election ${r.election.coordinator ? `via ${r.election.coordinator}` : r.election.method}`);
            if (r.fencingTokens) parts.push('fencing tokens');
            break;
        case 'multi-leader':
            if (r.leaders !== undefined) parts.push(`leaders ${r.leaders}`);
            if (r.topology) parts.push(`topology ${r.topology}`);
            if (r.conflictResolution) parts.push(`conflict resolution ${r.conflictResolution}`);
            if (r.mode) parts.push(`mode ${r.mode}`);
            break;
        case 'leaderless':
            for (const q of ['n', 'w', 'r'] as const) if (r[q] !== undefined) parts.push(`${q} ${r[q]}`);
            if (r.sloppyQuorum) parts.push('sloppy quorum');
            if (r.readRepair) parts.push('read repair');
            if (r.antiEntropy) parts.push('anti-entropy');
            if (r.hintedHandoff) parts.push('hinted-handoff');
            if (r.conflictResolution) parts.push(`conflict resolution ${r.conflictResolution}`);
            break;
        case 'consensus':
            if (r.protocol) parts.push(r.protocol);
            if (r.nodes !== undefined) parts.push(`nodes ${r.nodes}`);
            break;
    }
    return parts.length > 1 ? `${parts[0]} (${parts.slice(1).join(', ')})` : parts[0];
}

/** The settings of a relation, in the words of the grammar. */
export function relationSettings(r: RelationModel): string[] {
    const settings: string[] = [];
    if (r.protocol) settings.push(`over ${r.protocol}`);
    if (r.kind === 'calls') settings.push(r.sync ? 'sync' : 'async');
    if (r.timeoutMs !== undefined) settings.push(`timeout ${formatDuration(r.timeoutMs)}`);
    if (r.retry) {
        const retry = r.retry;
        settings.push(['retry', retry.unbounded ? 'forever' : String(retry.count ?? 0), retry.backoff ?? '', retry.jitter ? 'jitter' : '',
            retry.maxDelayMs !== undefined ? `max ${formatDuration(retry.maxDelayMs)}` : ''].filter(Boolean).join(' '));
    }
    if (r.circuitBreaker) settings.push('circuit-breaker');
    if (r.idempotent) settings.push('idempotent');
    if (r.idempotencyKey) settings.push('idempotency-key');
    if (r.fallback) settings.push(`fallback ${r.fallback.target ?? (r.fallback.cache ? 'cache' : 'default')}`);
    if (r.tls) settings.push(`tls ${r.tls}`);
    if (r.readFrom) settings.push(`read from ${r.readFrom}`);
    if (r.requires) settings.push(`requires ${r.requires}`);
    if (r.viaCache) settings.push(`via ${r.viaCache}`);
    if (r.via) settings.push(`via ${r.via}${r.relay ? ` relay ${r.relay}` : ''}`);
    if (r.key) settings.push(`key ${r.key}`);
    if (r.delivery) settings.push(`delivery ${r.delivery}`);
    if (r.dlq) settings.push(`dlq ${r.dlq}`);
    if (r.group) settings.push(`group ${r.group}`);
    if (r.replay) settings.push('replay');
    if (r.ordered) settings.push('ordered');
    if (r.mode) settings.push(r.mode);
    return settings;
}

/** `Orders calls Billing`, with `uses` spelled as the arrow it came from. */
export function relationSummary(r: RelationModel, shortName: (id: string) => string = id => id): string {
    const verb = r.arrow ? `-> (${r.kind})` : r.kind;
    return `${shortName(r.source)} ${verb} ${shortName(r.target)}`;
}

const SEVERITY_ICON: Record<Finding['severity'], string> = { error: '⛔', warning: '⚠️', info: 'ℹ️', hint: '💡' };

/** A finding on one line; with `docsUrl`, the rule id links to the rule's page. */
export function formatFinding(finding: Finding, docsUrl?: (ruleId: string) => string | undefined): string {
    const url = docsUrl?.(finding.ruleId);
    const rule = url ? `[\`${finding.ruleId}\`](${url})` : `\`${finding.ruleId}\``;
    return `${SEVERITY_ICON[finding.severity]} ${rule} ${finding.message}`;
}

export function rangeContains(outer: Range, inner: Range): boolean {
    return comparePos(outer.start, inner.start) <= 0 && comparePos(inner.end, outer.end) <= 0;
}

function comparePos(a: Range['start'], b: Range['start']): number {
    return a.line - b.line || a.character - b.character;
}

export function sameRange(a: Range, b: Range): boolean {
    return comparePos(a.start, b.start) === 0 && comparePos(a.end, b.end) === 0;
}

/** Where a hover links a topic's or a rule's full page; `undefined` when the host publishes none. */
export interface PageLinks {
    topic: (topicId: string) => string | undefined;
    rule: (ruleId: string) => string | undefined;
}

/**
 * The link target of a command that a client runs on click (`command:sysd.explain?["topic:outbox"]`):
 * VS Code's form, which its hovers follow when the client trusts the command.
 */
export function commandLink(command: string, argument: string): string {
    return `command:${command}?${encodeURIComponent(JSON.stringify([argument]))}`;
}

/** The most text a topic's gist takes in a hover, link targets not counted (the hover tests hold every topic to it). */
export const TOPIC_GIST_MAX = 400;

/** How many of the rules that check a topic its gist names; the full page lists them all. */
const GIST_RULES = 3;

/**
 * A pattern or concept as a hover leads with it, in the manner of a linter's message and rule link:
 * its title and one-sentence gist, then one line with the link to the full page (how it works, when
 * to use it, trade-offs, what goes wrong without it, sources) and the rules that check it. Without a
 * page to link to, the line names the command that prints the page.
 */
export function topicGist(t: Pick<Topic, 'id' | 'title' | 'gist' | 'rules'>, links: PageLinks): string {
    const url = links.topic(t.id);
    const tooltip = `${t.title}: how it works, when to use it, trade-offs`.replace(/["\\]/g, "'");
    const page = url ? `[Full explanation →](${url} "${tooltip}")` : `Full explanation: \`sysd explain ${t.id}\``;
    const rules = t.rules.slice(0, GIST_RULES).map(id => {
        const ruleUrl = links.rule(id);
        return ruleUrl ? `[\`${id}\`](${ruleUrl})` : `\`${id}\``;
    });
    const more = t.rules.length > GIST_RULES ? ` and ${t.rules.length - GIST_RULES} more` : '';
    const checked = rules.length > 0 ? ` · checked by ${rules.join(', ')}${more}` : '';
    return `**${t.title}** — ${t.gist}\n\n${page}${checked}`;
}
