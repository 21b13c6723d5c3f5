package io.memstone.engine.script;

import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import party.iroiro.luajava.Lua;

/**
 * Redis 7.0's conversions between replies and Lua values (script_lua.c): a command's reply as
 * the script sees it, in the RESP version it chose with {@code redis.setresp}, and the script's
 * result as the reply the client gets.
 */
final class LuaReplies {
    /** Nesting beyond this is answered like Redis' exhausted Lua stack (a table holding itself). */
    private static final int MAX_DEPTH = 1000;
    private static final Reply STACK_LIMIT = Reply.error("ERR reached lua stack limit");

    private final LuaBytes bytes;
    private final DoubleFormat doubles;

    /** C's {@code %.17g}, as Lua's string.format writes it (Redis' addReplyDouble). */
    interface DoubleFormat {
        String format(double d);
    }

    LuaReplies(LuaBytes bytes, DoubleFormat doubles) {
        this.bytes = bytes;
        this.doubles = doubles;
    }

    /** redisProtocolToLuaType: pushes what a command replied, as RESP2 or RESP3 would carry it. */
    void push(Lua lua, Reply reply, int resp) {
        lua.checkStack(4);
        boolean resp3 = resp == 3;
        if (reply instanceof Reply.Int i) {
            lua.push((double) i.value());
        } else if (reply instanceof Reply.Bulk b) {
            bytes.push(lua, b.value());
        } else if (reply instanceof Reply.Verbatim v) {
            if (resp3) {
                lua.createTable(0, 1);
                lua.createTable(0, 2);
                lua.push(v.format());
                lua.setField(-2, "format");
                bytes.push(lua, v.value());
                lua.setField(-2, "string");
                lua.setField(-2, "verbatim_string");
            } else {
                bytes.push(lua, v.value());
            }
        } else if (reply instanceof Reply.NullBulk || reply instanceof Reply.NullArray) {
            if (resp3) lua.pushNil();
            else lua.push(false);
        } else if (reply instanceof Reply.Simple s) {
            lua.createTable(0, 1);
            bytes.push(lua, s.text().getBytes(StandardCharsets.UTF_8));
            lua.setField(-2, "ok");
        } else if (reply instanceof Reply.Error e) {
            pushError(lua, e.text());
            lua.push(true);
            lua.setField(-2, "ignore_error_stats_update");
        } else if (reply instanceof Reply.Array a) {
            pushArray(lua, a.items(), resp);
        } else if (reply instanceof Reply.SetReply s) {
            if (resp3) pushSet(lua, s.items(), resp);
            else pushArray(lua, s.items(), resp);
        } else if (reply instanceof Reply.MapReply m) {
            if (resp3) pushMap(lua, m.keysAndValues(), resp);
            else pushArray(lua, m.keysAndValues(), resp);
        } else if (reply instanceof Reply.KeyedArrays k) {
            if (resp3) pushMap(lua, k.keysAndValues(), resp);
            else pushPairs(lua, k.keysAndValues(), resp);
        } else if (reply instanceof Reply.PairArray p) {
            if (resp3) pushPairs(lua, p.flat(), resp);
            else pushArray(lua, p.flat(), resp);
        } else if (reply instanceof Reply.DoubleReply d) {
            if (resp3) {
                lua.createTable(0, 1);
                lua.push(parseDouble(d.text()));
                lua.setField(-2, "double");
            } else {
                bytes.push(lua, d.text().getBytes(StandardCharsets.US_ASCII));
            }
        } else if (reply instanceof Reply.Bool b) {
            if (resp3) lua.push(b.value());
            else lua.push(b.value() ? 1.0 : 0.0);
        }
    }

    /** luaPushErrorBuff for an error reply's text ({@code CODE message}): {@code {err="CODE message"}}. */
    void pushError(Lua lua, String text) {
        lua.createTable(0, 2);
        bytes.push(lua, text.strip().getBytes(StandardCharsets.UTF_8));
        lua.setField(-2, "err");
    }

    private void pushArray(Lua lua, List<Reply> items, int resp) {
        lua.createTable(items.size(), 0);
        for (int i = 0; i < items.size(); i++) {
            push(lua, items.get(i), resp);
            lua.rawSetI(-2, i + 1);
        }
    }

    private void pushPairs(Lua lua, List<Reply> flat, int resp) {
        lua.createTable(flat.size() / 2, 0);
        for (int i = 0; i < flat.size(); i += 2) {
            pushArray(lua, flat.subList(i, i + 2), resp);
            lua.rawSetI(-2, i / 2 + 1);
        }
    }

