/**
 * The figures the analysis uses when the text states none, each with its source. A figure written in
 * the text (`availability 99.95%` on a component) always wins; a technology's figure comes next; the
 * per-kind defaults last. Every default used is listed in the result's `assumptions`.
 */
import type { ComponentModel } from '../model/types.js';
import type { FigureSource } from './types.js';

export interface Figure {
    value: number;
    source: FigureSource;
    /** Where the figure comes from, for the working and docs/analysis.md. */
    basis: string;
}

/**
 * Availability of one self-run instance (a VM or container and what runs on it), when nothing is
 * stated. Amazon EC2's SLA commits to 99.5% for a single instance (instance-level uptime), the usual
 * public figure for one machine.
 */
export const INSTANCE_AVAILABILITY: Figure = {
    value: 0.995, source: 'default',
    basis: 'default for one self-run instance (Amazon EC2 SLA, instance-level uptime 99.5%)'
};

/** A managed or third-party component whose technology has no published figure here. */
export const MANAGED_AVAILABILITY: Figure = {
    value: 0.999, source: 'default',
    basis: 'default for a managed or external service (the common 99.9% monthly uptime commitment of cloud SLAs)'
};

/**
 * Published monthly uptime commitments of managed technologies (their providers' service level
 * agreements, as of 2024). The key is the technology id of `model/technologies.ts`, so its aliases
 * share the figure. An SLA is a refund threshold, not a measurement: the figure is a floor the
 * provider stands behind. Route 53's SLA says 100%; sysd counts it as 99.99%, since a 100% figure
 * leaves no room for any failure (see the rule infeasible-availability-target).
 */
const TECHNOLOGY_SLA: Readonly<Record<string, { percent: number; sla: string }>> = {
    's3': { percent: 99.9, sla: 'Amazon S3 SLA (S3 Standard)' },
    'dynamodb': { percent: 99.99, sla: 'Amazon DynamoDB SLA (standard tables)' },
    'sqs': { percent: 99.9, sla: 'Amazon SQS SLA' },
    'sns': { percent: 99.9, sla: 'Amazon SNS SLA' },
    'kinesis': { percent: 99.9, sla: 'Amazon Kinesis Data Streams SLA' },
    'aws-lambda': { percent: 99.95, sla: 'AWS Lambda SLA' },
    'aws-elb': { percent: 99.99, sla: 'Elastic Load Balancing SLA' },
    'amazon-api-gateway': { percent: 99.95, sla: 'Amazon API Gateway SLA' },
    'cloudfront': { percent: 99.9, sla: 'Amazon CloudFront SLA' },
    'route53': { percent: 99.99, sla: 'Amazon Route 53 SLA (100%, counted as 99.99%)' },
    'gcp-pubsub': { percent: 99.95, sla: 'Google Cloud Pub/Sub SLA' },
    'azure-service-bus': { percent: 99.9, sla: 'Azure Service Bus SLA (Standard)' }
};

/** The technology's published figure, if it has one. */
export function technologyAvailability(c: ComponentModel, technologyId: string | undefined): Figure | undefined {
    if (!technologyId || !c.props.managed) return undefined;
    const sla = TECHNOLOGY_SLA[technologyId];
    return sla ? { value: sla.percent / 100, source: 'technology', basis: sla.sla } : undefined;
}

/**
 * How long a failed leader stays out (its MTTR: "time taken to detect, diagnose, repair and test", 003
 * › "### Availability and Reliability") when a failover time is stated: 1 hour, sysd's default. A
 * stated failover time F then costs the first min(F, MTTR) of each leader outage (see
 * `failoverAvailability`); without a stated time the analysis needs no MTTR (automatic failover counts
 * as immediate, manual as never).
 */
export const LEADER_REPAIR = {
    ms: 3_600_000,
    basis: 'sysd\'s default time to repair a failed leader (MTTR: detect, diagnose, repair and test, 003 › "### Availability and Reliability")'
} as const;

/**
 * Base delay of the first retry when a backoff is stated without one (`retry 3 exponential 200ms`
 * states it): 100 ms, the first delay of every backoff sequence in the notes (003 › "### Retry Pattern":
 * fixed 100, 100, 100; incremental 100, 200, 300; exponential 100, 200, 400, 800).
 */
export const RETRY_BASE_DELAY_MS = 100;

/**
 * Replicas of each key of a leaderless store when `n` is not stated: 3, the usual choice the notes
 * name (002 › "**Quorums for reading and writing**": "typically 3 or 5"), never more than the nodes.
 */
export const LEADERLESS_DEFAULT_N = 3;

/** Majority of `n`: ⌊n/2⌋ + 1 (002, 004: a quorum is an absolute majority). */
export function majority(n: number): number {
    return Math.floor(n / 2) + 1;
}

/** Quorum of a leaderless store when `w` or `r` is not stated: ⌈(n + 1)/2⌉ (002: "w = r = (n + 1)/2 (rounded up)"). */
export function leaderlessQuorum(n: number): number {
    return Math.ceil((n + 1) / 2);
}
