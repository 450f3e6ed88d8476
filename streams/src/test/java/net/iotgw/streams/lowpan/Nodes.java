package net.iotgw.streams.lowpan;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import org.junit.jupiter.api.Assertions;

/** The nodes of the tests: a gateway and a CD in PAN 0xabcd, and a UD beyond the gateway. */
public final class Nodes {
  public static final Ipv6Prefix PREFIX = Ipv6Prefix.of("2001:db8:1::/64");
  static final int PAN = 0xabcd;
  static final long GW_EUI64 = 0x00124b0001020304L;
  public static final long CD_EUI64 = 0x00124b000a0b0c0dL;

  /** The CD's address: the prefix and the IID of its EUI-64, U/L bit inverted (RFC 4944 §6). */
  static final Ipv6Address CD = Ipv6Address.of("2001:db8:1::212:4b00:a0b:c0d");

  public static final Ipv6Address UD = Ipv6Address.of("2001:db8:ffff::1");

  public static final LowpanConfig GATEWAY =
      new LowpanConfig(PREFIX, GW_EUI64, 0x0000, PAN, 4, 4096, Duration.ofSeconds(1));
  static final LowpanConfig CD_NODE =
      new LowpanConfig(
          PREFIX, CD_EUI64, LowpanConfig.NO_SHORT_ADDRESS, PAN, 2, 2048, Duration.ofSeconds(1));

  /**
   * Link security off, explicitly: for the tests of 6LoWPAN itself. The enforcement point has its
   * own tests (LinkSecurityTest and the admission tests), with a CD side that secures.
   */
  static final LowpanConfig GATEWAY_OPEN = GATEWAY.withEnforcement(EnforcementMode.OPEN);

  static final LowpanConfig CD_OPEN = CD_NODE.withEnforcement(EnforcementMode.OPEN);

  /** The gateway reaches CDs by their interface identifiers. */
  public static final LinkResolver GATEWAY_RESOLVER =
      LinkResolver.fromInterfaceIdentifiers(PREFIX);

  /** A CD reaches its neighbours by IID and everything else through the gateway. */
  static final LinkResolver CD_RESOLVER =
      LinkResolver.fromInterfaceIdentifiers(PREFIX)
          .orElse(LinkResolver.always(new Address.Extended(GW_EUI64)));

  private Nodes() {}

  static byte[] echoRequest(Ipv6Address src, Ipv6Address dst, int seq, int dataLength) {
    byte[] data = new byte[dataLength];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7 + seq);
    }
    return Ipv6Codec.encode(Ipv6Packets.icmpEchoRequest(src, dst, 0x1234, seq, data, 64));
  }

  static byte[] echoReplyTo(byte[] request) {
    return Ipv6Codec.encode(
        Ipv6Packets.echoReplyFor(Ipv6Codec.decode(request).orThrow()).orThrow());
  }

  /** Waits up to 5 s for {@code condition}. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        Assertions.fail("timed out waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Assertions.fail("interrupted");
      }
    }
  }
}
