import type { ArchModel } from '../model/workspace.js';
import type { Range, SourceLocation } from '../model/types.js';
import type { SysdAstType } from '../generated/ast.js';

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
    /** `off`: an opinionated rule a project turns on in its configuration (as ESLint's rules outside `recommended`). */
    readonly defaultSeverity: SeverityOrOff;
    /** One line, shown in `sysd rules` and on the doc page. */
    readonly description: string;
    /** Seed sections the rule rests on (`file › heading`) and catalog rule numbers (R-numbers). */
    readonly grounding: { readonly seeds: readonly string[]; readonly catalog: readonly string[] };
    /** Message templates by id; `{{name}}` is replaced by `data.name`, `{{name:one|other}}` by the form that agrees with the number `data.name` (`words.ts`). */
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
    /**
     * The quick fixes. Give a function that builds them (`fixes: () => [...]`) rather than the list:
     * the engine calls it only when a host asks for the finding's fixes (a code action, fix all, `--fix`),
     * not on every check after an edit. Building a fix reads the syntax tree and costs far more than
     * the check itself.
     */
    fixes?: FixModel[] | (() => FixModel[]);
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
    /**
     * The quick fixes, built on first read (when the rule gave a function) and kept. Read while the
     * documents are as they were linted: once a document of the run has changed, a lazy list is empty
     * (the host lints again and asks the new finding).
     */
    readonly fixes: FixModel[];
}

/** The name of an AST node type of the grammar (`'ReplicasProp'`, `'QuorumSetting'`, `'SingleLeader'`...). */
export type NodeType = keyof SysdAstType;

/** The AST types of a replication block. */
export type ReplicationType = 'SingleLeader' | 'MultiLeader' | 'Leaderless' | 'Consensus';

/** Picks among the members of one type, by their AST features (`q => q.param === 'r'`). */
export type MemberFilter<T extends NodeType> = (member: SysdAstType[T]) => boolean;

/** A feature (property) of an AST node type, by its name in the grammar (`'count'`, `'policy'`). */
export type FeatureOf<T extends NodeType> = Extract<Exclude<keyof SysdAstType[T], `$${string}`>, string>;

/**
 * Builds text edits on the documents' syntax trees (Langium AST and CST). Every method takes the
 * `loc` of a model element (the range of its CST node) and works on that element's own members: the
 * AST nodes it contains directly (a component's properties and relations, a block's settings, a
 * relation's options), the last of a type winning as it does in the model. Values are the CST nodes of
 * AST features. Comments and strings are never matched: they are hidden or single leaves of the CST.
 * Every method returns undefined when the document or the element is unknown or does not write it.
 */
export interface Fixer {
    /** The location of the element's last direct member of AST type `type` (matching `where`). */
    member<T extends NodeType>(loc: SourceLocation, type: T, where?: MemberFilter<T>): SourceLocation | undefined;
    /** The text of `feature` of that member (the last value of a list), or of the element itself when `type` is undefined. */
    valueText<T extends NodeType>(loc: SourceLocation, type: T, feature: FeatureOf<T>, where?: MemberFilter<T>): string | undefined;
    valueText(loc: SourceLocation, type: undefined, feature: string): string | undefined;
    /**
     * Replaces the text of `feature` of that member (the last value of a list), or of the element itself
     * when `type` is undefined (a publish's `via`, a call's `protocol`).
     */
    setValue<T extends NodeType>(loc: SourceLocation, type: T, feature: FeatureOf<T>, newText: string, where?: MemberFilter<T>): TextEditModel | undefined;
    setValue(loc: SourceLocation, type: undefined, feature: string, newText: string): TextEditModel | undefined;
    /** Replaces that member as a whole with `text`, or the element itself when `type` is undefined. */
    replaceMember<T extends NodeType>(loc: SourceLocation, type: T, text: string, where?: MemberFilter<T>): TextEditModel | undefined;
    replaceMember(loc: SourceLocation, type: undefined, text: string): TextEditModel | undefined;
    /**
     * Removes that member: its whole line when it stands alone on it, otherwise the member with its `;`
     * and the spaces after them.
     */
    removeMember<T extends NodeType>(loc: SourceLocation, type: T, where?: MemberFilter<T>): TextEditModel | undefined;
    /**
     * The location of the block of the element's `replication` member (`single-leader { ... }`, from the
     * strategy's keyword to its closing brace), when it is of AST type `type` if one is given; for
     * `member`, `setValue` or `addMember` inside it.
     */
    replication(loc: SourceLocation, type?: ReplicationType): SourceLocation | undefined;
    /**
     * Adds `text` to the element's replication block of type `type` (see `replication`), opening braces
     * after a bare `replication single-leader`; when the element writes no such block, adds
     * `replication <strategy> { text }` as a new member.
     */
    addToReplication(loc: SourceLocation, type: ReplicationType, text: string): TextEditModel | undefined;
    /**
     * Adds `text` as a new member of the element, keeping the author's layout: `{}` -> `{ text }`,
     * `{ a; b }` -> `{ a; b; text }`, a new line indented like the other members in a multi-line
     * block, ` { text }` after the element's last token when it has no braces.
     */
    addMember(loc: SourceLocation, text: string): TextEditModel | undefined;
    /** Inserts text right after `loc`. */
    insertAfter(loc: SourceLocation, text: string): TextEditModel | undefined;
    /** Inserts a whole line before the line where `loc` starts, with the same indentation. */
    insertLineBefore(loc: SourceLocation, line: string): TextEditModel | undefined;
    /** The reference written at `loc` (`Events.orderEvents`), or undefined when `loc` is not exactly a cross-reference. */
    referenceText(loc: SourceLocation): string | undefined;
    /** The leading spaces and tabs of the line where `loc` starts ('' when the document is unknown). */
    indentAt(loc: SourceLocation): string;
}
