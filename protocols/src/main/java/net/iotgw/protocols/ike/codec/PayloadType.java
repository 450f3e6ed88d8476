package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/**
 * Payload types this codec decodes (RFC 7296 §3.2, RFC 7383 §2.5); any other number is an unknown
 * payload (RFC 7296 §2.5).
 */
public enum PayloadType {
  /** "No Next Payload": ends a payload chain. */
  NONE(0),
  SA(33),
  KE(34),
  IDI(35),
  IDR(36),
  CERT(37),
  CERTREQ(38),
  AUTH(39),
  NONCE(40),
  NOTIFY(41),
  DELETE(42),
  VENDOR_ID(43),
  TSI(44),
  TSR(45),
  /** Encrypted and Authenticated (RFC 7296 §3.14). */
  SK(46),
  CP(47),
  EAP(48),
  /** Encrypted and Authenticated Fragment (RFC 7383 §2.5). */
  SKF(53);

  private final int id;

  PayloadType(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  /** Indexed by wire number: the chain reader looks up every payload of untrusted input. */
  private static final PayloadType[] BY_ID = new PayloadType[256];

  static {
    for (PayloadType v : values()) {
      BY_ID[v.id] = v;
    }
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<PayloadType> of(int id) {
    return Optional.ofNullable(known(id));
  }

  /** As {@link #of}, without allocating: null for an unknown number. */
  static PayloadType known(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }
}
