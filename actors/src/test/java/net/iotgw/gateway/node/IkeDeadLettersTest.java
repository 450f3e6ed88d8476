package net.iotgw.gateway.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import net.iotgw.gateway.ike.IkeBacklog;
import net.iotgw.gateway.ike.IkeDrops;
import net.iotgw.gateway.ike.IkeSaActor;
import net.iotgw.protocols.ike.engine.Datagram;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A datagram told to an IKE SA actor that had stopped gives back its backlog place. */
class IkeDeadLettersTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void aDatagramToAStoppedIkeSaIsCountedAndGivesBackItsPlace() throws Exception {
    IkeDrops drops = new IkeDrops();
    IkeBacklog backlog = new IkeBacklog(1, 1, drops);
    KIT.spawn(IkeDeadLetters.create(drops));
    ActorRef<IkeSaActor.Command> gone = KIT.spawn(Behaviors.<IkeSaActor.Command>empty());
    KIT.stop(gone);
    InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("2001:db8:cd::1"), 500);
    byte[] auth = new byte[28];
    auth[18] = 35;
    Thread.sleep(100); // the subscription is made in the watch's setup
    gone.tell(new IkeSaActor.FromPeer(new Datagram(a, a, auth), backlog.take(auth)));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (backlog.queued() != 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(0, backlog.queued());
    assertEquals(1, drops.count(IkeDrops.Routing.ACTOR_GONE));
  }
}
