package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/** Payload types this codec decodes (RFC 7296 §3.2, RFC 7383 §2.5); any other number is an unknown payload (RFC 7296 §2.5). */
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

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<PayloadType> of(int id) {
    for (PayloadType v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
