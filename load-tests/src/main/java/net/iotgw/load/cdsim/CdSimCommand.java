package net.iotgw.load.cdsim;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import net.iotgw.load.cd.CdNetwork;
import net.iotgw.load.cd.CdPopulation;
import net.iotgw.load.cd.SimulatedCd;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.radio.emulator.DongleEmulator;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.radio.emulator.RadioMedium;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.radio.serial.LinkEvent;
import net.iotgw.radio.serial.ReconnectSettings;
import org.apache.pekko.actor.ActorSystem;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cd-sim}: the dongle emulator with N simulated CDs on its radio medium, served where a
 * real dongle would be (one end of a socat PTY pair, or a TCP port), so that {@code gateway run}
 * drives it as its radio. Prints one line when ready and a stats line periodically; runs until
 * killed.
 */
@Command(
    name = "cd-sim",
    mixinStandardHelpOptions = true,
    description = "Emulate a radio dongle with N simulated CDs (ICMPv6 echo, CoAP /sensors/*).")
public final class CdSimCommand implements Callable<Integer> {

  @Option(names = "--devices", required = true, paramLabel = "N", description = "CDs to simulate")
  int devices;

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
      description = "stats line interval, e.g. 5s (default: ${DEFAULT-VALUE})")
  String statsEvery;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Ipv6Prefix cdPrefix =
        Ipv6Prefix.parse(prefix).orElseThrow(() -> bad("not an IPv6 prefix: " + prefix));
    CdNetwork network = new CdNetwork(cdPrefix, parseNumber(panId), parseEui64(gatewayEui64));
    CdPopulation population = CdPopulation.of(network, devices);
    Duration interval = Duration.parse("PT" + statsEvery.toUpperCase());

    ActorSystem system = ActorSystem.create("cd-sim");
    CdSimulator simulator =
        CdSimulator.start(
            population, MediumSettings.defaults().withLoss(loss, System.nanoTime()), system);
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
    out.printf(
        "cd-sim ready: %d CDs %s%s on %s (PAN 0x%04x, channel %d, gateway %s, loss %s)%n",
        cds.size(),
        cds.isEmpty() ? "" : cds.get(0).address(),
        cds.size() > 1 ? " .. " + cds.get(cds.size() - 1).address() : "",
        servedOn,
        network.panId(),
        channel,
        network.gatewayLinkAddress(),
        loss);
    out.flush();
    system
        .scheduler()
        .scheduleAtFixedRate(
            interval,
            interval,
            () -> {
              out.println(simulator.statsLine());
              out.flush();
            },
            system.dispatcher());
    system.getWhenTerminated().toCompletableFuture().join();
    return 0;
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
    String[] octets = text.trim().split(":");
    if (octets.length != 8) {
      throw bad("an EUI-64 is 8 octets like 02:00:00:00:00:00:00:00, not " + text);
    }
    long v = 0;
    for (String o : octets) {
      if (!o.matches("[0-9a-fA-F]{2}")) {
        throw bad("not a hex octet: " + o);
      }
      v = (v << 8) | Integer.parseInt(o, 16);
    }
    return v;
  }
}
