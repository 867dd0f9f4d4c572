import type { ArchModel } from '../model/workspace.js';
import type { Range, SourceLocation } from '../model/types.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeverityOrOff = Severity | 'off';

/** One option of a rule, with its default. Thresholds are options, never magic numbers. */
export type OptionSchema =
    | { type: 'number'; default: number; minimum?: number; maximum?: number; description: string }
    | { type: 'boolean'; default: boolean; description: string }
    | { type: 'string'; default: string; enum?: string[]; description: string }
    | { type: 'string[]'; default: string[]; description: string };

export type OptionsSchema = Record<string, OptionSchema>;

/**
 * The value of one option, by its declared type (a literal default such as `true` is not the type).
 * Distributes over a union, so the value of any option (`OptionValue<OptionSchema>`) is any of them.
 */
export type OptionValue<O extends OptionSchema> =
    O extends { type: 'number' } ? number
        : O extends { type: 'boolean' } ? boolean
            : O extends { type: 'string' } ? string
                : string[];

/** The option values a rule receives, typed from its schema. */
export type OptionValues<S extends OptionsSchema> = {
    [K in keyof S]: OptionValue<S[K]>;
};

/**
 * What a rule declares about itself. `S` is its options schema and `M` the ids of its messages: both
 * are inferred from the object literal given to `defineRule`, so they type the rule's code.
 */
export interface RuleMeta<S extends OptionsSchema = OptionsSchema, M extends string = string> {
    /** kebab-case, unique. */
    readonly id: string;
    /** `problem`: the design will fail in a way the notes describe; `suggestion`: a trade-off to consider. */
    readonly type: 'problem' | 'suggestion';
    readonly defaultSeverity: Severity;
    /** One line, shown in `sysd rules` and on the doc page. */
    readonly description: string;
    /** Seed sections the rule rests on (`file › heading`) and catalog rule numbers (R-numbers). */
    readonly grounding: { readonly seeds: readonly string[]; readonly catalog: readonly string[] };
    /** Message templates by id; `{{name}}` is replaced by `data.name`. */
    readonly messages: Readonly<Record<M, string>>;
    readonly options: S;
    /** The rule offers a quick fix that inserts or changes text. */
    readonly fixable: boolean;
}

/** A text edit in a document, LSP-style. */
export interface TextEditModel {
    uri: string;
    range: Range;
    newText: string;
}

export interface FixModel {
    title: string;
    edits: TextEditModel[];
    /** The preferred fix is offered first and by "fix all". */
    preferred?: boolean;
}

export interface RelatedModel {
    loc: SourceLocation;
    message: string;
}

export interface ReportDescriptor<M extends string = string> {
    /** One of the keys of the rule's `meta.messages`. */
    messageId: M;
    data?: Record<string, string | number>;
    /** Where the squiggle goes. Use the element's `loc` (its name is underlined when known). */
    loc: SourceLocation;
    /**
     * Ids of every component, relation or block the finding is about: the diagram puts a badge on each,
     * hover lists the finding on each, and a finding about several relations draws them highlighted.
     */
    elements?: string[];
    related?: RelatedModel[];
    fixes?: FixModel[];
}

/** Everything a rule's check may use. Rules are pure: they read the model and report. */
export interface RuleContext<S extends OptionsSchema = OptionsSchema, M extends string = string> {
    readonly model: ArchModel;
    /** The configured options, each one checked against the schema (its default when absent or invalid). */
    readonly options: OptionValues<S>;
    /** Source text of a document of the model, for building fixes. */
    readonly text: (uri: string) => string | undefined;
    readonly fixer: Fixer;
    readonly report: (descriptor: ReportDescriptor<M>) => void;
}

/** What a rule file writes: its meta and a check typed by that meta. */
export interface RuleDefinition<S extends OptionsSchema, M extends string> {
    meta: RuleMeta<S, M>;
    check(context: RuleContext<S, M>): void;
}

/**
 * What the engine hands every rule: the options as configured (plain data, not yet read through the
 * rule's schema) and a report that takes any message id. A rule built by `defineRule` narrows both.
 */
export interface LintContext {
    readonly model: ArchModel;
    readonly options: Readonly<Record<string, unknown>>;
    readonly text: (uri: string) => string | undefined;
    readonly fixer: Fixer;
    readonly report: (descriptor: ReportDescriptor) => void;
}

