package io.memstone.node.admin.cli;

import io.memstone.command.Slots;
import io.memstone.proto.admin.SlotRangeSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One slot range of {@code --slots}, {@code FIRST-LAST} or {@code SLOT}; a bad one is a usage error (exit 2). */
final class SlotRangeConverter implements ITypeConverter<SlotRangeSpec> {
    @Override
    public SlotRangeSpec convert(String range) {
        int dash = range.indexOf('-');
        int first = slot(dash < 0 ? range : range.substring(0, dash), range);
        int last = dash < 0 ? first : slot(range.substring(dash + 1), range);
        if (first > last) throw new TypeConversionException("'" + range + "' ends before it starts");
        return SlotRangeSpec.newBuilder().setFirst(first).setLast(last).build();
    }

    private static int slot(String text, String range) {
        try {
            int slot = Integer.parseInt(text.trim());
            if (slot >= 0 && slot < Slots.COUNT) return slot;
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new TypeConversionException("'" + range + "' is not a slot range: expected FIRST-LAST or SLOT, slots 0 to "
                + (Slots.COUNT - 1));
    }
}
