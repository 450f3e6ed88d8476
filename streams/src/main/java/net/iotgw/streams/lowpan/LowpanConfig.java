package net.iotgw.streams.lowpan;

import java.time.Duration;
import java.util.Objects;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.protocols.sixlowpan.Context;
import net.iotgw.protocols.sixlowpan.ContextTable;
import net.iotgw.protocols.sixlowpan.Reassembler;

/**
 * One 6LoWPAN interface: the network's prefix, our link addresses in one PAN, and the reassembly
 * bounds. The same record configures the gateway (its EUI-64, the CD prefix it routes) and a
 * simulated CD (the CD's own EUI-64, the same prefix).
 *
 * @param cdPrefix the prefix of the constrained network; IPHC context 0 (RFC 6282 §3.1.2), and the
 *     prefix whose interface identifiers come from link addresses (RFC 4944 §6), so at most 64 bits
 * @param ourExtendedAddress our EUI-64 as a big-endian number ({@code ac:de:48:00:00:00:00:01} is
 *     {@code 0xacde480000000001L}): the source of every frame we send
 * @param ourShortAddress our 16-bit short address, or {@link #NO_SHORT_ADDRESS} (0xfffe, the value
 *     802.15.4 gives macShortAddress when a device uses only its extended address); only used to
 *     accept frames sent to it
 * @param panId our PAN, 0..0xfffe (0xffff is the broadcast PAN ID, nobody's own)
 * @param maxReassemblies datagrams reassembled at once, at least 1; secured and unsecured
 *     fragments are reassembled apart, each class within this bound, so that what anyone can send
 *     in clear cannot crowd out the datagrams of admitted CDs
 * @param maxReassemblyBytes fragment bytes held across them, at least 1; per class too
 * @param reassemblyTimeout 1 ms to 60 s (RFC 4944 §5.3)
 * @param enforcement whether this interface is the network-entry enforcement point
 * @param securityLevel the level of every secured frame, sent and required: {@link
 *     SecurityLevel#ENC_MIC_64} (6, the default) or {@link SecurityLevel#ENC_MIC_32} (5)
 */
public record LowpanConfig(
    Ipv6Prefix cdPrefix,
    long ourExtendedAddress,
    int ourShortAddress,
    int panId,
    int maxReassemblies,
    int maxReassemblyBytes,
    Duration reassemblyTimeout,
    EnforcementMode enforcement,
    SecurityLevel securityLevel) {

  /** macShortAddress 0xfffe: the device has no short address and uses its extended one. */
  public static final int NO_SHORT_ADDRESS = 0xfffe;

  /** The broadcast PAN ID and short address (802.15.4-2006 §7.5.6.2). */
  public static final int BROADCAST = 0xffff;

  /** The default security level (contract-netentry): ENC-MIC-64. */
  public static final SecurityLevel DEFAULT_SECURITY_LEVEL = SecurityLevel.ENC_MIC_64;

  public LowpanConfig {
    Objects.requireNonNull(cdPrefix, "cdPrefix");
    Objects.requireNonNull(reassemblyTimeout, "reassemblyTimeout");
    Objects.requireNonNull(enforcement, "enforcement");
    Objects.requireNonNull(securityLevel, "securityLevel");
    require(
        securityLevel == SecurityLevel.ENC_MIC_64 || securityLevel == SecurityLevel.ENC_MIC_32,
        "security level 6 (ENC-MIC-64) or 5 (ENC-MIC-32), not " + securityLevel);
    require(cdPrefix.length() <= 64, "the CD prefix leaves 64 bits of interface identifier");
    require(ourShortAddress >= 0 && ourShortAddress <= 0xffff, "short address is 16 bits");
    require(panId >= 0 && panId < BROADCAST, "PAN ID 0..0xfffe");
    require(maxReassemblies >= 1, "maxReassemblies at least 1");
    require(maxReassemblyBytes >= 1, "maxReassemblyBytes at least 1");
    long ms = reassemblyTimeout.toMillis();
    require(
        ms >= 1 && ms <= Reassembler.MAX_TIMEOUT_MILLIS,
        "reassembly timeout 1 ms to 60 s (RFC 4944 §5.3), not " + reassemblyTimeout);
  }

  /** Enforcing, at the default security level. */
  public LowpanConfig(
      Ipv6Prefix cdPrefix,
      long ourExtendedAddress,
      int ourShortAddress,
      int panId,
      int maxReassemblies,
      int maxReassemblyBytes,
      Duration reassemblyTimeout) {
    this(
        cdPrefix,
        ourExtendedAddress,
        ourShortAddress,
        panId,
        maxReassemblies,
        maxReassemblyBytes,
        reassemblyTimeout,
        EnforcementMode.ENFORCE,
        DEFAULT_SECURITY_LEVEL);
  }

  /** This configuration in {@code mode}. */
  public LowpanConfig withEnforcement(EnforcementMode mode) {
    return new LowpanConfig(
        cdPrefix,
        ourExtendedAddress,
        ourShortAddress,
        panId,
        maxReassemblies,
        maxReassemblyBytes,
        reassemblyTimeout,
        mode,
        securityLevel);
  }

  /** This configuration with secured frames at {@code level} (5 or 6). */
  public LowpanConfig withSecurityLevel(SecurityLevel level) {
    return new LowpanConfig(
        cdPrefix,
        ourExtendedAddress,
        ourShortAddress,
        panId,
        maxReassemblies,
        maxReassemblyBytes,
        reassemblyTimeout,
        enforcement,
        level);
  }

  /** Whether a short address of ours is configured (not 0xfffe, nor 0xffff). */
  public boolean hasShortAddress() {
    return ourShortAddress != NO_SHORT_ADDRESS && ourShortAddress != BROADCAST;
  }

  /** The contexts both ends of the link share: the CD prefix as context 0. */
  public ContextTable contexts() {
    return ContextTable.of(new Context(0, cdPrefix.address().bytes(), cdPrefix.length()));
  }

  /** Our address in the CD prefix, with the interface identifier from our EUI-64 (RFC 4944 §6). */
  public Ipv6Address ourAddress() {
    return Ipv6Address.of(
        cdPrefix.address(), LinkResolver.interfaceIdentifierOf(ourExtendedAddress));
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("6LoWPAN config: " + what);
    }
  }
}