/**
 * A rule as `defineRule` returns it. `S` and `M` stay visible to whoever holds the rule itself (its
 * tests); `Rule` without arguments is the erased form that lists and the engine hold. Erasing is
 * sound without casts: `meta` is read-only, and `check` takes the same `LintContext` whatever the
 * rule's types are, because `defineRule` reads the options through the schema inside the rule.
 */
export interface Rule<S extends OptionsSchema = OptionsSchema, M extends string = string> {
    readonly meta: RuleMeta<S, M>;
    readonly check: (context: LintContext) => void;
}

/** The message id of the finding that stands for a rule that threw (see `lint`). */
export const RULE_FAILED = 'ruleFailed';

/** A lint finding, after messages were filled in and severities applied. */
export interface Finding {
    ruleId: string;
    /** The message id the rule reported (a key of its `meta.messages`), or `ruleFailed` when the rule threw. */
    messageId: string;
    severity: Severity;
    message: string;
    loc: SourceLocation;
    /**
     * Ids of every component, relation or block the finding is about. Empty only for findings about
     * text rather than the architecture: an unused suppression comment, a rule that failed.
     */
    elements: string[];
    related: RelatedModel[];
    fixes: FixModel[];
}

/** Builds text edits from model locations and the document text. */
export interface Fixer {
    /**
     * Adds a property line inside a component's (or block's) braces, or opens braces when it has none.
     * `loc` is the element's location (its range must cover the whole element).
     */
    addProperty(loc: SourceLocation, text: string): TextEditModel | undefined;
    /** Adds an option to a relation's `{ ... }`, opening braces when it has none. */
    addRelationOption(loc: SourceLocation, text: string): TextEditModel | undefined;
    /** Replaces the first match of `pattern` inside `loc` with `replacement`. */
    replaceIn(loc: SourceLocation, pattern: RegExp, replacement: string): TextEditModel | undefined;
    /** Inserts text right after the element's range. */
    insertAfter(loc: SourceLocation, text: string): TextEditModel | undefined;
    /** Inserts a whole line before the line where `loc` starts, with the same indentation. */
    insertLineBefore(loc: SourceLocation, line: string): TextEditModel | undefined;

    // The methods below read the element's text with comments and strings blanked out, and look only
    // at the element's own members (brace depth 1 from where `loc` starts), so a broker's topics or a
    // nested block never match by accident unless `nested` asks for them.

    /** True when the element writes a member matching `pattern`; `nested` also looks inside its blocks. */
    declares(loc: SourceLocation, pattern: RegExp, options?: MemberSearch): boolean;
    /**
     * Replaces the last member matching `pattern` (the declaration that wins) with `replacement`;
     * `$1`-style groups are taken from the match in the document, so lookarounds are allowed.
     * Undefined when the element does not write such a member.
     */
    replaceMember(loc: SourceLocation, pattern: RegExp, replacement: string, options?: MemberSearch): TextEditModel | undefined;
    /**
     * Removes a bare flag (such as `public` or `stateful`) written among the element's members: its whole
     * line when it stands alone on it, otherwise the word with its `;` and the spaces after it.
     */
    removeFlag(loc: SourceLocation, flag: string): TextEditModel | undefined;
    /**
     * Where a nested block introduced by `head` (words such as `'replication single-leader'`) is written
     * among the element's members: from the head's last word to the block's closing brace, or just that
     * word when the block has no braces. The last declaration wins. Undefined when the element's text
     * does not write it (for instance when it comes from the technology).
     */
    blockOf(loc: SourceLocation, head: string): SourceLocation | undefined;
    /**
     * Adds `member` inside the block `head` of the element (see `blockOf`), opening braces after a bare
     * head; when the element does not write the block, adds `head { member }` as a new member.
     */
    addToBlock(loc: SourceLocation, head: string, member: string): TextEditModel | undefined;
    /** The text written at `loc`. */
    textAt(loc: SourceLocation): string | undefined;
    /** The reference written at `loc` (`Events.orderEvents`), or undefined when the text there is not one name. */
    referenceAt(loc: SourceLocation): string | undefined;
    /** The leading spaces and tabs of the line where `loc` starts ('' when the document is unknown). */
    indentAt(loc: SourceLocation): string;
}

/** Where `Fixer.declares` and `Fixer.replaceMember` look. */
export interface MemberSearch {
    /** Also match inside the element's nested blocks (such as `replication consensus { nodes 3 }`). */
    nested?: boolean;
}
