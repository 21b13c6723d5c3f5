package io.memstone.engine;

/**
 * A large sorted set, as Redis' skiplist encoding: a {@link Dict} from member to node for
 * O(1) score lookup, and a skiplist whose links carry spans (how many entries each one
 * skips), so rank, rank access and range starts are O(log n). A node's height comes from a
 * hash of its member rather than a random draw, so replicas build identical lists.
 */
final class SkipListZSet implements ZSetStore {
    private static final int MAX_LEVEL = 32;

    private static final class Node {
        final byte[] member;
        final double score;
        Node backward;
        final Node[] next;
        final int[] span;

        Node(byte[] member, double score, int levels) {
            this.member = member;
            this.score = score;
            this.next = new Node[levels];
            this.span = new int[levels];
        }
    }

    private final Dict<Key, Node> dict = new Dict<>();
    private final Node header = new Node(null, 0, MAX_LEVEL);
    private int levels = 1;

    @Override
    public int size() {
        return dict.size();
    }

    @Override
    public double score(byte[] member) {
        Node n = dict.get(new Key(member));
        return n == null ? Double.NaN : n.score;
    }

    @Override
    public void insert(byte[] member, double score) {
        Node[] update = new Node[MAX_LEVEL];
        int[] rank = new int[MAX_LEVEL];
        Node x = header;
        for (int i = levels - 1; i >= 0; i--) {
            rank[i] = i == levels - 1 ? 0 : rank[i + 1];
            while (x.next[i] != null && ZSetStore.compare(x.next[i].score, x.next[i].member, score, member) < 0) {
                rank[i] += x.span[i];
                x = x.next[i];
            }
            update[i] = x;
        }
        int level = levelFor(member);
        if (level > levels) {
            for (int i = levels; i < level; i++) {
                rank[i] = 0;
                update[i] = header;
                header.span[i] = size();
            }
            levels = level;
        }
        Node n = new Node(member, score, level);
        for (int i = 0; i < level; i++) {
            n.next[i] = update[i].next[i];
            update[i].next[i] = n;
            n.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = rank[0] - rank[i] + 1;
        }
        for (int i = level; i < levels; i++) update[i].span[i]++;
        n.backward = update[0] == header ? null : update[0];
        if (n.next[0] != null) n.next[0].backward = n;
        dict.put(new Key(member), n);
    }

    @Override
    public boolean remove(byte[] member) {
        Node n = dict.remove(new Key(member));
        if (n == null) return false;
        unlink(n);
        return true;
    }

    @Override
    public long rank(byte[] member) {
        Node n = dict.get(new Key(member));
        if (n == null) return -1;
        return countBefore((s, m) -> ZSetStore.compare(s, m, n.score, n.member) < 0);
    }

    @Override
    public long countBefore(ZSetStore.Bound bound) {
        long traversed = 0;
        Node x = header;
        for (int i = levels - 1; i >= 0; i--) {
            while (x.next[i] != null && bound.before(x.next[i].score, x.next[i].member)) {
                traversed += x.span[i];
                x = x.next[i];
            }
        }
        return traversed;
    }

    @Override
    public void forRange(long from, long to, boolean reverse, ZSetValue.EntryVisitor visitor) {
        Node n = nodeAt(reverse ? to : from);
        for (long i = to - from; i >= 0; i--, n = reverse ? n.backward : n.next[0]) visitor.accept(n.member, n.score);
    }

    /** Redis' zslDeleteRangeByRank: one descent to the range, then O(1) levels per removed node. */
    @Override
    public void removeRange(long from, long to) {
        Node[] update = new Node[MAX_LEVEL];
        long traversed = 0;
        Node x = header;
        for (int i = levels - 1; i >= 0; i--) {
            while (x.next[i] != null && traversed + x.span[i] <= from) {
                traversed += x.span[i];
                x = x.next[i];
            }
            update[i] = x;
        }
        Node n = x.next[0];
        for (long i = to - from; i >= 0; i--) {
            Node next = n.next[0];
            dict.remove(new Key(n.member));
            unlink(n, update);
            n = next;
        }
    }

    @Override
    public long scan(ScanRequest request, ZSetValue.EntryVisitor visitor) {
        return request.walk(dict, (k, n) -> visitor.accept(n.member, n.score));
    }

    @Override
    public SkipListZSet copy() {
        SkipListZSet c = new SkipListZSet();
        for (Node n = header.next[0]; n != null; n = n.next[0]) c.insert(n.member, n.score);
        return c;
    }

    /** The node at a 0-based rank, descending by spans. */
    private Node nodeAt(long rank) {
        long traversed = 0;
        Node x = header;
        for (int i = levels - 1; i >= 0; i--) {
            while (x.next[i] != null && traversed + x.span[i] <= rank + 1) {
                traversed += x.span[i];
                x = x.next[i];
            }
            if (traversed == rank + 1) return x;
        }
        throw new IndexOutOfBoundsException(rank + " of " + size());
    }

    /** Removes a node, finding its predecessor at each level first. */
    private void unlink(Node n) {
        Node[] update = new Node[MAX_LEVEL];
        Node x = header;
        for (int i = levels - 1; i >= 0; i--) {
            while (x.next[i] != null && ZSetStore.compare(x.next[i].score, x.next[i].member, n.score, n.member) < 0) {
                x = x.next[i];
            }
            update[i] = x;
        }
        unlink(n, update);
    }

    /** Redis' zslDeleteNode: {@code update[i]} is the node's predecessor at level i. */
    private void unlink(Node n, Node[] update) {
        for (int i = 0; i < levels; i++) {
            if (update[i].next[i] == n) {
                update[i].span[i] += n.span[i] - 1;
                update[i].next[i] = n.next[i];
            } else {
                update[i].span[i]--;
            }
        }
        if (n.next[0] != null) n.next[0].backward = n.backward;
        while (levels > 1 && header.next[levels - 1] == null) levels--;
    }

    /** Redis' zslRandomLevel (p = 1/4), drawn from a hash of the member instead of rand(). */
    private static int levelFor(byte[] member) {
        long h = 0xcbf29ce484222325L;
        for (byte b : member) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        int level = 1 + Long.numberOfTrailingZeros(h | (1L << 62)) / 2;
        return Math.min(level, MAX_LEVEL);
    }
}