    private void pushMap(Lua lua, List<Reply> keysAndValues, int resp) {
        lua.createTable(0, 1);
        lua.createTable(0, keysAndValues.size() / 2);
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            push(lua, keysAndValues.get(i), resp);
            push(lua, keysAndValues.get(i + 1), resp);
            lua.rawSet(-3);
        }
        lua.setField(-2, "map");
    }

    private void pushSet(Lua lua, List<Reply> items, int resp) {
        lua.createTable(0, 1);
        lua.createTable(0, items.size());
        for (Reply item : items) {
            push(lua, item, resp);
            lua.push(true);
            lua.rawSet(-3);
        }
        lua.setField(-2, "set");
    }

    /** luaReplyToRedisReply: the value at the top of the stack as a reply; pops nothing. */
    Reply toReply(Lua lua, int resp) {
        return toReply(lua, resp, 0);
    }

    private Reply toReply(Lua lua, int resp, int depth) {
        if (depth > MAX_DEPTH) return STACK_LIMIT;
        lua.checkStack(4);
        switch (lua.type(-1)) {
            case STRING:
                return Reply.bulk(LuaBytes.bytes(lua, -1));
            case BOOLEAN:
                if (resp == 3) return new Reply.Bool(lua.toBoolean(-1));
                return lua.toBoolean(-1) ? Reply.ONE : Reply.NULL;
            case NUMBER:
                return Reply.integer(cLongCast(lua.toNumber(-1)));
            case TABLE:
                return tableToReply(lua, resp, depth);
            default:
                return Reply.NULL;
        }
    }

    private Reply tableToReply(Lua lua, int resp, int depth) {
        String err = stringField(lua, "err");
        if (err != null) return Reply.error(ScriptErrors.oneLine(err));
        String ok = stringField(lua, "ok");
        if (ok != null) return new Reply.Simple(ScriptErrors.oneLine(ok));
        lua.push("double");
        lua.rawGet(-2);
        boolean isDouble = lua.type(-1) == Lua.LuaType.NUMBER;
        double d = lua.toNumber(-1);
        lua.pop(1);
        if (isDouble) return new Reply.DoubleReply(Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : doubles.format(d));
        Reply aggregate = keyedAggregate(lua, "map", resp, depth);
        if (aggregate != null) return aggregate;
        aggregate = keyedAggregate(lua, "set", resp, depth);
        if (aggregate != null) return aggregate;
        List<Reply> items = new ArrayList<>();
        for (int i = 1; ; i++) {
            lua.rawGetI(-1, i);
            if (lua.isNil(-1)) {
                lua.pop(1);
                break;
            }
            Reply item = toReply(lua, resp, depth + 1);
            lua.pop(1);
            if (item == STACK_LIMIT) return STACK_LIMIT;
            items.add(item);
        }
        return Reply.array(items);
    }

    /** {@code {map={...}}} or {@code {set={...}}}, in the table's own (lua_next) order; null if absent. */
    private Reply keyedAggregate(Lua lua, String field, int resp, int depth) {
        lua.push(field);
        lua.rawGet(-2);
        if (lua.type(-1) != Lua.LuaType.TABLE) {
            lua.pop(1);
            return null;
        }
        boolean map = field.equals("map");
        List<Reply> out = new ArrayList<>();
        lua.pushNil();
        while (lua.next(-2) != 0) {
            Reply value = map ? toReply(lua, resp, depth + 1) : null;
            lua.pop(1);
            Reply key = toReply(lua, resp, depth + 1);
            if (key == STACK_LIMIT || value == STACK_LIMIT) {
                lua.pop(2);
                return STACK_LIMIT;
            }
            out.add(key);
            if (map) out.add(value);
        }
        lua.pop(1);
        return map ? new Reply.MapReply(out) : new Reply.SetReply(out);
    }

    /** The string field of the table at the top, null if it is absent or not a string. */
    static String stringField(Lua lua, String name) {
        lua.push(name);
        lua.rawGet(-2);
        String s = lua.type(-1) == Lua.LuaType.STRING ? new String(LuaBytes.bytes(lua, -1), StandardCharsets.UTF_8) : null;
        lua.pop(1);
        return s;
    }

    /** A double reply's text (Redis' {@code %.17g}, inf, -inf, nan) as the number. */
    private static double parseDouble(String text) {
        switch (text) {
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            case "nan": case "-nan": return Double.NaN;
            default: return Double.parseDouble(text);
        }
    }

    /** C's {@code (long long)} of a double on x86-64: NaN and out-of-range values become LLONG_MIN. */
    static long cLongCast(double d) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) return Long.MIN_VALUE;
        return (long) d;
    }
}
