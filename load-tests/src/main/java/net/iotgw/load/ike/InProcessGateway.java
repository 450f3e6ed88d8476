package net.iotgw.load.ike;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedWriter;
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
import net.iotgw.radio.serial.InProcessPorts;
import net.iotgw.streams.esp.IkeDatagram;
import net.iotgw.streams.ucn.InMemoryPort;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The {@code gateway} target: the gateway's actor system in this JVM, as {@code gateway run}
 * builds it, with a device store of {@link Options#provisioned} generated CDs that have IKE
 * profiles (PSK shared with the generator's UD identity), of which the first {@code admitted} are
 * admitted in memory ({@link MeasuredCds}: no radio traffic, no PANA, key deliveries acknowledged
 * at once), so that what is measured is the gateway's IKE work: the data plane's classification
 * of the UCN packets, the Devices and Device actors, one IKE SA actor per SA on the crypto
 * dispatcher, the engine. The radio is an emulated dongle on an empty medium; the UCN is an
 * {@link InMemoryPort} into which the workers inject IPv6/UDP packets from their UD addresses and
 * whose output a blocking-I/O stream stage hands back to them by address. The load generator
 * ({@code ike}: as many provisioned as admitted) and the scale benchmark ({@code scale}: many
 * provisioned, some admitted, its UDs on {@link #ucn()} directly) both run on it.
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
  /**
   * How long a start may take: 100,000 provisioned CDs are some 30 MB of store to read, and 10,000
   * admitted ones took 75 s to start on a shared 2-core machine, over 120 s when busier.
   */
  private static final Duration READY_WITHIN = Duration.ofSeconds(300);

  /**
   * How the gateway is built, beyond {@code gateway run}'s defaults.
   *
   * @param provisioned CDs in the device store (an EAP-PSK key and an IKE profile each)
   * @param admitted the first {@code admitted} of them admitted in memory from the start
   * @param cookieThreshold the gateway's iotgw.ike.cookie-threshold (half-open SAs per CD)
   * @param maxSasPerCd the gateway's iotgw.ike.max-sas-per-cd, or empty for its default
   * @param pki certificates for the CDs (under its CA, which they trust), or PSKs if empty
   * @param childSaPfs the CDs' profiles require PFS for CREATE_CHILD_SA ({@code child-sa-pfs}):
   *     an extra CHILD_SA without a KE is refused with NO_PROPOSAL_CHOSEN (RFC 7296 §1.3.1)
   * @param maxChildSas the CDs' {@code max-child-sas} (CHILD_SAs per IKE SA; one more is refused
   *     with NO_ADDITIONAL_SAS, RFC 7296 §1.3), or empty for the gateway's default
   */
  public record Options(int provisioned, int admitted, int cookieThreshold,
      java.util.OptionalInt maxSasPerCd, Optional<LoadPki> pki, boolean childSaPfs,
      java.util.OptionalInt maxChildSas) {
    public Options {
      if (admitted < 0 || admitted > provisioned) {
        throw new IllegalArgumentException(admitted + " admitted of " + provisioned);
      }
    }

    /** The CDs with the gateway's default bound on CHILD_SAs per IKE SA. */
    public Options(int provisioned, int admitted, int cookieThreshold,
        java.util.OptionalInt maxSasPerCd, Optional<LoadPki> pki, boolean childSaPfs) {
      this(provisioned, admitted, cookieThreshold, maxSasPerCd, pki, childSaPfs,
          java.util.OptionalInt.empty());
    }
  }

  private final ActorSystem<Void> gateway;
  private static final java.util.concurrent.atomic.AtomicInteger GATEWAYS =
      new java.util.concurrent.atomic.AtomicInteger();
  private final RadioMedium medium;
  private final InProcessPorts.Plug dongle;
  private final InMemoryPort[] ucn = new InMemoryPort[1];
  private final int cds;
  private final int provisioned;
  private final GatewayParts parts;
  private final java.util.concurrent.atomic.LongAdder delivered =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.ConcurrentSkipListMap<String,
      java.util.concurrent.atomic.LongAdder> deadLetters =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  private final java.util.concurrent.CompletableFuture<String> pumpEnd =
      new java.util.concurrent.CompletableFuture<>();

  private InProcessGateway(Options options, Path dir, ActorSystem<?> host) throws IOException {
    this.cds = options.admitted();
    this.provisioned = options.provisioned();
    int cookieThreshold = options.cookieThreshold();
    java.util.OptionalInt maxSasPerCd = options.maxSasPerCd();
    Optional<LoadPki> pki = options.pki();
    Path store = dir.resolve("devices.conf");
    if (pki.isPresent()) {
      pki.get().ca().writeCertificate(dir, "ca");
      for (int i = 0; i < provisioned; i++) {
        pki.get().issue(cdIdentity(i)).write(dir, "cd-" + i);
      }
    }
    writeDeviceStore(store, provisioned, pki.isPresent(), options.childSaPfs(),
        options.maxChildSas());
    this.medium = RadioMedium.start(MediumSettings.defaults(), host);
    // The in-process link (mem:NAME): no socket between the gateway and its dongle.
    this.dongle = DongleEmulator.plugIn(medium, "load-gateway-" + GATEWAYS.incrementAndGet(),
        DongleEmulator.DEFAULT_FACTORY_EUI64);
    Config config = GatewayConfig.load(ConfigFactory.parseString("iotgw {\n"
            + "  cd-prefix = \"" + CD_PREFIX + "\"\n"
            + "  radio { device = \"" + dongle.address() + "\" }\n"
            + "  aaa { mode = embedded, embedded { device-store = \"" + store + "\" } }\n"
            + "  ike { device-store = \"" + store + "\", cookie-threshold = " + cookieThreshold
            + (maxSasPerCd.isPresent() ? ", max-sas-per-cd = " + maxSasPerCd.getAsInt() : "")
            + " }\n}\n"
            + "pekko.loglevel = WARNING\npekko.log-dead-letters = off\n"
            + "pekko.log-dead-letters-during-shutdown = off\n"));
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
   * Starts the gateway with {@code cds} CDs, all admitted, and waits until it is ready.
   *
   * @param host the generator's actor system, which runs the emulated radio
   * @param cookieThreshold the gateway's iotgw.ike.cookie-threshold (half-open SAs per CD)
   * @param maxSasPerCd the gateway's iotgw.ike.max-sas-per-cd, or empty for its default
   * @param pki certificates for the CDs (under its CA, which they trust), or PSKs if empty
   */
  static InProcessGateway start(int cds, Path dir, ActorSystem<?> host, int cookieThreshold,
      java.util.OptionalInt maxSasPerCd, Optional<LoadPki> pki)
      throws IOException, InterruptedException {
    return start(new Options(cds, cds, cookieThreshold, maxSasPerCd, pki, false), dir, host);
  }

  /**
   * Starts the gateway and waits until it is ready: its UCN port open, the AAA's device store
   * loaded, every admitted CD's Device started (each answers the census only after its setup).
   *
   * @param dir where the device store (and certificates) are written
   * @param host the actor system that runs the emulated radio
   */
  public static InProcessGateway start(Options options, Path dir, ActorSystem<?> host)
      throws IOException, InterruptedException {
    InProcessGateway g = new InProcessGateway(options, dir, host);
    try {
      long until = System.nanoTime() + READY_WITHIN.toNanos();
      while (g.ucn[0] == null) {
        if (System.nanoTime() > until) {
          throw new IOException("the gateway's UCN port did not open");
        }
        Thread.sleep(20);
      }
      if (ActorCensus.awaitAtLeast(g.gateway, "/user/aaa", 1, READY_WITHIN) < 1) {
        throw new IOException("the gateway's AAA did not start");
      }
      int devices = ActorCensus.awaitAtLeast(g.gateway, "/user/devices/*", options.admitted(),
          READY_WITHIN);
      if (devices < options.admitted()) {
        throw new IOException(devices + " of " + options.admitted() + " Devices started");
      }
      return g;
    } catch (IOException | InterruptedException | RuntimeException e) {
      g.close();
      throw e;
    }
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

  /** CDs admitted in memory (the first of those provisioned). */
  public int cds() {
    return cds;
  }

  /** CDs in the device store. */
  public int provisioned() {
    return provisioned;
  }

  /** The UCN side, for UDs that drive it themselves rather than through {@link #deliverTo}. */
  public InMemoryPort ucn() {
    return ucn[0];
  }

  /** CHILD_SAs the IKE SA actors have routed through the ESP forwarder. */
  public int espRoutes() {
    return parts.espRoutes().size();
  }

  /** Empties the ESP forwarding table (measurement only: the IKE SA actors still list them). */
  public void clearEspRoutes() {
    parts.espRoutes().clear();
  }

  /** Live actors of the gateway matching {@code path}, e.g. {@code /user/devices/*}. */
  public int actors(String path) throws IOException, InterruptedException {
    // A second without an answer ends the count: generous, on a machine shared with builds.
    return ActorCensus.count(gateway, path, Duration.ofSeconds(1));
  }

  /** Live actors under the user guardian, levels 1 to 4 (the tree is 3 deep). */
  public int userActors() throws IOException, InterruptedException {
    int sum = 0;
    String path = "/user";
    for (int depth = 1; depth <= 4; depth++) {
      path += "/*";
      sum += actors(path);
    }
    return sum;
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

  /**
   * The generated device store, written as it goes (100,000 entries are some 30 MB of text): CD
   * {@code i} has identity {@code cd-i@iot.example}, an EAP-PSK key from a fixed seed (a
   * benchmark's, not a secret), EUI-64 {@code BASE_EUI64 + i}, IKE identity {@link #cdIdentity}
   * with the generator's PSK or its certificate, and the generator's UD as its one peer.
   */
  private static void writeDeviceStore(Path file, int cds, boolean certificates,
      boolean childSaPfs, java.util.OptionalInt maxChildSas) throws IOException {
    SplittableRandom keys = new SplittableRandom(0x5ca1e);
    HexFormat hex = HexFormat.of();
    byte[] psk = new byte[16];
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("devices = [\n");
      for (int i = 0; i < cds; i++) {
        keys.nextBytes(psk);
        w.write("  { identity = \"cd-" + i + "@iot.example\", psk = \"" + hex.formatHex(psk)
            + "\", eui64 = \"" + Eui64Text.colons(BASE_EUI64 + i) + "\"\n"
            + "    ike { id = \"" + cdIdentity(i) + "\", "
            + (certificates
                ? "certificate = \"cd-" + i + ".pem\", key = \"cd-" + i + ".key\", ca = \"ca.pem\""
                : "psk = \"" + PSK + "\"")
            + (childSaPfs ? ", child-sa-pfs = true" : "")
            + (maxChildSas.isPresent() ? ", max-child-sas = " + maxChildSas.getAsInt() : "")
            + ", peers = [ \"" + UD_IDENTITY + "\" ] } }\n");
      }
      w.write("]\n");
    }
  }

  @Override
  public void close() {
    gateway.terminate();
    try {
      // 60 s: stopping 10,000 IKE SA actors (the scale benchmark) takes a while.
      gateway.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // shutting down anyway
    }
    dongle.close();
    medium.close();
  }
}
