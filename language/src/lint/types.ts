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

/** The option values a rule receives, typed from its schema. */
export type OptionValues<S extends OptionsSchema> = {
    [K in keyof S]: S[K]['default'];
};

export interface RuleMeta<S extends OptionsSchema = OptionsSchema> {
    /** kebab-case, unique. */
    id: string;
    /** `problem`: the design will fail in a way the notes describe; `suggestion`: a trade-off to consider. */
    type: 'problem' | 'suggestion';
    defaultSeverity: Severity;
    /** One line, shown in `sysd rules` and on the doc page. */
    description: string;
    /** Seed sections the rule rests on (`file › heading`) and catalog rule numbers (R-numbers). */
    grounding: { seeds: string[]; catalog: string[] };
    /** Message templates by id; `{{name}}` is replaced by `data.name`. */
    messages: Record<string, string>;
    options: S;
    /** The rule offers a quick fix that inserts or changes text. */
    fixable: boolean;
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

export interface ReportDescriptor {
    messageId: string;
    data?: Record<string, string | number>;
    /** Where the squiggle goes. Use the element's `loc` (its name is underlined when known). */
    loc: SourceLocation;
    /** Id of the component, relation or block the finding is about (for diagram badges and hover). */
    element?: string;
    related?: RelatedModel[];
    fixes?: FixModel[];
}

/** Everything a rule's check may use. Rules are pure: they read the model and report. */
export interface RuleContext<S extends OptionsSchema = OptionsSchema> {
    readonly model: ArchModel;
    readonly options: OptionValues<S>;
    /** Source text of a document of the model, for building fixes. */
    readonly text: (uri: string) => string | undefined;
    readonly fixer: Fixer;
    report(descriptor: ReportDescriptor): void;
}

export interface Rule<S extends OptionsSchema = OptionsSchema> {
    meta: RuleMeta<S>;
    check(context: RuleContext<S>): void;
}

/** A lint finding, after messages were filled in and severities applied. */
export interface Finding {
    ruleId: string;
    severity: Severity;
    message: string;
    loc: SourceLocation;
    element?: string;
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

export function defineRule<S extends OptionsSchema>(rule: Rule<S>): Rule<S> {
    return rule;
}
