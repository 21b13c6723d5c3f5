package io.memstone.bench;

import static io.memstone.bench.Commands.argv;
import static io.memstone.bench.Commands.command;

import io.memstone.engine.Engine;
import io.memstone.engine.Reply;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine alone: one thread, no network, no Raft. Writes go through {@link Engine#apply}
 * in log entries of {@value #ENTRY} commands (the proposer batches like that); reads through
 * {@link Engine#read}. Each benchmark's keys are drawn at random from a data set of
 * {@code size} keys (or members, for the sorted set) loaded in setup. Run by deploy/engine-bench.sh.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx8g", "-XX:+UseG1GC"})
public class EngineBenchmark {
    static final int ENTRY = 100;
    /** Pre-built log entries per benchmark, cycled through. */
    private static final int ENTRIES = 512;

    /** A data set of {@code size} keys (or members) and pre-built operations over it. */
    @State(Scope.Benchmark)
    public abstract static class Data {
        @Param({"1000000"})
        int size;

        Engine engine;
        final Random random = new Random(42);
        int next;

        /** Loads the data set the workload runs on. */
        void load(String workload) {
            engine = new Engine();
            switch (workload) {
                case "get": case "set":
                    Commands.load(engine, commands(size, i -> command(argv("set", key(i), value(i)))));
                    break;
                case "incr":
                    Commands.load(engine, commands(size, i -> command(argv("set", key(i), Integer.toString(i)))));
                    break;
                case "lpush-lpop":
                    Commands.load(engine, commands(size, i -> command(argv("rpush", key(i), value(i)))));
                    break;
                case "hset":
                    Commands.load(engine, commands(size, i -> command(argv("hset", key(i), "f0", value(i)))));
                    break;
                case "sadd":
                    Commands.load(engine, commands(size, i -> command(argv("sadd", key(i), value(i)))));
                    break;
                case "zadd": case "zrange":
                    // One sorted set of `size` members: rank and range cost grows with it.
                    Commands.load(engine, commands(size, i -> command(argv("zadd", "zset", Integer.toString(i), member(i)))));
                    break;
                default:
                    throw new IllegalArgumentException(workload);
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Writes extends Data {
        @Param({"set", "incr", "lpush-lpop", "hset", "sadd", "zadd"})
        String workload;

        List<CommandBatch> entries;

        @Setup(Level.Trial)
        public void setUp() {
            load(workload);
            entries = new ArrayList<>(ENTRIES);
            for (int e = 0; e < ENTRIES; e++) {
                List<Command> cs = new ArrayList<>(ENTRY);
                for (int c = 0; c < ENTRY; c++) cs.add(command(write(random.nextInt(size))));
                entries.add(Commands.batch(cs, e));
            }
        }

        private byte[][] write(int i) {
            switch (workload) {
                case "set": return argv("set", key(i), value(i + 1));
                case "incr": return argv("incr", key(i));
                case "lpush-lpop": return random.nextBoolean() ? argv("lpush", key(i), value(i)) : argv("lpop", key(i));
                case "hset": return argv("hset", key(i), "f" + (i % 10), value(i));
                case "sadd": return argv("sadd", key(i), "m" + (i % 10));
                default: return argv("zadd", "zset", Integer.toString(random.nextInt()), member(i));
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Reads extends Data {
        @Param({"get", "zrange"})
        String workload;

        List<byte[][]> reads;

        @Setup(Level.Trial)
        public void setUp() {
            load(workload);
            reads = new ArrayList<>(ENTRIES * ENTRY);
            for (int n = 0; n < ENTRIES * ENTRY; n++) {
                int i = random.nextInt(size);
                reads.add(workload.equals("get") ? argv("get", key(i))
                        : argv("zrange", "zset", Integer.toString(i), Integer.toString(i + 9)));
            }
        }
    }

    static Iterable<Command> commands(int n, IntFunction<Command> op) {
        return () -> IntStream.range(0, n).mapToObj(op).iterator();
    }

    static String key(int i) {
        return String.format("key:%012d", i);
    }

    static String member(int i) {
        return String.format("member:%010d", i);
    }

    static String value(int i) {
        return String.format("value:%026d", i);
    }

    /** One log entry of {@value #ENTRY} writes; the score is per command. */
    @Benchmark
    @OperationsPerInvocation(ENTRY)
    public List<Reply> write(Writes d) {
        return d.engine.apply(d.entries.get(d.next++ % ENTRIES));
    }

    /** One read: GET, or ZRANGE of ten members at a random rank. */
    @Benchmark
    public Reply read(Reads d) {
        return d.engine.read(d.reads.get(d.next++ % d.reads.size()), 1_700_000_000_000L);
    }
}
