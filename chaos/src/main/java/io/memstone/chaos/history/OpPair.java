package io.memstone.chaos.history;

/** An invocation and its completion (ok, fail or info). */
public record OpPair(Op invoke, Op completion) {

    public Op.Type type() {
        return completion.type();
    }

    public Op.Fn f() {
        return invoke.f();
    }

    public String key() {
        return invoke.key();
    }

    /** What a write wrote, or what an ok read returned. */
    public Object value() {
        return invoke.isRead() ? completion.value() : invoke.value();
    }

    public long start() {
        return invoke.nanos();
    }

    public long end() {
        return completion.nanos();
    }

    public boolean ok() {
        return type() == Op.Type.OK;
    }

    public String describe() {
        return String.format("p%d %s %s %s -> %s [%.3fs..%.3fs]", invoke.process(), f().name().toLowerCase(), key(),
                invoke.value(), type() == Op.Type.OK ? completion.value() : type().name().toLowerCase(),
                start() / 1e9, end() / 1e9);
    }
}
