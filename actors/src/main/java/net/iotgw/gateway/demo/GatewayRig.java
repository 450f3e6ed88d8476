package net.iotgw.gateway.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import net.iotgw.gateway.aaa.Eui64Text;
import net.iotgw.gateway.config.GatewayConfig;
import net.iotgw.gateway.node.Gateway;
import net.iotgw.gateway.node.GatewayParts;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.radio.emulator.DongleEmulator;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.radio.serial.InProcessPorts;
import net.iotgw.sim.cd.CdCredentials;
import net.iotgw.sim.cd.CdNetwork;
import net.iotgw.sim.cd.CdPopulation;
import net.iotgw.sim.cd.Forgery;
import net.iotgw.sim.cd.JoinSettings;
import net.iotgw.sim.cd.SimulatedCd;
import net.iotgw.sim.medium.CdSimulator;
import net.iotgw.streams.ucn.InMemoryPort;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The gateway, its radio and its CDs in one JVM, wired as a deployment is: the gateway (its actor
 * system, the AAA of the options, an in-memory UCN port) opens its radio as {@code mem:NAME}, the
 * dongle emulator plugged into this JVM ({@link InProcessPorts}: bounded streams, no socket), on a
 * radio medium paced at 802.15.4 speed, where simulated CDs join with PANA and EAP-PSK. The UCN
 * and the gateway-dongle cable are in memory; every byte between gateway and CDs crosses the
 * emulated radio as Spinel over HDLC-Lite, then as 802.15.4 frames. The CDs power up when the
 * medium sees the gateway's radio listen ({@link net.iotgw.radio.emulator.RadioMedium#listening}),
 * not after a guessed delay.
 *
 * <p>{@code gateway demo} and {@code load-tests join} both stand on it. CDs come in three kinds:
 * good ones (the device store holds their PSK), wrong-PSK ones (the store holds another PSK) and
 * forgers (a wrong PSK too, and they send data frames anyway). Every CD's IKE profile ({@link
 * #ikeIdentity}, {@link #IKE_PSK}) admits {@link #UD_IDENTITY} and, when the options name UDs, the
 * one UD that owns it ({@link #owner}).
 */
public final class GatewayRig implements AutoCloseable {
  /** The gateway's EUI-64 here: not the base of the CDs' range, and a plain link-local IID. */
  public static final long GATEWAY_EUI64 = 0x0200_0000_0000_fe01L;

  public static final Ipv6Prefix CD_PREFIX = Ipv6Prefix.parse("2001:db8:cd::/64").orElseThrow();

  public static final int PAN_ID = 0xabcd;

  /** Rigs started in this JVM: each plugs its dongle in under a name of its own. */
  private static final AtomicInteger RIGS = new AtomicInteger();

  /** Where the CDs' PSKs come from: fixed, so that a run can be repeated. */
  private static final long PSK_SEED = 0x5eed;

  /** The AAA the gateway relays to. */
  public sealed interface AaaChoice {
    /** The embedded EAP-PSK authenticator reading the rig's device store. */
    record Embedded() implements AaaChoice {}

    /** A RADIUS server (hostapd) that holds the same users, see {@link #eapUsers}. */
    record Radius(InetSocketAddress server, String secret) implements AaaChoice {}
  }

  /**
   * @param goodCds CDs whose PSK the AAA knows
   * @param wrongPskCds CDs whose PSK differs from the AAA's
   * @param forgers wrong-PSK CDs that also send unsecured data frames
   * @param joinWindow CDs start their PCI at random offsets within it
   * @param maxJoining the gateway's bound on network entries in progress
   * @param sessionLifetime what the gateway grants; CDs re-authenticate at 3/4 of it
   * @param radioCapture where the gateway writes its radio pcap, if anywhere
   * @param uds simulated UDs sharing the CDs ({@link #owner}); 0 for none
   * @param joinDelay the join window opens this long after the gateway's radio listens (its
   *     host has configured the emulated dongle and turned the radio on); zero is right, since a
   *     PCI from then on reaches the gateway
   */
  public record Options(
      int goodCds,
      int wrongPskCds,
      int forgers,
      AaaChoice aaa,
      Duration joinWindow,
      int maxJoining,
      Duration sessionLifetime,
      MediumSettings medium,
      Optional<Path> radioCapture,
      int uds,
      Duration joinDelay) {

    public Options {
      if (goodCds < 0 || wrongPskCds < 0 || forgers < 0 || uds < 0 || maxJoining < 1) {
        throw new IllegalArgumentException("negative counts or no room to join");
      }
    }

    /** Without UDs of their own. */
    public Options(int goodCds, int wrongPskCds, int forgers, AaaChoice aaa, Duration joinWindow,
        int maxJoining, Duration sessionLifetime, MediumSettings medium,
        Optional<Path> radioCapture) {
      this(goodCds, wrongPskCds, forgers, aaa, joinWindow, maxJoining, sessionLifetime, medium,
          radioCapture, 0, Duration.ZERO);
    }

    public int totalCds() {
      return goodCds + wrongPskCds + forgers;
    }
  }

  private final Options options;
  private final List<CdCredentials> storeCredentials;
  private final ActorSystem<Void> simulation;
  private final CdSimulator simulator;
  private final CdPopulation population;
  private final ActorSystem<Void> gateway;
  private final GatewayParts parts;
  private final InMemoryPort[] ucn = new InMemoryPort[1];
  private final InProcessPorts.Plug dongle;
  private final long startedAtNanos = System.nanoTime();

  private GatewayRig(Options options, Path workDir, IntPredicate ikeProfile) throws IOException {
    this.options = options;
    List<CdCredentials> store = aaaView(options.totalCds());
    List<CdCredentials> cds = new ArrayList<>();
    for (int i = 0; i < store.size(); i++) {
      byte[] cdPsk = store.get(i).psk().key().clone();
      if (i >= options.goodCds()) {
        cdPsk[0] ^= 0x5a; // the AAA holds another key than the CD
      }
      cds.add(new CdCredentials(store.get(i).identity(), cdPsk, store.get(i).eui64()));
    }
    this.storeCredentials = List.copyOf(store);
    Path deviceStore = workDir.resolve("devices.conf");
    Files.writeString(deviceStore, deviceStoreText(store, options.uds(), ikeProfile));

    this.simulation = ActorSystem.create(Behaviors.empty(), "cd-sim", quietConfig());
    CdNetwork network = new CdNetwork(CD_PREFIX, PAN_ID, GATEWAY_EUI64);
    int firstForger = options.goodCds() + options.wrongPskCds();
    this.population = CdPopulation.joining(network, cds, CdPopulation.DEFAULT_BASE_EUI64,
        i -> i >= firstForger ? JoinSettings.DEFAULTS.withForgery(Forgery.UNSECURED, 500)
            : JoinSettings.DEFAULTS,
        new SplittableRandom(7));
    this.simulator = CdSimulator.startWhen(population, options.medium(), simulation,
        new CdSimulator.JoinSchedule(options.joinDelay(), options.joinWindow(), 11),
        medium -> medium.listening(GATEWAY_EUI64));
    this.dongle = DongleEmulator.plugIn(simulator.medium(),
        "gateway-rig-" + RIGS.incrementAndGet(), DongleEmulator.DEFAULT_FACTORY_EUI64);

    Config config = GatewayConfig.load(ConfigFactory.parseString(
            gatewayConfig(options, dongle.address().toString(), deviceStore))
        .withFallback(quietConfig()));
    GatewayConfig gatewayConfig = GatewayConfig.from(config);
    this.parts = GatewayParts.with((c, system) -> {
      InMemoryPort p = InMemoryPort.create(system, "ucn0", c.ucn().mtu(), 1024);
      ucn[0] = p;
      return p;
    });
    this.gateway = ActorSystem.create(Gateway.create(gatewayConfig, parts), "iotgw", config);
  }

  public static GatewayRig start(Options options, Path workDir) throws IOException {
    return new GatewayRig(options, workDir, i -> true);
  }

  /**
   * A rig where only the CDs {@code i} for which {@code ikeProfile} holds have an IKE profile in
   * the device store (the gateway answers IKE for them); the others run IKEv2 themselves.
   */
  public static GatewayRig start(Options options, Path workDir, IntPredicate ikeProfile)
      throws IOException {
    return new GatewayRig(options, workDir, ikeProfile);
  }

  private static Config quietConfig() {
    return ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.log-dead-letters = off\n"
        + "pekko.log-dead-letters-during-shutdown = off");
  }

  private static String gatewayConfig(Options o, String radio, Path deviceStore) {
    StringBuilder b = new StringBuilder();
    b.append("iotgw {\n");
    b.append("  cd-prefix = \"").append(CD_PREFIX).append("\"\n");
    b.append("  radio { device = \"").append(radio).append("\"\n");
    b.append("    pan-id = \"0x").append(Integer.toHexString(PAN_ID)).append("\"\n");
    b.append("    extended-address = \"").append(Eui64Text.colons(GATEWAY_EUI64)).append("\" }\n");
    b.append("  network-entry { max-joining = ").append(o.maxJoining())
        .append(", session-lifetime = ").append(o.sessionLifetime().toSeconds()).append("s }\n");
    o.radioCapture().ifPresent(p ->
        b.append("  pcap { radio = \"").append(p).append("\" }\n"));
    if (o.aaa() instanceof AaaChoice.Radius r) {
      b.append("  aaa { mode = radius\n    radius { servers = [ { address = \"[")
          .append(r.server().getAddress().getHostAddress()).append("]:")
          .append(r.server().getPort()).append("\", secret = \"").append(r.secret())
          .append("\" } ] } }\n");
    } else {
      b.append("  aaa { mode = embedded\n    embedded { device-store = \"").append(deviceStore)
          .append("\" } }\n");
    }
    b.append("  ike { device-store = \"").append(deviceStore).append("\" }\n");
    b.append("}\n");
    return b.toString();
  }

  /** The IKE identity the gateway presents for CD {@code i}, and the PSK it shares with UDs. */
  public static String ikeIdentity(int i) {
    return String.format("cd-%05d.iot.example", i);
  }

  public static final String IKE_PSK = "offload-test-psk-0123456789abcdef";

  public static final String UD_IDENTITY = "ud@example.org";

  /** The IKE identity (RFC 822) of simulated UD {@code k}. */
  public static String udIdentity(int k) {
    return String.format("ud-%d@example.org", k);
  }

  /** Which of {@code uds} UDs owns CD {@code i}: round robin, so shares differ by one at most. */
  public static int owner(int i, int uds) {
    return i % uds;
  }

  private static String deviceStoreText(
      List<CdCredentials> store, int uds, IntPredicate ikeProfile) {
    StringBuilder b = new StringBuilder("devices = [\n");
    for (int i = 0; i < store.size(); i++) {
      CdCredentials c = store.get(i);
      b.append("  { identity = \"").append(c.identity()).append("\", psk = \"")
          .append(HexFormat.of().formatHex(c.psk().key())).append("\", eui64 = \"")
          .append(Eui64Text.colons(c.eui64().getAsLong())).append("\"\n");
      if (!ikeProfile.test(i)) {
        b.append("  }\n");
        continue;
      }
      b.append("    ike { id = \"").append(ikeIdentity(i)).append("\", psk = \"")
          .append(IKE_PSK).append("\", peers = [ \"").append(UD_IDENTITY).append('"');
      if (uds > 0) {
        b.append(", \"").append(udIdentity(owner(i, uds))).append('"');
      }
      b.append(" ], transport = true } }\n");
    }
    return b.append("]\n").toString();
  }

  /**
   * What the AAA holds for the rig's first {@code count} CDs: identity {@code cd-NNNNN@iot.example},
   * a PSK from a fixed seed, the EUI-64 the CD will have.
   */
  public static List<CdCredentials> aaaView(int count) {
    SplittableRandom keys = new SplittableRandom(PSK_SEED);
    List<CdCredentials> store = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] psk = new byte[16];
      keys.nextBytes(psk);
      store.add(new CdCredentials(String.format("cd-%05d@iot.example", i), psk,
          OptionalLong.of(CdPopulation.DEFAULT_BASE_EUI64 + i)));
    }
    return store;
  }

  /** hostapd's eap_user lines for the AAA's view of {@code count} CDs (RFC 4764 PSK, hex). */
  public static String eapUsers(int count) {
    StringBuilder b = new StringBuilder();
    for (CdCredentials c : aaaView(count)) {
      b.append('"').append(c.identity()).append("\" PSK ")
          .append(HexFormat.of().formatHex(c.psk().key())).append('\n');
    }
    return b.toString();
  }

  /**
   * Waits until no CD is still joining or waiting to, or {@code timeout} passes.
   *
   * @return where the population stands then
   */
  public CdSimulator.JoinProgress awaitJoins(Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    CdSimulator.JoinProgress p = simulator.joinProgress();
    while (System.nanoTime() < until
        && (p.joining() > 0 || p.notJoined() > 0 || p.admitted() < options.goodCds())) {
      Thread.sleep(100);
      p = simulator.joinProgress();
    }
    return p;
  }

  /** The actor system of the simulated world (medium, CDs, dongle emulator), not the gateway's. */
  public ActorSystem<Void> simulation() {
    return simulation;
  }

  public CdSimulator simulator() {
    return simulator;
  }

  public List<SimulatedCd> cds() {
    return population.devices();
  }

  public GatewayParts parts() {
    return parts;
  }

  /** The gateway's UCN port, once its data plane has started. */
  public InMemoryPort ucn() {
    return ucn[0];
  }

  public Options options() {
    return options;
  }

  /** Where the gateway's radio is: the in-process dongle, {@code mem:NAME}. */
  public String radioDevice() {
    return dongle.address().toString();
  }

  /** Nanoseconds since the rig started. */
  public long elapsedNanos() {
    return System.nanoTime() - startedAtNanos;
  }

  @Override
  public void close() {
    gateway.terminate();
    try {
      gateway.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      // shutting down anyway
    }
    dongle.close();
    simulator.close();
    simulation.terminate();
    try {
      simulation.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      // shutting down anyway
    }
    storeCredentials.forEach(CdCredentials::destroy);
  }
}
