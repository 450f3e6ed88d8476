package net.iotgw.gateway.node;

import java.time.Duration;
import net.iotgw.gateway.config.GatewayConfig;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The guardian: the root of the actor tree (ARCHITECTURE, "The actor tree"). For now it owns one
 * child, the {@link DataPlane}, restarted with backoff whenever it fails (the TUN cannot be opened,
 * the stream stopped); Devices and Aaa join it with the issues that build them.
 */
public final class Gateway {
  /** First restart after 1 s, then doubling up to 30 s: a missing TUN is an operator's fix. */
  static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private Gateway() {}

  public static Behavior<Void> create(GatewayConfig config) {
    return Behaviors.setup(
        context -> {
          context.spawn(
              Behaviors.supervise(DataPlane.create(config))
                  .onFailure(SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, 0.2)),
              "data-plane");
          return Behaviors.<Void>receive(Void.class)
              .onSignal(
                  PostStop.class,
                  signal -> {
                    context.getLog().info("gateway stopped");
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
