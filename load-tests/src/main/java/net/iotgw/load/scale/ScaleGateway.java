package net.iotgw.load.scale;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.iotgw.gateway.aaa.Eui64Text;
import net.iotgw.gateway.config.GatewayConfig;
import net.iotgw.gateway.device.MeasuredCds;
import net.iotgw.gateway.node.Gateway;
import net.iotgw.gateway.node.GatewayParts;
import net.iotgw.load.ike.InProcessGateway;
import net.iotgw.radio.emulator.DongleEmulator;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.radio.emulator.RadioMedium;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.streams.ucn.InMemoryPort;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Tcp;

/**
 * The gateway's actor system in this JVM, as {@code gateway run} builds it, with a device store
 * of {@code provisioned} generated CDs (an EAP-PSK key each and an IKE profile with the PSK of the
 * generator's UD identity, as {@link InProcessGateway}'s CDs: same EUI-64s, addresses and IKE
 * identities), of which the first {@code admitted} are admitted in memory from the start
 * ({@link MeasuredCds}: a Device actor each, key deliveries acknowledged at once). The radio is an
 * emulated dongle on an empty medium; the UCN an {@link InMemoryPort} the caller drives.
 */
final class ScaleGateway implements AutoCloseable {
  /** The gateway's actor system; its threads carry this name. */
  static final String SYSTEM_NAME = "iotgw";
  private static final int UCN_CAPACITY = 16384;

  private final ActorSystem<Void> gateway;
  private final RadioMedium medium;
  private final GatewayParts parts;
  private final InMemoryPort[] ucn = new InMemoryPort[1];

  private ScaleGateway(int provisioned, int admitted, Path dir, ActorSystem<?> host)
      throws IOException {
    Path store = dir.resolve("devices-" + provisioned + ".conf");
    writeDeviceStore(store, provisioned);
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
    // A cookie threshold above one SA per CD: every CD here gets exactly one IKE SA.
    Config config = ConfigFactory.parseString("iotgw {\n"
            + "  cd-prefix = \"" + InProcessGateway.CD_PREFIX + "\"\n"
            + "  radio { device = \"tcp:127.0.0.1:" + port + "\" }\n"
            + "  aaa { mode = embedded, embedded { device-store = \"" + store + "\" } }\n"
            + "  ike { device-store = \"" + store + "\", cookie-threshold = 64 }\n}\n"
            + "pekko.loglevel = WARNING\npekko.log-dead-letters = off\n"
            + "pekko.log-dead-letters-during-shutdown = off\n")
        .withFallback(ConfigFactory.load());
    this.parts = GatewayParts.with((c, system) -> {
      InMemoryPort p = InMemoryPort.create(system, "ucn0", c.ucn().mtu(), UCN_CAPACITY);
      ucn[0] = p;
      return p;
    });
    List<Long> measured = new ArrayList<>();
    for (int i = 0; i < admitted; i++) {
      measured.add(InProcessGateway.BASE_EUI64 + i);
    }
    this.gateway = ActorSystem.create(
        Gateway.create(GatewayConfig.from(config), parts, new MeasuredCds(measured)),
        SYSTEM_NAME, config);
  }

  /**
   * Starts the gateway and waits until it is ready: its UCN port open, the AAA's device store
   * loaded, every admitted CD's Device started.
   *
   * @param host the actor system that runs the emulated radio
   */
  static ScaleGateway start(int provisioned, int admitted, Path dir, ActorSystem<?> host)
      throws Exception {
    if (admitted > provisioned) {
      throw new IllegalArgumentException(admitted + " admitted of " + provisioned);
    }
    ScaleGateway g = new ScaleGateway(provisioned, admitted, dir, host);
    try {
      long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (g.ucn[0] == null) {
        if (System.nanoTime() > until) {
          throw new IOException("the gateway's UCN port did not open");
        }
        Thread.sleep(20);
      }
      if (ActorCensus.awaitAtLeast(g.gateway, "/user/aaa", 1, Duration.ofSeconds(120)) < 1) {
        throw new IOException("the gateway's AAA did not start");
      }
      int devices = ActorCensus.awaitAtLeast(g.gateway, "/user/devices/*", admitted,
          Duration.ofSeconds(120));
      if (devices < admitted) {
        throw new IOException(devices + " of " + admitted + " Devices started");
      }
      return g;
    } catch (Exception e) {
      g.close();
      throw e;
    }
  }

  /** The UCN side the UDs use. */
  InMemoryPort ucn() {
    return ucn[0];
  }

  /** CHILD_SAs the IKE SA actors have routed through the ESP forwarder. */
  int espRoutes() {
    return parts.espRoutes().size();
  }

  /** Empties the ESP forwarding table (measurement only: the IKE SA actors still list them). */
  void clearEspRoutes() {
    parts.espRoutes().clear();
  }

  /** Live actors of the gateway matching {@code path}, e.g. {@code /user/devices/*}. */
  int actors(String path) throws Exception {
    // A second without an answer ends the count: generous, on a machine shared with builds.
    return ActorCensus.count(gateway, path, Duration.ofSeconds(1));
  }

  /** Live actors under the user guardian, levels 1 to 4 (the tree is 3 deep). */
  int userActors() throws Exception {
    int sum = 0;
    String path = "/user";
    for (int depth = 1; depth <= 4; depth++) {
      path += "/*";
      sum += actors(path);
    }
    return sum;
  }

  /**
   * The generated device store, written as it goes (100,000 entries are some 30 MB of text): CD
   * {@code i} has identity {@code cd-i@iot.example}, an EAP-PSK key from a fixed seed (a
   * benchmark's, not a secret), the EUI-64 and IKE identity of {@link InProcessGateway}'s CD
   * {@code i}, and the load generator's IKE PSK and peer.
   */
  static void writeDeviceStore(Path file, int cds) throws IOException {
    SplittableRandom keys = new SplittableRandom(0x5ca1e);
    HexFormat hex = HexFormat.of();
    byte[] psk = new byte[16];
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("devices = [\n");
      for (int i = 0; i < cds; i++) {
        keys.nextBytes(psk);
        w.write("  { identity = \"cd-" + i + "@iot.example\", psk = \"" + hex.formatHex(psk)
            + "\", eui64 = \"" + Eui64Text.colons(InProcessGateway.BASE_EUI64 + i) + "\"\n"
            + "    ike { id = \"" + InProcessGateway.cdIdentity(i) + "\", psk = \""
            + InProcessGateway.PSK + "\", peers = [ \"" + InProcessGateway.UD_IDENTITY
            + "\" ] } }\n");
      }
      w.write("]\n");
    }
  }

  @Override
  public void close() {
    gateway.terminate();
    try {
      gateway.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // shutting down anyway
    }
    medium.close();
  }
}
