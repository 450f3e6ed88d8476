package net.iotgw.radio.rcp;

import java.util.Objects;
import java.util.function.Consumer;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.radio.serial.LinkMonitor;
import net.iotgw.radio.serial.ReconnectSettings;
import net.iotgw.radio.serial.SerialLink;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * The gateway's radio: a dongle at a {@link LinkAddress} (serial device or {@code tcp:HOST:PORT}),
 * driven as an OpenThread RCP, as one {@code Flow<RadioFrame, ReceivedRadioFrame, NotUsed>} that
 * survives the dongle going away: on a loss the link is reopened with backoff and the RCP reset and
 * configured again, without the flow (or the gateway) restarting. Frames offered while the dongle
 * is away are backpressured; frames in flight at the loss are lost.
 *
 * <p>Materialize {@link #flow()} once. Events (link up/down, RCP ready, transmit completions) go to
 * the consumer given here; {@link #linkStatus()} is a snapshot for health checks. The flow fails
 * only when the RCP is present but unusable ({@link RcpConfigurationException}).
 */
public final class RadioLink {
  private final LinkMonitor monitor;
  private final Flow<RadioFrame, ReceivedRadioFrame, NotUsed> flow;

  private RadioLink(LinkMonitor monitor, Flow<RadioFrame, ReceivedRadioFrame, NotUsed> flow) {
    this.monitor = monitor;
    this.flow = flow;
  }

  public static RadioLink create(
      LinkAddress address,
      RcpConfig config,
      RcpSettings rcpSettings,
      ReconnectSettings reconnectSettings,
      Consumer<? super RcpEvent> events,
      ClassicActorSystemProvider system) {
    Objects.requireNonNull(events);
    LinkMonitor monitor = new LinkMonitor(address, e -> events.accept(new RcpEvent.Link(e)));
    Flow<RadioFrame, ReceivedRadioFrame, NotUsed> flow =
        SerialLink.reconnecting(
            monitor,
            reconnectSettings,
            failure -> !(failure instanceof RcpConfigurationException),
            () -> RcpDriver.over(SerialLink.open(address, system), config, rcpSettings, events));
    return new RadioLink(monitor, flow);
  }

  public Flow<RadioFrame, ReceivedRadioFrame, NotUsed> flow() {
    return flow;
  }

  public LinkMonitor.Status linkStatus() {
    return monitor.status();
  }
}
