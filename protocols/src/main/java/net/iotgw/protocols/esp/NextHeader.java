package net.iotgw.protocols.esp;

import java.util.Optional;

/**
 * The IANA protocol numbers that ESP's Next Header field carries here (RFC 4303 §2.6). Tunnel
 * mode puts a whole IP packet behind ESP ({@link #IPV4}, {@link #IPV6}); transport mode the upper
 * layer ({@link #UDP}, {@link #TCP}, {@link #ICMPV6}, ...). Other numbers are kept as plain ints in
 * {@link EspPayload}, never refused.
 */
public enum NextHeader {
  ICMP(1),
  IPV4(4),
  TCP(6),
  UDP(17),
  IPV6(41),
  ICMPV6(58),
  /** RFC 4303 §2.6: a dummy (traffic flow confidentiality) packet, to be discarded. */
  NO_NEXT_HEADER(59);

  private final int id;

  NextHeader(int id) {
    this.id = id;
  }

  /** The protocol number on the wire. */
  public int id() {
    return id;
  }

  public static Optional<NextHeader> of(int id) {
    for (NextHeader v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
