package net.iotgw.load.entry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import net.iotgw.gateway.demo.GatewayRig;
import net.iotgw.gateway.node.GatewayParts;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.sim.cd.SimulatedCd;
import net.iotgw.sim.medium.CdSimulator;
import net.iotgw.streams.ucn.InMemoryPort;

/**
 * A whole network entry scene in one JVM for the load tests: {@link GatewayRig} (the gateway, the
 * dongle emulator plugged in as {@code mem:NAME}, the simulated CDs), which {@code gateway demo}
 * stands on too, seen with the options {@code load-tests join} and its tests name.
 */
public final class EntryRig implements AutoCloseable {
  public static final long GATEWAY_EUI64 = GatewayRig.GATEWAY_EUI64;

  public static final Ipv6Prefix CD_PREFIX = GatewayRig.CD_PREFIX;

  public static final int PAN_ID = GatewayRig.PAN_ID;

  public static final String IKE_PSK = GatewayRig.IKE_PSK;

  public static final String UD_IDENTITY = GatewayRig.UD_IDENTITY;

  /** The AAA the gateway relays to. */
  public sealed interface AaaChoice {
    /** The embedded EAP-PSK authenticator reading the rig's device store. */
    record Embedded() implements AaaChoice {}

    /** A RADIUS server (hostapd) that holds the same users, see {@link #eapUsers}. */
    record Radius(InetSocketAddress server, String secret) implements AaaChoice {}
  }

  /** As {@link GatewayRig.Options}, without UDs. */
  public record Options(
      int goodCds,
      int wrongPskCds,
      int forgers,
      AaaChoice aaa,
      Duration joinWindow,
      int maxJoining,
      Duration sessionLifetime,
      MediumSettings medium,
      Optional<Path> radioCapture) {

    public int totalCds() {
      return goodCds + wrongPskCds + forgers;
    }

    GatewayRig.Options forRig() {
      GatewayRig.AaaChoice choice = aaa instanceof AaaChoice.Radius r
          ? new GatewayRig.AaaChoice.Radius(r.server(), r.secret())
          : new GatewayRig.AaaChoice.Embedded();
      return new GatewayRig.Options(goodCds, wrongPskCds, forgers, choice, joinWindow, maxJoining,
          sessionLifetime, medium, radioCapture);
    }
  }

  private final Options options;
  private final GatewayRig rig;

  private EntryRig(Options options, GatewayRig rig) {
    this.options = options;
    this.rig = rig;
  }

  public static EntryRig start(Options options, Path workDir) throws IOException {
    return new EntryRig(options, GatewayRig.start(options.forRig(), workDir));
  }

  /**
   * A rig where only the CDs {@code i} for which {@code ikeProfile} holds have an IKE profile in
   * the device store (the gateway answers IKE for them); the others run IKEv2 themselves.
   */
  public static EntryRig start(Options options, Path workDir, IntPredicate ikeProfile)
      throws IOException {
    return new EntryRig(options, GatewayRig.start(options.forRig(), workDir, ikeProfile));
  }

  public static String ikeIdentity(int i) {
    return GatewayRig.ikeIdentity(i);
  }

  public static String eapUsers(int count) {
    return GatewayRig.eapUsers(count);
  }

  /** See {@link GatewayRig#awaitJoins}. */
  public CdSimulator.JoinProgress awaitJoins(Duration timeout) throws InterruptedException {
    return rig.awaitJoins(timeout);
  }

  public CdSimulator simulator() {
    return rig.simulator();
  }

  public List<SimulatedCd> cds() {
    return rig.cds();
  }

  public GatewayParts parts() {
    return rig.parts();
  }

  public InMemoryPort ucn() {
    return rig.ucn();
  }

  public Options options() {
    return options;
  }

  public long elapsedNanos() {
    return rig.elapsedNanos();
  }

  @Override
  public void close() {
    rig.close();
  }
}
