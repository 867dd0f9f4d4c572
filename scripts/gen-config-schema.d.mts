import type { RuleMeta } from '../language/src/lint/types.js';

export const SCHEMA_FILE: string;
export const SEVERITIES: readonly string[];
/** The schema of sysd.config.json / .sysdrc.json (JSON schema draft-07). */
export function configSchema(metas: readonly RuleMeta[], docsUrl?: (id: string) => string | undefined): Record<string, unknown>;
/** The `sysd.rules` setting: the same entries, inline; the setting's own keys are kept from `current`. */
export function ruleSettingSchema(metas: readonly RuleMeta[], current: Record<string, unknown> | undefined, docsUrl?: (id: string) => string | undefined): Record<string, unknown>;
/** Writes (or, with `check`, compares) the schema file and the setting; returns the files that are stale. */
export function generateConfigSchema(options?: { check?: boolean }): Promise<string[]>;
