package net.iotgw.gateway.node;

import net.iotgw.gateway.control.ControlOutlet;
import net.iotgw.gateway.ike.IkeDrops;
import net.iotgw.streams.dataplane.IkePortCounters;
import net.iotgw.protocols.ike.engine.Datagram;
import java.io.IOException;
import net.iotgw.gateway.config.GatewayConfig;
import net.iotgw.gateway.device.NetworkEntryCounters;
import net.iotgw.streams.esp.EspForwardingTable;
import net.iotgw.streams.lowpan.LinkKeyTable;
import net.iotgw.streams.lowpan.LowpanCounters;
import net.iotgw.streams.ucn.TunPort;
import net.iotgw.streams.ucn.UcnPort;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What the actor tree shares with the data plane, made once outside the actors so that it outlives
 * their restarts: the enforcement table (keys installed by Devices, read by the link-security
 * stage), the ESP forwarding table (routes installed by the IKE actors, read by the ESP
 * forwarder), the outlet of control packets towards the radio, the counters, and how to open the
 * UCN port (a TUN for {@code gateway run}, in memory for tests and the demo).
 */
public record GatewayParts(
    UcnPorts ucn,
    LinkKeyTable keys,
    EspForwardingTable espRoutes,
    ControlOutlet<byte[]> outlet,
    NetworkEntryCounters counters,
    LowpanCounters lowpan,
    ControlOutlet<Datagram> ike,
    IkeDrops ikeDrops,
    java.util.concurrent.atomic.AtomicReference<IkePortCounters> ikePort) {

  /** Opens the UCN port each time the data plane (re)starts. */
  @FunctionalInterface
  public interface UcnPorts {
    UcnPort open(GatewayConfig config, ActorSystem<?> system) throws IOException;
  }

  /** A real deployment: the TUN named in the configuration. */
  public static GatewayParts forTun() {
    return with((config, system) -> TunPort.open(config.ucn().tun(), config.ucn().mtu()));
  }

  /** Fresh shared parts around the given UCN. */
  public static GatewayParts with(UcnPorts ucn) {
    return new GatewayParts(ucn, new LinkKeyTable(), new EspForwardingTable(), new ControlOutlet<>(),
        new NetworkEntryCounters(), new LowpanCounters(), new ControlOutlet<>(), new IkeDrops(),
        new java.util.concurrent.atomic.AtomicReference<>(new IkePortCounters()));
  }
}
