package net.iotgw.load.ike;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import net.iotgw.gateway.aaa.Eui64Text;
import net.iotgw.gateway.config.GatewayConfig;
import net.iotgw.gateway.device.MeasuredCds;
import net.iotgw.gateway.node.Gateway;
import net.iotgw.gateway.node.GatewayParts;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.radio.emulator.DongleEmulator;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.radio.emulator.RadioMedium;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.streams.esp.IkeDatagram;
import net.iotgw.streams.ucn.InMemoryPort;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;

/**
 * The {@code gateway} target: the gateway's actor system in this JVM, as {@code gateway run}
 * builds it, with {@code cds} CDs that have IKE profiles (PSK shared with the generator's UD
 * identity) admitted in memory ({@link MeasuredCds}: no radio traffic, no PANA, key deliveries
 * acknowledged at once), so that what is measured is the gateway's IKE work: the data plane's
 * classification of the UCN packets, the Devices and Device actors, one IKE SA actor per SA on
 * the crypto dispatcher, the engine. The radio is an emulated dongle on an empty medium; the UCN
 * is an {@link InMemoryPort} into which the workers inject IPv6/UDP packets from their UD
 * addresses and whose output a blocking-I/O stream stage hands back to them by address.
 */
public final class InProcessGateway implements AutoCloseable {
  public static final Ipv6Prefix CD_PREFIX = Ipv6Prefix.parse("2001:db8:cd::/64").orElseThrow();
  /** The workers' UD addresses: 2001:db8:ud::1, ::2, ... */
  public static final Ipv6Prefix UD_PREFIX = Ipv6Prefix.parse("2001:db8:ad::/64").orElseThrow();
  public static final long BASE_EUI64 = 0x0200_0000_00cd_0000L;
  public static final String UD_IDENTITY = "ud@example.org";
  public static final String PSK = "ike-load-psk-0123456789abcdef";
  /** The gateway's actor system: its threads are named after it (the CPU probe's prefix). */
  public static final String SYSTEM_NAME = "iotgw";
  private static final int UCN_CAPACITY = 16384;

  private final ActorSystem<Void> gateway;
  private final RadioMedium medium;
  private final InMemoryPort[] ucn = new InMemoryPort[1];
  private final int cds;
  private final GatewayParts parts;
  private final java.util.concurrent.atomic.LongAdder delivered =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.ConcurrentSkipListMap<String,
      java.util.concurrent.atomic.LongAdder> deadLetters =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  private final java.util.concurrent.CompletableFuture<String> pumpEnd =
      new java.util.concurrent.CompletableFuture<>();

  private InProcessGateway(int cds, Path dir, ActorSystem<?> host, int cookieThreshold,
      java.util.OptionalInt maxSasPerCd, Optional<LoadPki> pki) throws IOException {
    this.cds = cds;
    Path store = dir.resolve("devices.conf");
    if (pki.isPresent()) {
      pki.get().ca().writeCertificate(dir, "ca");
      for (int i = 0; i < cds; i++) {
        pki.get().issue(cdIdentity(i)).write(dir, "cd-" + i);
      }
    }
    Files.writeString(store, deviceStore(cds, pki.isPresent()));
    this.medium = RadioMedium.start(MediumSettings.defaults(), host);
    int port;
    try {
      Tcp.ServerBinding binding = DongleEmulator.serveTcp(medium,
              new LinkAddress.TcpEndpoint("127.0.0.1", 0), DongleEmulator.DEFAULT_FACTORY_EUI64,
              host)
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      port = binding.localAddress().getPort();
    } catch (Exception e) {
      medium.close();
      throw new IOException("the dongle emulator did not start", e);
    }
    Config config = ConfigFactory.parseString("iotgw {\n"
            + "  cd-prefix = \"" + CD_PREFIX + "\"\n"
            + "  radio { device = \"tcp:127.0.0.1:" + port + "\" }\n"
            + "  aaa { mode = embedded, embedded { device-store = \"" + store + "\" } }\n"
            + "  ike { device-store = \"" + store + "\", cookie-threshold = " + cookieThreshold
            + (maxSasPerCd.isPresent() ? ", max-sas-per-cd = " + maxSasPerCd.getAsInt() : "")
            + " }\n}\n"
            + "pekko.loglevel = WARNING\npekko.log-dead-letters = off\n"
            + "pekko.log-dead-letters-during-shutdown = off\n")
        .withFallback(ConfigFactory.load());
    this.parts = GatewayParts.with((c, system) -> {
      InMemoryPort p = InMemoryPort.create(system, "ucn0", c.ucn().mtu(), UCN_CAPACITY);
      ucn[0] = p;
      return p;
    });
    List<Long> measured = new ArrayList<>();
    for (int i = 0; i < cds; i++) {
      measured.add(BASE_EUI64 + i);
    }
    this.gateway = ActorSystem.create(
        Gateway.create(GatewayConfig.from(config), parts, new MeasuredCds(measured)),
        SYSTEM_NAME, config);
    countDeadLetters();
  }

