package net.iotgw.load.entry;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.sim.medium.CdSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load-tests join}: the network-entry benchmark. N simulated CDs join one gateway over the
 * emulated 802.15.4 channel (250 kbit/s, one frame at a time) through the embedded authenticator
 * or a RADIUS server, and the report says how fast they were admitted and where the time went.
 */
@Command(
    name = "join",
    mixinStandardHelpOptions = true,
    description = "Network-entry benchmark: N CDs join a gateway over the emulated radio.")
public final class JoinCommand implements Callable<Integer> {

  @Option(names = "--cds", defaultValue = "1000", description = "CDs that join (default 1000)")
  int cds;

  @Option(names = "--window", defaultValue = "5s",
      description = "CDs power up at random within this window (default 5s)")
  String window;

  @Option(names = "--max-joining", defaultValue = "32",
      description = "the gateway's iotgw.network-entry.max-joining (default 32)")
  int maxJoining;

  @Option(names = "--radius", paramLabel = "[ADDR]:PORT:SECRET",
      description = "relay to this RADIUS server (hostapd with the users of --print-eap-users)"
          + " instead of the embedded authenticator")
  String radius;

  @Option(names = "--print-eap-users", description = "print hostapd eap_user lines for the CDs")
  boolean printEapUsers;

  @Option(names = "--timeout", defaultValue = "600s", description = "give up after (default 600s)")
  String timeout;

  @Override
  public Integer call() throws Exception {
    if (printEapUsers) {
      System.out.print(EntryRig.eapUsers(cds));
      return 0;
    }
    EntryRig.AaaChoice aaa = radius == null ? new EntryRig.AaaChoice.Embedded() : parse(radius);
    EntryRig.Options options = new EntryRig.Options(cds, 0, 0, aaa, duration(window), maxJoining,
        Duration.ofHours(1), MediumSettings.defaults(), Optional.empty());
    double cpu = JoinCpuCost.microsPerJoin(2000);
    Path dir = Files.createTempDirectory("iotgw-join");
    try (EntryRig rig = EntryRig.start(options, dir)) {
      CdSimulator.JoinProgress progress = rig.awaitJoins(duration(timeout));
      JoinReport report = JoinReport.of(rig, progress, cpu);
      System.out.println(report.render());
      return progress.admitted() == cds ? 0 : 1;
    }
  }

  private static EntryRig.AaaChoice.Radius parse(String text) throws Exception {
    int last = text.lastIndexOf(':');
    int port = text.lastIndexOf(':', last - 1);
    String host = text.substring(0, port).replace("[", "").replace("]", "");
    return new EntryRig.AaaChoice.Radius(new InetSocketAddress(InetAddress.getByName(host),
        Integer.parseInt(text.substring(port + 1, last))), text.substring(last + 1));
  }

  static Duration duration(String text) {
    String t = text.trim();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(t));
  }
}
