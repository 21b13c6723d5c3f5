package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.memstone.engine.ListValue.End;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListValueTest {
    @Test
    void digestSeparatesElements() throws Exception {
        assertNotEquals(digest(list("ab", "c")), digest(list("a", "bc")));
        assertEquals(digest(list("a", "bc")), digest(list("a", "bc")));
        assertNotEquals(digest(list("a", "b")), digest(list("b", "a")));
    }

    @Test
    void ringBufferMatchesAPlainListThroughWrapsAndGrowth() {
        Random r = new Random(7);
        ListValue list = new ListValue();
        List<String> model = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            String op;
            switch (r.nextInt(7)) {
                case 0: case 1:
                    op = "push head";
                    list.push(End.HEAD, bytes(step));
                    model.add(0, Integer.toString(step));
                    break;
                case 2: case 3:
                    op = "push tail";
                    list.push(End.TAIL, bytes(step));
                    model.add(Integer.toString(step));
                    break;
                case 4:
                    if (model.isEmpty()) continue;
                    op = "pop";
                    boolean head = r.nextBoolean();
                    String popped = model.remove(head ? 0 : model.size() - 1);
                    assertEquals(popped, text(list.pop(head ? End.HEAD : End.TAIL)), "pop at step " + step);
                    break;
                case 5:
                    op = "insert";
                    int at = r.nextInt(model.size() + 1);
                    list.insert(at, bytes(step));
                    model.add(at, Integer.toString(step));
                    break;
                default:
                    if (model.size() < 50) continue;
                    op = "keepRange";
                    int start = r.nextInt(5);
                    int end = model.size() - 1 - r.nextInt(5);
                    list.keepRange(start, end);
                    model.subList(end + 1, model.size()).clear();
                    model.subList(0, start).clear();
            }
            assertEquals(model.size(), list.size(), "size after " + op + " at step " + step);
        }
        for (int i = 0; i < model.size(); i++) assertEquals(model.get(i), text(list.get(i)), "element " + i);
    }

    @Test
    void removeHonoursLimitAndDirection() {
        ListValue fromHead = list("a", "b", "a", "c", "a");
        assertEquals(2, fromHead.remove(bytes("a"), 2, End.HEAD));
        assertEquals(List.of("b", "c", "a"), texts(fromHead));
        ListValue fromTail = list("a", "b", "a", "c", "a");
        assertEquals(2, fromTail.remove(bytes("a"), 2, End.TAIL));
        assertEquals(List.of("a", "b", "c"), texts(fromTail));
        assertEquals(3, list("a", "a", "a").remove(bytes("a"), 0, End.TAIL));
    }

    private static ListValue list(String... elements) {
        ListValue l = new ListValue();
        for (String e : elements) l.push(End.TAIL, bytes(e));
        return l;
    }

    private static List<String> texts(ListValue l) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) out.add(text(l.get(i)));
        return out;
    }

    private static String digest(ListValue l) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        l.digestInto(md);
        return HexFormat.of().formatHex(md.digest());
    }

    private static byte[] bytes(Object o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
