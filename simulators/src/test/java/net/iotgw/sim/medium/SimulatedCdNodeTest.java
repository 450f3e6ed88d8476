package net.iotgw.sim.medium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.iotgw.radio.emulator.NodeHandle;
import net.iotgw.sim.cd.AdmittedCdFixture;
import net.iotgw.sim.cd.JoinState;
import org.junit.jupiter.api.Test;

/** The node around a CD, reached by the medium's delivery thread and the scheduler's tick. */
class SimulatedCdNodeTest {
  private static final long NOW = 1_700_000_000_000L;

  /** A medium handle that keeps what is queued, in order. */
  private static final class Queue implements NodeHandle {
    final ConcurrentLinkedQueue<byte[]> sent = new ConcurrentLinkedQueue<>();

    @Override
    public boolean transmit(byte[] psdu) {
      sent.add(psdu);
      return true;
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public void detach() {}
  }

  private final AdmittedCdFixture fixture = new AdmittedCdFixture();
  private final AtomicLong clock = new AtomicLong(NOW);
  private final SimulatedCdNode node =
      new SimulatedCdNode(fixture.cd(), clock::get, new Random(1), 0);

  /** Runs {@code call} on another thread while this one holds the node's lock. */
  private void assertWaitsForTheLock(Runnable call) throws InterruptedException {
    Thread t = new Thread(call);
    synchronized (node) {
      t.start();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (t.getState() != Thread.State.BLOCKED && t.getState() != Thread.State.TERMINATED
          && System.nanoTime() < until) {
        Thread.sleep(1);
      }
      assertEquals(Thread.State.BLOCKED, t.getState(), "the call did not wait for the lock");
    }
    t.join(10_000);
    assertEquals(Thread.State.TERMINATED, t.getState());
  }

  @Test
  void framesAndDueTicksTakeTheNodesLock() throws Exception {
    node.attached(new Queue());
    byte[] request = fixture.securedEchoRequests(1).get(0);

    assertWaitsForTheLock(() -> node.onFrame(request));
    // Re-authentication at 3/4 of the lifetime is the CD's next deadline: a tick then enters it.
    long reauthentication = fixture.cd().nextDeadline().getAsLong();
    assertWaitsForTheLock(() -> node.tick(reauthentication));

    assertEquals(1, node.stats().pingsAnswered());
    assertEquals(JoinState.ADMITTED, node.joinStatus().state());
    assertTrue(fixture.cd().nextDeadline().getAsLong() > reauthentication, "re-authenticating");
  }

  @Test
  void aTickBeforeTheDeadlineDoesNotEvenTakeTheLock() throws Exception {
    Thread t = new Thread(() -> node.tick(NOW));
    synchronized (node) {
      t.start();
      t.join(10_000);
      assertEquals(Thread.State.TERMINATED, t.getState());
    }
  }

  @Test
  void repliesAreQueuedUnderTheLockInTheOrderTheCdSecuredThem() {
    List<byte[]> requests = fixture.securedEchoRequests(50);
    List<byte[]> beforeAttach = node.onFrame(requests.get(0));
    Queue medium = new Queue();
    node.attached(medium);

    List<byte[]> returned = new ArrayList<>();
    for (byte[] f : requests.subList(1, requests.size())) {
      returned.addAll(node.onFrame(f));
    }

    assertEquals(1, beforeAttach.size(), "before its handle is known the medium queues them");
    assertEquals(List.of(), returned);
    List<byte[]> sent = new ArrayList<>(beforeAttach);
    sent.addAll(medium.sent);
    assertEquals(50, sent.size());
    assertEquals(50, fixture.acceptedInOrder(sent));
    assertTrue(node.stats().securedFramesSent() >= 50);
  }
}
