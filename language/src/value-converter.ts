import type { CstNode, GrammarAST, ValueType } from 'langium';
import { DefaultValueConverter } from 'langium';

/** Converts `99.95%` to the number 99.95 (the default converter would give NaN). */
export class SysdValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'PERCENT') return Number(input.replace('%', ''));
        return super.runConverter(rule, input, cstNode);
    }
}
