package net.iotgw.load.cdsim;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.radio.emulator.DongleEmulator;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.radio.emulator.RadioMedium;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.radio.serial.LinkEvent;
import net.iotgw.radio.serial.ReconnectSettings;
import net.iotgw.sim.cd.CdCredentials;
import net.iotgw.sim.cd.CdNetwork;
import net.iotgw.sim.cd.CdPopulation;
import net.iotgw.sim.cd.DeviceStoreFile;
import net.iotgw.sim.cd.Forgery;
import net.iotgw.sim.cd.JoinSettings;
import net.iotgw.sim.cd.SimulatedCd;
import net.iotgw.sim.medium.CdSimulator;
import org.apache.pekko.actor.ActorSystem;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code cd-sim}: the dongle emulator with N simulated CDs on its radio medium, served where a
 * real dongle would be (one end of a socat PTY pair, or a TCP port), so that {@code gateway run}
 * drives it as its radio. Prints one line when ready and a stats line periodically; runs until
 * killed.
 *
 * <p>With {@code --device-store FILE} (the HOCON file the gateway's embedded authenticator reads)
 * CD i takes entry i: its identity and PSK, and its EUI-64 when the entry names one. Such CDs
 * join by default (PANA with EAP-PSK, then link security), each at a random moment within {@code
 * --join-window}; {@code --no-join} keeps them as CDs without network entry. {@code --forgers N}
 * makes the last N CDs misbehave on purpose ({@code --forge}): while not admitted they send data
 * anyway, every second, so that the gateway's enforcement can be seen dropping it.
 */
@Command(
    name = "cd-sim",
    mixinStandardHelpOptions = true,
    description = "Emulate a radio dongle with N simulated CDs (ICMPv6 echo, CoAP /sensors/*).")
public final class CdSimCommand implements Callable<Integer> {

  @Option(
      names = "--devices",
      paramLabel = "N",
      description = "CDs to simulate (default with --device-store: one per entry)")
  Integer devices;

  @Option(
      names = "--device-store",
      paramLabel = "FILE",
      description = "HOCON device store: CD i takes entry i (identity, psk, optional eui64)")
  Path deviceStore;

  @Option(
      names = "--join",
      negatable = true,
      description = "CDs from the device store join the network (default: on with a store)")
  Boolean join;

  @Option(
      names = "--join-window",
      defaultValue = "5s",
      description =
          "each CD starts its join at a random moment within it (default: ${DEFAULT-VALUE})")
  String joinWindow;

  @Option(
      names = "--join-delay",
      defaultValue = "0s",
      description = "the join window opens this long after start, e.g. to let the gateway come up"
          + " (default: ${DEFAULT-VALUE})")
  String joinDelay;

  @Option(
      names = "--security-level",
      defaultValue = "6",
      description = "802.15.4 security level of admitted CDs' data frames, 5 or 6"
          + " (default: ${DEFAULT-VALUE})")
  int securityLevel;

  @Option(
      names = "--forgers",
      defaultValue = "0",
      paramLabel = "N",
      description = "the last N joining CDs send data while not admitted (tests of enforcement)")
  int forgers;

  @Option(
      names = "--forge",
      defaultValue = "UNSECURED",
      description = "how forgers send: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Forgery forge;

  @Option(
      names = "--prefix",
      defaultValue = "2001:db8:cd::/64",
      paramLabel = "P",
      description = "the CD prefix, a /64 (default: ${DEFAULT-VALUE})")
  String prefix;

  static final class Where {
    @Option(names = "--serial", paramLabel = "PATH", description = "serve on this PTY end")
    String serial;

    @Option(names = "--listen", paramLabel = "tcp:PORT", description = "serve on a TCP port")
    String listen;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Where where;

  @Option(
      names = "--key-log",
      paramLabel = "FILE",
      description = "test runs only: write the admitted CDs' link keys (EUI-64 and key, hex) here"
          + " at every stats line, for Wireshark's ieee802154_keys")
  java.nio.file.Path keyLog;

  @Option(names = "--pan-id", defaultValue = "0xabcd", description = "default: ${DEFAULT-VALUE}")
  String panId;

  @Option(
      names = "--channel",
      defaultValue = "26",
      description =
          "reported only: the medium is one channel, the gateway tunes the dongle over Spinel"
              + " (default: ${DEFAULT-VALUE})")
  int channel;

  @Option(
      names = "--gateway-eui64",
      defaultValue = "02:00:00:00:00:00:00:00",
      description = "the gateway's extended address, every CD's parent (default: ${DEFAULT-VALUE})")
  String gatewayEui64;

  @Option(
      names = "--loss",
      defaultValue = "0",
      description = "probability that a receiver misses a frame, 0..1 (default: ${DEFAULT-VALUE})")
  double loss;

  @Option(
      names = "--stats-every",
      defaultValue = "10s",
      description = "stats line interval, e.g. 5s or 500ms (default: ${DEFAULT-VALUE})")
  String statsEvery;

  @Option(
      names = "--initiate-to",
      paramLabel = "ADDR",
      description = "once admitted, CD --initiate-cd asks the gateway for an SA to this UD"
          + " (the gateway initiates IKEv2 as the CD) and pings the UD through it")
  String initiateTo;

  @Option(
      names = "--initiate-id",
      paramLabel = "ID",
      description = "the identity the UD must prove; repeat for one request per identity, one"
          + " after the other (none: the UD's address must be a peer of the CD's profile)")
  List<String> initiateIds;

  @Option(names = "--initiate-cd", defaultValue = "0", paramLabel = "N",
      description = "which CD asks (population order, default: ${DEFAULT-VALUE})")
  int initiateCd;

  @Option(names = "--initiate-port", defaultValue = "500",
      description = "the UD's IKE port (default: ${DEFAULT-VALUE})")
  int initiatePort;

  @Option(names = "--initiate-mode", defaultValue = "TUNNEL",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  net.iotgw.protocols.ike.engine.ChildSa.Mode initiateMode;

  @Option(names = "--pings", defaultValue = "3", paramLabel = "N",
      description = "echo requests through each SA that comes up (default: ${DEFAULT-VALUE})")
  int pings;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Ipv6Prefix cdPrefix =
        Ipv6Prefix.parse(prefix).orElseThrow(() -> bad("not an IPv6 prefix: " + prefix));
    CdNetwork network = new CdNetwork(cdPrefix, parseNumber(panId), parseEui64(gatewayEui64));
    CdPopulation population = population(network);
    Duration interval = duration(statsEvery);
    Duration window = duration(joinWindow);
    Duration delay = duration(joinDelay);
    CdSimInitiations initiations = initiations(population);

    ActorSystem system = ActorSystem.create("cd-sim");
    CdSimulator simulator =
        CdSimulator.start(
            population,
            MediumSettings.defaults().withLoss(loss, System.nanoTime()),
            system,
            new CdSimulator.JoinSchedule(delay, window, System.nanoTime()));
    RadioMedium medium = simulator.medium();
    PrintStream out = System.out;
    String servedOn;
    if (where.serial != null) {
      LinkAddress.SerialDevice device = new LinkAddress.SerialDevice(where.serial);
      DongleEmulator.serveSerial(
          medium,
          device,
          DongleEmulator.DEFAULT_FACTORY_EUI64,
          ReconnectSettings.defaults(),
          event -> out.println("cd-sim: dongle " + describe(event)),
          system);
      servedOn = device.toString();
    } else {
      if (!(LinkAddress.parse(where.listen) instanceof LinkAddress.TcpEndpoint endpoint)) {
        throw bad("--listen takes tcp:PORT or tcp:HOST:PORT, not " + where.listen);
      }
      DongleEmulator.serveTcp(medium, endpoint, DongleEmulator.DEFAULT_FACTORY_EUI64, system)
          .toCompletableFuture()
          .get();
      servedOn = endpoint.toString();
    }
    List<SimulatedCd> cds = population.devices();
    boolean joining = !cds.isEmpty() && cds.get(0).joins();
    out.printf(
        "cd-sim ready: %d CDs %s%s on %s (PAN 0x%04x, channel %d, gateway %s, loss %s)%s%n",
        cds.size(),
        cds.isEmpty() ? "" : cds.get(0).address(),
        cds.size() > 1 ? " .. " + cds.get(cds.size() - 1).address() : "",
        servedOn,
        network.panId(),
        channel,
        network.gatewayLinkAddress(),
        loss,
        joining
            ? String.format("; joining within %s after %s, security level %d%s", window, delay,
                securityLevel,
                forgers > 0 ? ", " + forgers + " forging " + forge : "")
            : "");
    out.flush();
    if (initiations != null) {
      initiations.start(simulator, out);
    }
    system
        .scheduler()
        .scheduleAtFixedRate(
            interval,
            interval,
            () -> {
              out.println(simulator.statsLine());
              out.flush();
              writeKeyLog(simulator);
            },
            system.dispatcher());
    system.getWhenTerminated().toCompletableFuture().join();
    return 0;
  }

  /** What {@code --initiate-to} asks for, checked against the population; null without it. */
  CdSimInitiations initiations(CdPopulation population) {
    if (initiateTo == null) {
      if (initiateIds != null) {
        throw bad("--initiate-id needs --initiate-to");
      }
      return null;
    }
    net.iotgw.protocols.ipv6.Ipv6Address ud = net.iotgw.protocols.ipv6.Ipv6Address
        .parse(initiateTo).orElseThrow(() -> bad("not an IPv6 address: " + initiateTo));
    if (initiateCd < 0 || initiateCd >= population.devices().size()
        || !population.devices().get(initiateCd).joins()) {
      throw bad("--initiate-cd names no joining CD: " + initiateCd);
    }
    if (initiatePort < 1 || initiatePort > 65535 || pings < 0) {
      throw bad("--initiate-port 1..65535, --pings 0 or more");
    }
    List<java.util.Optional<net.iotgw.protocols.ike.engine.Identity>> ids =
        initiateIds == null ? List.of(java.util.Optional.empty())
            : initiateIds.stream().map(i -> java.util.Optional.of(CdSimInitiations.identity(i)))
                .toList();
    return new CdSimInitiations(initiateCd, ud, initiatePort, initiateMode, ids, pings);
  }

  /** Rewrites the key log, if asked for, with the keys the CDs hold now. */
  private void writeKeyLog(CdSimulator simulator) {
    if (keyLog == null) {
      return;
    }
    try {
      java.nio.file.Path tmp = keyLog.resolveSibling(keyLog.getFileName() + ".tmp");
      java.nio.file.Files.write(tmp, simulator.keyLog());
      java.nio.file.Files.move(tmp, keyLog, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.io.IOException e) {
      System.err.println("cd-sim: cannot write the key log " + keyLog + ": " + e);
    }
  }

  /**
   * The CDs: consecutive EUI-64s without a store; with one, an entry per CD (joining, or not
   * with {@code --no-join}, when they keep only their EUI-64s).
   */
  CdPopulation population(CdNetwork network) {
    if (deviceStore == null) {
      if (join != null && join) {
        throw bad("--join needs --device-store");
      }
      if (devices == null) {
        throw bad("--devices N, or --device-store FILE");
      }
      return CdPopulation.of(network, devices);
    }
    List<CdCredentials> store;
    try {
      store = DeviceStoreFile.read(deviceStore);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    int n = devices == null ? store.size() : devices;
    if (n > store.size()) {
      throw bad("--devices " + n + " but " + deviceStore + " has " + store.size() + " entries");
    }
    List<CdCredentials> entries = store.subList(0, n);
    if (join != null && !join) {
      try {
        return CdPopulation.of(network, entries, CdPopulation.DEFAULT_BASE_EUI64);
      } catch (IllegalArgumentException e) {
        throw bad(deviceStore + ": " + e.getMessage());
      }
    }
    if (forgers < 0 || forgers > n) {
      throw bad("--forgers 0.." + n);
    }
    SecurityLevel level = switch (securityLevel) {
      case 5 -> SecurityLevel.ENC_MIC_32;
      case 6 -> SecurityLevel.ENC_MIC_64;
      default -> throw bad("--security-level 5 or 6, not " + securityLevel);
    };
    JoinSettings honest = JoinSettings.DEFAULTS.withLevel(level);
    JoinSettings forging = honest.withForgery(forge, 1_000);
    try {
      return CdPopulation.joining(network, entries, CdPopulation.DEFAULT_BASE_EUI64,
          i -> i >= n - forgers ? forging : honest, new SecureRandom());
    } catch (IllegalArgumentException e) {
      throw bad(deviceStore + ": " + e.getMessage());
    }
  }

  /** 5s, 1m, 500ms. */
  private Duration duration(String text) {
    String t = text.trim().toLowerCase();
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      return Duration.parse("PT" + t.toUpperCase());
    } catch (DateTimeParseException | NumberFormatException e) {
      throw bad("not a duration like 5s or 500ms: " + text);
    }
  }

  private static String describe(LinkEvent event) {
    if (event instanceof LinkEvent.Up up) {
      return "link up on " + up.address() + " (connection " + up.connection() + ")";
    }
    return "link lost on " + event.address() + ": " + ((LinkEvent.Down) event).cause();
  }

  private CommandLine.ParameterException bad(String why) {
    return new CommandLine.ParameterException(spec.commandLine(), why);
  }

  private int parseNumber(String text) {
    String t = text.trim().toLowerCase();
    try {
      return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw bad("not a number: " + text);
    }
  }

  /** Eight colon-separated hex octets, most significant first. */
  private long parseEui64(String text) {
    try {
      return CdNetwork.parseEui64(text);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
  }
}