  /**
   * Messages to actors that had stopped (an IKE SA actor that answered with a COOKIE and stopped
   * before its Device heard of it, for one), by message class: the one loss on the IKE path that
   * no queue or routing counter sees. Dead-letter logging is off here, so this is how they show.
   */
  private void countDeadLetters() {
    ActorRef<org.apache.pekko.actor.DeadLetter> counter = gateway.systemActorOf(
        Behaviors.receive(org.apache.pekko.actor.DeadLetter.class)
            .onMessage(org.apache.pekko.actor.DeadLetter.class, d -> {
              deadLetters.computeIfAbsent(d.message().getClass().getSimpleName(),
                  k -> new java.util.concurrent.atomic.LongAdder()).increment();
              return Behaviors.same();
            })
            .build(),
        "dead-letter-counter", org.apache.pekko.actor.typed.Props.empty());
    gateway.eventStream().tell(new org.apache.pekko.actor.typed.eventstream.EventStream.Subscribe<>(
        org.apache.pekko.actor.DeadLetter.class, counter));
  }

  /**
   * Starts the gateway and waits for its UCN port.
   *
   * @param host the generator's actor system, which runs the emulated radio
   * @param cookieThreshold the gateway's iotgw.ike.cookie-threshold (half-open SAs per CD)
   * @param maxSasPerCd the gateway's iotgw.ike.max-sas-per-cd, or empty for its default
   * @param pki certificates for the CDs (under its CA, which they trust), or PSKs if empty
   */
  static InProcessGateway start(int cds, Path dir, ActorSystem<?> host, int cookieThreshold,
      java.util.OptionalInt maxSasPerCd, Optional<LoadPki> pki)
      throws IOException, InterruptedException {
    InProcessGateway g = new InProcessGateway(cds, dir, host, cookieThreshold, maxSasPerCd, pki);
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (g.ucn[0] == null) {
      if (System.nanoTime() > until) {
        g.close();
        throw new IOException("the gateway's UCN port did not open");
      }
      Thread.sleep(20);
    }
    return g;
  }

  /** CD {@code i}'s address: the CD prefix and the interface identifier of its EUI-64. */
  public static Ipv6Address cdAddress(int i) {
    return Ipv6Address.of(CD_PREFIX.address(), (BASE_EUI64 + i) ^ 0x0200_0000_0000_0000L);
  }

  /** The IKE identity the gateway presents for CD {@code i}. */
  public static String cdIdentity(int i) {
    return String.format("cd-%05d.iot.example", i);
  }

  /** Worker {@code w}'s UD address. */
  public static Ipv6Address udAddress(int w) {
    return Ipv6Address.of(UD_PREFIX.address(), w + 1L);
  }

  public int cds() {
    return cds;
  }

  /** A worker's transport: its datagrams as IPv6/UDP packets into the UCN port. */
  public LoadWorker.Transport transport(LoadStats stats) {
    InMemoryPort port = ucn[0];
    return d -> {
      IkeDatagram packet = new IkeDatagram(ipv6(d.remote()), d.remote().getPort(),
          ipv6(d.local()), d.local().getPort(), d.message());
      if (!port.inject(packet.toPacket())) {
        stats.failedSend();
      }
    };
  }

