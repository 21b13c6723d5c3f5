package io.memstone.gateway;

/** INFO's text: {@code # Section} headers, {@code name:value} lines, CRLF, an empty line between sections. */
final class InfoText {
    private final StringBuilder out = new StringBuilder();

    InfoText section(String title) {
        if (out.length() > 0) out.append("\r\n");
        out.append("# ").append(title).append("\r\n");
        return this;
    }

    InfoText field(String name, Object value) {
        out.append(name).append(':').append(value).append("\r\n");
        return this;
    }

    /** Fields Redis has and Memstone has nothing for, shown as an idle Redis shows them: 0. */
    InfoText zeros(String... names) {
        for (String n : names) field(n, 0);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
