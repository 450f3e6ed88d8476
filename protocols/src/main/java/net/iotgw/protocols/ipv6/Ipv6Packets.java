package net.iotgw.protocols.ipv6;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;

/**
 * Builds the few packets the gateway and the simulated CDs originate: UDP datagrams, echo requests
 * and replies, and the ICMPv6 errors a router sends (RFC 4443 §3.1, §3.2). Traffic class and flow
 * label are 0. Error builders take the invoking packet as received and refuse, as RFC 4443 §2.4(e)
 * requires, to answer an ICMPv6 error or a packet whose source does not name one node.
 */
public final class Ipv6Packets {
  /** What Linux uses (net.ipv6.conf.*.hop_limit) and so what a reply from a host looks like. */
  public static final int DEFAULT_HOP_LIMIT = 64;

  private static final int ERROR_HEADER_LENGTH = Ipv6Packet.HEADER_LENGTH + 8;

  private Ipv6Packets() {}

  public static Ipv6Packet udp(
      Ipv6Address src, Ipv6Address dst, int srcPort, int dstPort, byte[] payload, int hopLimit) {
    byte[] segment = UdpCodec.encode(src, dst, new UdpDatagram(srcPort, dstPort, payload));
    return Ipv6Packet.of(src, dst, UdpDatagram.PROTOCOL, hopLimit, segment);
  }

  public static Ipv6Packet icmp(Ipv6Address src, Ipv6Address dst, IcmpV6Message m, int hopLimit) {
    return Ipv6Packet.of(
        src, dst, IcmpV6Message.PROTOCOL, hopLimit, IcmpV6Codec.encode(src, dst, m));
  }

  public static Ipv6Packet icmpEchoRequest(
      Ipv6Address src,
      Ipv6Address dst,
      int identifier,
      int sequenceNumber,
      byte[] data,
      int hopLimit) {
    return icmp(
        src, dst, new EchoMessage(false, identifier, sequenceNumber, data).toMessage(), hopLimit);
  }

  public static Ipv6Packet icmpEchoReply(
      Ipv6Address src,
      Ipv6Address dst,
      int identifier,
      int sequenceNumber,
      byte[] data,
      int hopLimit) {
    return icmp(
        src, dst, new EchoMessage(true, identifier, sequenceNumber, data).toMessage(), hopLimit);
  }

  /** {@link #echoReplyFor(Ipv6Packet, int)} with {@link #DEFAULT_HOP_LIMIT}. */
  public static Decoded<Ipv6Packet> echoReplyFor(Ipv6Packet request) {
    return echoReplyFor(request, DEFAULT_HOP_LIMIT);
  }

  /**
   * The Echo Reply to a received Echo Request (RFC 4443 §4.2): from the address it was sent to,
   * with its identifier, sequence number and data.
   *
   * @return the reply, or why there is none: not a valid echo request (as {@link
   *     IcmpV6Codec#decode(Ipv6Packet)} and {@link EchoMessage#from} say), or {@code UNSUPPORTED}
   *     for a request to a multicast address, which must be answered from a unicast address of the
   *     responder's own choosing ({@link #icmpEchoReply})
   */
  public static Decoded<Ipv6Packet> echoReplyFor(Ipv6Packet request, int hopLimit) {
    Decoded<IcmpV6Message> icmp = IcmpV6Codec.decode(request);
    if (!(icmp instanceof Decoded.Ok<IcmpV6Message> okIcmp)) {
      return sameFailure(icmp);
    }
    Decoded<EchoMessage> echo = EchoMessage.from(okIcmp.value());
    if (!(echo instanceof Decoded.Ok<EchoMessage> ok)) {
      return sameFailure(echo);
    }
    EchoMessage e = ok.value();
    if (e.reply()) {
      return failed(
          Kind.INVALID_SYNTAX, "an echo reply is not answered", IcmpV6Type.ECHO_REPLY.id());
    }
    if (request.destination().isMulticast()) {
      return failed(Kind.UNSUPPORTED, "echo request to multicast " + request.destination(), -1);
    }
    return Decoded.ok(
        icmpEchoReply(
            request.destination(),
            request.source(),
            e.identifier(),
            e.sequenceNumber(),
            e.data(),
            hopLimit));
  }