  /**
   * Hands what the gateway sends on its UCN to the worker whose UD address it is for, from a
   * stream stage on Pekko's blocking-I/O dispatcher (the port's only way out is a blocking poll).
   */
  public void deliverTo(IntFunction<ActorRef<LoadWorker.Command>> workerByIndex, int workers,
      ActorSystem<?> host) {
    InMemoryPort port = ucn[0];
    Source.unfoldResource(() -> port,
            p -> Optional.of(Optional.ofNullable(p.nextSent(Duration.ofMillis(50)))),
            p -> { })
        .mapConcat(o -> o.map(List::of).orElse(List.of()))
        .runWith(Sink.foreach(packet -> {
          route(packet, workerByIndex, workers);
          delivered.increment();
        }), host)
        .whenComplete((done, failure) -> pumpEnd.complete(failure == null ? "completed"
            : failure.toString()));
  }

  /**
   * Where the gateway's IKE datagrams went: sent or dropped by its IKE outlet (bounded queue),
   * sent or dropped by the UCN port, handed to the workers; and the IKE datagrams from the UDs
   * that the control plane left unanswered, by reason; for the report.
   */
  public String diagnostics() {
    var u = ucn[0].counters();
    return "IKE port to control plane " + parts.ikePort().get().toControlPlane()
        + ", dropped busy " + parts.ikePort().get().droppedControlPlaneBusy()
        + "; IKE outlet sent " + parts.ike().sent() + ", dropped " + parts.ike().dropped()
        + "; UCN port received " + u.received() + ", dropped " + u.receiveDropped() + ", sent "
        + u.sent() + ", dropped " + u.sendDropped() + "; handed to workers " + delivered.sum()
        + "; IKE not answered by the control plane: " + parts.ikeDrops()
        + "; dead letters: " + (deadLetters.isEmpty() ? "none" : deadLetters.toString())
        + (pumpEnd.isDone() ? "; the pump ended: " + pumpEnd.join() : "");
  }

  private static void route(byte[] packet, IntFunction<ActorRef<LoadWorker.Command>> workers,
      int count) throws UnknownHostException {
    if (!(Ipv6Codec.decode(packet) instanceof Decoded.Ok<Ipv6Packet> ok)
        || !(UdpCodec.decode(ok.value()) instanceof Decoded.Ok<UdpDatagram> udp)) {
      return;
    }
    byte[] dst = ok.value().destination().bytes();
    long w = java.nio.ByteBuffer.wrap(dst, 8, 8).getLong() - 1;
    if (w < 0 || w >= count) {
      return;
    }
    UdpDatagram u = udp.value();
    workers.apply((int) w).tell(new LoadWorker.FromTarget(u.payload(), new InetSocketAddress(
        InetAddress.getByAddress(ok.value().source().bytes()), u.sourcePort())));
  }

  private static Ipv6Address ipv6(InetSocketAddress a) {
    return Ipv6Address.fromBytes(a.getAddress().getAddress());
  }

  private static String deviceStore(int cds, boolean certificates) {
    SplittableRandom keys = new SplittableRandom(0x1ce);
    StringBuilder b = new StringBuilder("devices = [\n");
    for (int i = 0; i < cds; i++) {
      byte[] psk = new byte[16];
      keys.nextBytes(psk);
      b.append("  { identity = \"cd-").append(i).append("@iot.example\", psk = \"")
          .append(HexFormat.of().formatHex(psk)).append("\", eui64 = \"")
          .append(Eui64Text.colons(BASE_EUI64 + i)).append("\"\n")
          .append("    ike { id = \"").append(cdIdentity(i)).append("\", ")
          .append(certificates
              ? "certificate = \"cd-" + i + ".pem\", key = \"cd-" + i + ".key\", ca = \"ca.pem\""
              : "psk = \"" + PSK + "\"")
          .append(", peers = [ \"").append(UD_IDENTITY).append("\" ] } }\n");
    }
    return b.append("]\n").toString();
  }

  @Override
  public void close() {
    gateway.terminate();
    try {
      gateway.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      // shutting down anyway
    }
    medium.close();
  }
}
