package net.iotgw.load.entry;

import java.time.Duration;
import net.iotgw.protocols.ipv6.EchoMessage;
import net.iotgw.protocols.ipv6.IcmpV6Codec;
import net.iotgw.protocols.ipv6.IcmpV6Message;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.streams.ucn.InMemoryPort;

/** ICMPv6 echo from the UCN side of a rig's gateway to a CD, through the radio and back. */
final class Pings {
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::1");

  private Pings() {}

  /** Whether {@code cd} answered an echo request within {@code timeout}, trying up to 3 times. */
  static boolean answers(InMemoryPort ucn, Ipv6Address cd, int identifier, Duration timeout)
      throws InterruptedException {
    for (int attempt = 1; attempt <= 3; attempt++) {
      byte[] data = ("ping " + identifier + "/" + attempt).getBytes();
      ucn.inject(Ipv6Codec.encode(
          Ipv6Packets.icmpEchoRequest(UD, cd, identifier, attempt, data, 64)));
      long until = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < until) {
        byte[] sent = ucn.nextSent(Duration.ofMillis(200));
        if (sent != null && isReply(sent, cd, identifier, attempt)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isReply(byte[] ipv6, Ipv6Address cd, int identifier, int sequence) {
    if (!(Ipv6Codec.decode(ipv6) instanceof Decoded.Ok<Ipv6Packet> ok)
        || !ok.value().source().equals(cd) || !ok.value().destination().equals(UD)) {
      return false;
    }
    Ipv6Packet p = ok.value();
    Decoded<IcmpV6Message> m = IcmpV6Codec.decode(p);
    return m instanceof Decoded.Ok<IcmpV6Message> icmp
        && EchoMessage.from(icmp.value()) instanceof Decoded.Ok<EchoMessage> echo
        && echo.value().reply()
        && echo.value().identifier() == identifier
        && echo.value().sequenceNumber() == sequence;
  }
}
