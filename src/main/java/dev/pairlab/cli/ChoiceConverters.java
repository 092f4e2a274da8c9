package dev.pairlab.cli;

import dev.pairlab.labelmodel.FitOptions;
import dev.pairlab.labelmodel.FitParams;
import dev.pairlab.labelmodel.LabelModelType;
import dev.pairlab.labelmodel.LengthBalance;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.Split;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for the parameter records' choices: each takes the lower-case, hyphenated names users type
 * ("dawid-skene-semi", "labeled+pool", "answer-label", any case) through the enum's own {@code parse}, so a wrong
 * value is refused with the record's message, before the command runs.
 */
final class ChoiceConverters {

    private ChoiceConverters() {
    }

    /** A parse that may refuse the text, in the user's words. */
    interface Parse<T> {
        T parse(String s) throws Exception;
    }

    /** The parse's message as picocli's conversion error. */
    abstract static class Via<T> implements ITypeConverter<T> {
        private final Parse<T> parse;

        Via(Parse<T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String s) {
            try {
                return parse.parse(s);
            } catch (Exception e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    // One line each: the converter is the enum's own parse.
    static final class ModelTypes extends Via<LabelModelType> { ModelTypes() { super(LabelModelType::parse); } }
    static final class FitOns extends Via<FitParams.FitOn> { FitOns() { super(FitParams.FitOn::parse); } }
    static final class Ties extends Via<TiePolicy> { Ties() { super(TiePolicy::parse); } }
    static final class Optimizers extends Via<FitOptions.Optimizer> { Optimizers() { super(FitOptions.Optimizer::parse); } }
    static final class BelowChances extends Via<FitOptions.BelowChance> { BelowChances() { super(FitOptions.BelowChance::parse); } }
    static final class Splits extends Via<Split> { Splits() { super(Split::parse); } }
    static final class WeakFormats extends Via<WeakExport.Format> { WeakFormats() { super(WeakExport.Format::parse); } }
    static final class PairFormats extends Via<PairFormat> { PairFormats() { super(Formats::byId); } }
    static final class LengthMethods extends Via<LengthBalance.Method> { LengthMethods() { super(LengthBalance.Method::parse); } }
    /** 'labeled' (NaN: the gold pairs' share) or a share; its range is the record's to check. */
    static final class LengthTargets extends Via<Double> { LengthTargets() { super(LengthBalance::parseTarget); } }
}