  /**
   * Destination Unreachable (RFC 4443 §3.1) from {@code source} about {@code invoking}, sent back
   * to its source, holding as much of it as fits in the minimum MTU of 1280 octets.
   */
  public static Decoded<Ipv6Packet> destinationUnreachable(
      Ipv6Address source, DestinationUnreachableCode code, byte[] invoking, int hopLimit) {
    return error(source, IcmpV6Type.DESTINATION_UNREACHABLE, code.id(), 0, invoking, hopLimit);
  }

  /**
   * Packet Too Big (RFC 4443 §3.2) announcing {@code mtu}; unlike other errors it is also sent for
   * a packet to a multicast destination, so that path MTU discovery works for multicast.
   */
  public static Decoded<Ipv6Packet> packetTooBig(
      Ipv6Address source, long mtu, byte[] invoking, int hopLimit) {
    if (mtu < Ipv6Packet.MINIMUM_MTU || (mtu >>> 32) != 0) {
      throw new IllegalArgumentException("an MTU is 1280..2^32-1, got " + mtu);
    }
    return error(source, IcmpV6Type.PACKET_TOO_BIG, 0, mtu, invoking, hopLimit);
  }

  private static Decoded<Ipv6Packet> error(
      Ipv6Address source, IcmpV6Type type, int code, long word, byte[] invoking, int hopLimit) {
    Decoded<Ipv6Packet> decoded = Ipv6Codec.decode(invoking);
    if (!(decoded instanceof Decoded.Ok<Ipv6Packet> ok)) {
      return decoded;
    }
    Ipv6Packet in = ok.value();
    if (in.source().isUnspecified() || in.source().isMulticast()) {
      return failed(
          Kind.UNSUPPORTED,
          "no ICMPv6 error to source " + in.source() + " (RFC 4443 §2.4(e.6))",
          -1);
    }
    if (in.destination().isMulticast() && type != IcmpV6Type.PACKET_TOO_BIG) {
      return failed(Kind.UNSUPPORTED, "no ICMPv6 error about multicast (RFC 4443 §2.4(e.3))", -1);
    }
    // Only an unfragmented packet or a first fragment starts with the ICMPv6 type.
    boolean startsUpperLayer = in.fragmentHeader().map(f -> f.offset() == 0).orElse(true);
    if (in.protocol() == IcmpV6Message.PROTOCOL && startsUpperLayer && in.payload().length > 0) {
      int invokingType = in.payload()[0] & 0xff;
      if (IcmpV6Type.isError(invokingType) || invokingType == IcmpV6Type.REDIRECT.id()) {
        return failed(
            Kind.UNSUPPORTED,
            "no ICMPv6 error about an ICMPv6 error or redirect (RFC 4443 §2.4(e.1, e.2))",
            invokingType);
      }
    }
    // §3.1, §3.2: as much of the invoking packet as fits without exceeding the minimum MTU.
    int kept = Math.min(invoking.length, Ipv6Packet.MINIMUM_MTU - ERROR_HEADER_LENGTH);
    byte[] body = new byte[4 + kept];
    for (int i = 0; i < 4; i++) {
      body[i] = (byte) (word >>> (24 - 8 * i));
    }
    System.arraycopy(invoking, 0, body, 4, kept);
    return Decoded.ok(icmp(source, in.source(), new IcmpV6Message(type, code, body), hopLimit));
  }

  private static Decoded<Ipv6Packet> sameFailure(Decoded<?> notOk) {
    return Decoded.failed(((Decoded.Failed<?>) notOk).error());
  }

  private static Decoded<Ipv6Packet> failed(Kind kind, String detail, int code) {
    return Decoded.failed(new DecodeError(kind, 0, detail, code));
  }
}
