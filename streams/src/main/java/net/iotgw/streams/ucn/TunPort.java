package net.iotgw.streams.ucn;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UCN port on a {@link TunDevice}: the gateway's side of a Linux TUN interface.
 *
 * <p>Both directions make blocking system calls, so each runs as its own stream island on the
 * blocking I/O dispatcher ({@link ActorAttributes#IODispatcher}, which is {@code
 * pekko.actor.default-blocking-io-dispatcher} unless {@code
 * pekko.stream.materializer.blocking-io-dispatcher} says otherwise), never on the default one:
 * the reader waits in poll(2) for as long as the UCN is silent, holding one thread of that pool;
 * the writer's write(2) returns at once (a TUN write never waits). Reads happen only on demand.
 *
 * <p>The device is closed, and with it the interface, when the stream stops for any reason or
 * {@link #close()} is called. A blocked read cannot see its stage being cancelled, so whichever
 * direction ends first closes the device, whose eventfd wakes the reader.
 */
public final class TunPort implements UcnPort {
  /** RFC 4944 §4: the IPv6 MTU over IEEE 802.15.4 is 1280, RFC 8200 §5's minimum. */
  public static final int DEFAULT_MTU = TunDevice.IPV6_MIN_MTU;

  private static final Logger log = LoggerFactory.getLogger(TunPort.class);
  private static final Attributes BLOCKING_IO = Attributes.apply(ActorAttributes.IODispatcher());

  private final TunDevice device;
  private final LinkRules rules;
  private final AtomicBoolean materialized = new AtomicBoolean();

  /** Takes ownership of an open device. */
  public TunPort(TunDevice device) {
    this.device = device;
    this.rules = new LinkRules(device.mtu());
  }

  /** Creates the TUN interface {@code name} with the {@link #DEFAULT_MTU}. */
  public static TunPort open(String name) throws IOException {
    return open(name, DEFAULT_MTU);
  }

  /** Creates the TUN interface {@code name} with the given MTU. */
  public static TunPort open(String name, int mtu) throws IOException {
    return new TunPort(TunDevice.open(name, mtu));
  }

  @Override
  public String name() {
    return device.name();
  }

  @Override
  public int mtu() {
    return device.mtu();
  }

  @Override
  public Flow<byte[], byte[], CompletionStage<Done>> flow() {
    return PortFlows.once(name(), materialized, this::session);
  }

  private Flow<byte[], byte[], CompletionStage<Done>> session() {
    Sink<byte[], CompletionStage<Done>> toUcn =
        Sink.<byte[]>foreach(this::send).withAttributes(BLOCKING_IO);
    Source<byte[], CompletionStage<Done>> fromUcn =
        Source.unfoldResource(() -> device, this::receive, TunDevice::close)
            .withAttributes(BLOCKING_IO)
            .watchTermination(Keep.right());
    return PortFlows.coupled(toUcn, fromUcn, device::close, device.released());
  }

  /** The next packet the link carries, or empty once the device is closing. */
  private Optional<byte[]> receive(TunDevice d) throws IOException {
    while (true) {
      Optional<byte[]> next = d.read();
      if (next.isEmpty()) {
        return next;
      }
      byte[] packet = next.get();
      boolean kept = rules.carries(packet);
      rules.countReceived(kept);
      if (kept) {
        return Optional.of(packet);
      }
      log.debug("{}: dropped a received packet of {} octets (version {})",
          name(), packet.length, (packet[0] & 0xf0) >> 4);
    }
  }

  private void send(byte[] packet) throws IOException {
    rules.countSent(rules.carries(packet) && device.write(packet));
  }

  @Override
  public UcnCounters counters() {
    return rules.snapshot();
  }

  @Override
  public void close() {
    device.close();
  }

  @Override
  public String toString() {
    return "TunPort[" + name() + ", MTU " + mtu() + "]";
  }
}
