package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.api.AsyncApi;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.junit.jupiter.api.Test;

/** Ratis clients that fail (injected) in the ways that end Ratis' ordered async client, and ways that do not. */
class RenewingClientTest {
    private static final Message REQUEST = Message.valueOf("batch");

    /** The clients the factory made, in order; each answers with what {@code answers} says for its index. */
    private final List<FakeClient> made = new ArrayList<>();

    private RenewingClient renewing(Function<Integer, CompletableFuture<RaftClientReply>> answers) {
        return new RenewingClient("shard-0", () -> {
            int index = made.size();
            FakeClient c = new FakeClient(() -> answers.apply(index));
            made.add(c);
            return c.client;
        });
    }

    @Test
    void aClientFailedByAGroupMismatchIsReplacedAndTheRequestAndTheNextOneSucceed() throws Exception {
        RenewingClient client = renewing(i -> i == 0
                ? CompletableFuture.failedFuture(new GroupMismatchException("n3: group shard-2 not found"))
                : CompletableFuture.completedFuture(ok()));
        assertTrue(client.send(REQUEST).get().isSuccess(), "the failed request, sent again on a new client");
        assertTrue(client.send(REQUEST).get().isSuccess(), "the next request");
        assertEquals(2, made.size(), "one replacement");
        assertEquals(1, client.renewals());
        assertEquals(1, made.get(0).sent, "the failed client is not used again");
        assertEquals(2, made.get(1).sent);
    }

    @Test
    void aClosedClientIsReplacedForReadsToo() throws Exception {
        RenewingClient client = renewing(i -> i == 0
                ? CompletableFuture.failedFuture(new AlreadyClosedException("client is closed"))
                : CompletableFuture.completedFuture(ok()));
        assertTrue(client.sendReadOnly(REQUEST).get().isSuccess());
        assertEquals(2, made.size());
    }

    @Test
    void aFailureTheClientSurvivesIsPassedOnAndTheClientKept() {
        RenewingClient client = renewing(i -> CompletableFuture.failedFuture(new StateMachineException("apply failed")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.send(REQUEST).get());
        assertInstanceOf(StateMachineException.class, e.getCause());
        assertEquals(1, made.size(), "no replacement");
        assertEquals(0, client.renewals());
    }

    @Test
    void aSecondFailureAfterRenewalIsPassedOnNotRetriedAgain() {
        RenewingClient client = renewing(i -> CompletableFuture.failedFuture(new GroupMismatchException("still not there")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.send(REQUEST).get());
        assertInstanceOf(GroupMismatchException.class, e.getCause());
        assertEquals(2, made.size(), "retried once on one new client");
    }

    @Test
    void requestsFailingOnTheSameClientReplaceItOnce() throws Exception {
        CompletableFuture<RaftClientReply> failing = new CompletableFuture<>();
        RenewingClient client = renewing(i -> i == 0 ? failing : CompletableFuture.completedFuture(ok()));
        CompletableFuture<RaftClientReply> first = client.send(REQUEST);
        CompletableFuture<RaftClientReply> second = client.send(REQUEST);
        failing.completeExceptionally(new GroupMismatchException("not joined yet"));
        assertTrue(first.get().isSuccess() && second.get().isSuccess());
        assertEquals(2, made.size(), "one replacement for both");
    }

    @Test
    void noClientIsMadeBeforeTheFirstRequest() {
        RenewingClient client = renewing(i -> CompletableFuture.completedFuture(ok()));
        client.renew("members changed");
        assertEquals(0, made.size(), "naming a group (as metrics do) contacts nobody");
        client.send(REQUEST);
        assertEquals(1, made.size());
    }

    @Test
    void renewingOnAMembershipChangeSendsTheNextRequestOnANewClient() throws Exception {
        RenewingClient client = renewing(i -> CompletableFuture.completedFuture(ok()));
        client.send(REQUEST).get();
        client.renew("members changed");
        client.send(REQUEST).get();
        assertEquals(2, made.size());
        assertEquals(1, made.get(1).sent);
    }

    private static RaftClientReply ok() {
        return RaftClientReply.newBuilder().setClientId(ClientId.randomId()).setServerId(RaftPeerId.valueOf("n1"))
                .setGroupId(RaftGroupId.randomId()).setCallId(1).setSuccess().setMessage(Message.valueOf("ok")).build();
    }

    /** A Ratis client whose async send and sendReadOnly answer from {@code answer}; counts what it was sent. */
    private static final class FakeClient {
        final RaftClient client;
        int sent;

        FakeClient(java.util.function.Supplier<CompletableFuture<RaftClientReply>> answer) {
            AsyncApi async = proxy(AsyncApi.class, name -> {
                if (!name.equals("send") && !name.equals("sendReadOnly")) throw new UnsupportedOperationException(name);
                sent++;
                return answer.get();
            });
            client = proxy(RaftClient.class, name -> switch (name) {
                case "async" -> async;
                case "close" -> null;
                default -> throw new UnsupportedOperationException(name);
            });
        }
    }

    private static <T> T proxy(Class<T> type, Function<String, Object> byMethodName) {
        Object p = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> byMethodName.apply(method.getName()));
        return type.cast(p);
    }

    @Test
    void theSameClientServesWhileNothingFails() throws Exception {
        RenewingClient client = renewing(i -> CompletableFuture.completedFuture(ok()));
        client.send(REQUEST).get();
        client.send(REQUEST).get();
        assertSame(made.get(0), made.get(made.size() - 1));
    }
}
