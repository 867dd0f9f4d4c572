/**
 * Declared facts beat technology defaults, for every default of every technology: for each property a
 * technology sets (technologies.ts), a component of that technology declares another value, and the
 * model must hold the declared value with origin `declared`, and no rule may still describe the
 * technology's behaviour for that property. A new default without an entry in OPPOSITE fails here.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../language/src/lint/config.js';
import { lint } from '../../language/src/lint/engine.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { TECHNOLOGIES } from '../../language/src/model/technologies.js';
import type { ComponentKind, PropName } from '../../language/src/model/types.js';
import { workspace } from '../helpers.js';

interface Opposite {
    /** The property as written in the component. */
    text: string;
    /** Whether the model's value is the declared one. */
    holds: (value: unknown) => boolean;
}

type Props = Partial<Record<string, unknown>>;
const field = (value: unknown, key: string) => (value as Props | undefined)?.[key];

/**
 * How to declare something other than the technology's value of each property, or why it cannot be
 * declared (the grammar has no way to say it).
 */
const OPPOSITE: Partial<Record<PropName, (value: unknown) => Opposite | string>> = {
    brokerType: value => {
        const other = value === 'in-memory' ? 'log-based' : 'in-memory';
        return { text: `type ${other}`, holds: v => v === other };
    },
    retention: value => value === 'until-ack'
        ? { text: 'retention forever', holds: v => v === 'forever' }
        : { text: 'retention until-ack', holds: v => v === 'until-ack' },
    pattern: value => {
        const other = value === 'pub-sub' ? 'point-to-point' : 'pub-sub';
        return { text: `pattern ${other}`, holds: v => v === other };
    },
    replication: value => {
        const type = field(value, 'type');
        if (type === 'single-leader') return { text: 'replication leaderless { n 3; w 2; r 2; conflict resolution version-vectors }', holds: v => field(v, 'type') === 'leaderless' };
        return { text: 'replication single-leader { followers 2; failover automatic }', holds: v => field(v, 'type') === 'single-leader' };
    },
    partition: value => {
        const other = field(value, 'strategy') === 'range' ? 'consistent-hash' : 'range';
        return { text: `partition by id ${other}`, holds: v => field(v, 'strategy') === other };
    },
    isolation: value => {
        const other = value === 'serializable' ? 'read-committed' : 'serializable';
        return { text: `isolation ${other}`, holds: v => v === other };
    },
    eviction: value => {
        const other = value === 'lru' ? 'lfu' : 'lru';
        return { text: `eviction ${other}`, holds: v => v === other };
    },
    external: value => (value === true ? { text: 'internal', holds: v => v === false } : { text: 'external', holds: v => v === true }),
    managed: value => (value === true ? { text: 'self-managed', holds: v => v === false } : { text: 'managed', holds: v => v === true })
};

/** What rule messages say when they rely on a technology's value of a property. */
function behaviour(key: PropName, value: unknown): RegExp | undefined {
    switch (key) {
        // An in-memory broker's retention and pattern follow from its type: a log-based one keeps history.
        case 'brokerType': return value === 'in-memory' ? /in-memory broker|deletes messages|until they are acknowledged|publish\/subscribe/ : /each partition goes to one/;
        case 'retention': return value === 'until-ack' ? /until they are acknowledged|deletes messages/ : undefined;
        case 'pattern': return value === 'pub-sub' ? /publish\/subscribe/ : undefined;
        case 'replication': {
            const type = field(value, 'type');
            if (type === 'leaderless') return /leaderless|last-write-wins/;
            if (type === 'multi-leader') return /multi-leader|accepts writes on/;
            if (type === 'consensus') return /consensus/;
            return undefined;
        }
        case 'partition': return field(value, 'strategy') === 'range' ? /range-partitioned/ : /hash modulo/;
        case 'eviction': return /eviction/;
        case 'isolation': return /isolation/;
        case 'external': return value === true ? /External client|networks we do not control/ : undefined;
        default: return undefined;
    }
}

/** A component of the kind with the declaration, and around it what makes the rules look at it. */
function probe(kind: ComponentKind, technology: string, declaration: string): string {
    switch (kind) {
        case 'broker':
            return `broker X : ${technology} {\n    ${declaration}\n    topic t\n}\nservice C { replicas 2; consumes X.t { replay; idempotent; dlq X.t } }\n`
                + `event-sourcing Ledger { store X.t; snapshots every 100 }`;
        case 'database':
            return `database X : ${technology} {\n    ${declaration}\n    holds payments\n}\nservice S { replicas 2; reads X { requires linearizable }; writes X }`;
        case 'cache':
            return `cache X : ${technology} {\n    ${declaration}\n}\nservice S { replicas 2; reads X }`;
        case 'client':
            return `client X : ${technology} {\n    ${declaration}\n    calls Api over http\n}\ngateway Api { public; replicas 2 }`;
        default:
            return `${kind} X : ${technology} {\n    ${declaration}\n}`;
    }
}

const CASES = TECHNOLOGIES.flatMap(tech => Object.entries(tech.defaults).map(([key, value]) => ({
    tech: tech.id, kind: tech.kinds[0], key: key as PropName, value: value
})));

describe('declared facts beat technology defaults', () => {
    it('covers every default of every technology', () => {
        expect(CASES.length).toBeGreaterThan(40);
        for (const { key } of CASES) expect(OPPOSITE[key], `no way to declare another value of '${key}': add it to OPPOSITE`).toBeDefined();
    });

    it.each(CASES.map(c => [`${c.tech} › ${c.key}`, c] as const))('%s', async (_, { tech, kind, key, value }) => {
        const opposite = OPPOSITE[key]!(value);
        if (typeof opposite === 'string') {
            // Not declarable: the default stands, and says so.
            const { model } = await workspace(`${kind} X : ${tech}`);
            expect(model.component('X')?.origins[key], opposite).toBe('technology');
            return;
        }
        const code = probe(kind, tech, opposite.text);
        const { model, documents } = await workspace(code);
        const x = model.component('X')!;
        expect(x, code).toBeDefined();
        const declared = x.props[key];
        expect(opposite.holds(declared), `${code}\nholds ${JSON.stringify(declared)}`).toBe(true);
        expect(x.origins[key]).toBe('declared');
        const said = behaviour(key, value);
        if (!said) return;
        const findings = lint({ model, documents: () => documents[0], config: resolveConfig(ALL_RULES, []) });
        const messages = findings.map(f => f.message);
        expect(messages.filter(m => said.test(m)), `${code}\nstill described by ${tech}'s ${key}`).toEqual([]);
    });

    it('drops the defaults that followed from a replaced one, and keeps them when the value is the same', async () => {
        const { model } = await workspace(`broker Pager : rabbitmq { type log-based; topic t }\nbroker Jobs : rabbitmq { type in-memory; queue q }`);
        const pager = model.component('Pager')!;
        expect(pager.props.brokerType).toBe('log-based');
        expect(pager.props.retention).toBeUndefined();
        expect(pager.origins.retention).toBeUndefined();
        expect(model.component('Pager.t')!.props.retention).toBeUndefined();
        const jobs = model.component('Jobs')!;
        expect(jobs.props.retention).toBe('until-ack');
        expect(jobs.origins.retention).toBe('technology');
    });
});
