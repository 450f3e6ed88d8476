package net.iotgw.gateway.node;

import net.iotgw.gateway.device.Device;
import net.iotgw.gateway.ike.IkeDrops;
import net.iotgw.gateway.ike.IkeSaActor;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Where an IKE datagram ends when the actor it was told to stopped first (an IKE SA that timed
 * out or answered with a COOKIE, a Device that lost its CD) and the mailbox's remains went to
 * dead letters: its place in the {@link net.iotgw.gateway.ike.IkeBacklog} is released, or every
 * such loss would shrink the backlog for good, and the loss is counted ({@link
 * IkeDrops.Routing#ACTOR_GONE}). The initiator retransmits, as for any loss.
 */
final class IkeDeadLetters {
  private IkeDeadLetters() {}

  /** Subscribes to the system's dead letters. */
  static Behavior<DeadLetter> create(IkeDrops drops) {
    return Behaviors.setup(context -> {
      context.getSystem().eventStream().tell(
          new EventStream.Subscribe<>(DeadLetter.class, context.getSelf()));
      return Behaviors.receive(DeadLetter.class)
          .onMessage(DeadLetter.class, d -> {
            if (d.message() instanceof IkeSaActor.FromPeer f) {
              drops.routing(IkeDrops.Routing.ACTOR_GONE);
              f.ticket().release();
            } else if (d.message() instanceof Device.Ike i) {
              drops.routing(IkeDrops.Routing.ACTOR_GONE);
              i.ticket().release();
            }
            return Behaviors.same();
          })
          .build();
    });
  }

  static void spawn(org.apache.pekko.actor.typed.javadsl.ActorContext<?> context, IkeDrops drops) {
    context.spawn(create(drops), "ike-dead-letters");
  }
}
