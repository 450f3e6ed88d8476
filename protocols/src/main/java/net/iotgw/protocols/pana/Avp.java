package net.iotgw.protocols.pana;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One PANA AVP (RFC 5191 §6.3, §8; RFC 6786 §4). The AVPs this project uses are typed records;
 * anything else, and any AVP with the V bit (a vendor's), is kept as {@link Unknown} so that a
 * message round-trips. Unsigned32 values are held in a {@code long}.
 */
public sealed interface Avp {

  /** The AVP Code on the wire. */
  int code();

  /** AUTH (§8.1): the integrity check value over the whole message, see {@link PanaAuth}. */
  record Auth(byte[] value) implements Avp {
    public Auth {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public int code() {
      return AvpCode.AUTH.id();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Auth a && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "AUTH[" + HexFormat.of().formatHex(value) + "]";
    }
  }

  /** EAP-Payload (§8.2): one EAP packet. */
  record EapPayload(byte[] eap) implements Avp {
    public EapPayload {
      eap = eap.clone();
    }

    @Override
    public byte[] eap() {
      return eap.clone();
    }

    @Override
    public int code() {
      return AvpCode.EAP_PAYLOAD.id();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EapPayload a && Arrays.equals(a.eap, eap);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(eap) + 2;
    }

    @Override
    public String toString() {
      return "EAP-Payload[" + eap.length + " bytes]";
    }
  }

  /** Integrity-Algorithm (§8.3): an IKEv2 transform type 3 ID. */
  record IntegrityAlgorithm(long id) implements Avp {
    public IntegrityAlgorithm {
      checkU32(id);
    }

    @Override
    public int code() {
      return AvpCode.INTEGRITY_ALGORITHM.id();
    }
  }

  /** Key-Id (§8.4): names the MSK the PANA_AUTH_KEY was derived from. */
  record KeyId(long id) implements Avp {
    public KeyId {
      checkU32(id);
    }

    @Override
    public int code() {
      return AvpCode.KEY_ID.id();
    }
  }

  /**
   * Nonce (§8.5). The 8..256-octet bound is this codec's plausibility check; how long a nonce
   * must be for the negotiated PRF is for the engine that knows the PRF to check.
   */
  record Nonce(byte[] value) implements Avp {
    public Nonce {
      if (value.length < PanaCodec.MIN_NONCE || value.length > PanaCodec.MAX_NONCE) {
        throw new IllegalArgumentException("Nonce of " + value.length + " octets, not 8..256");
      }
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public int code() {
      return AvpCode.NONCE.id();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Nonce a && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value) + 5;
    }

    @Override
    public String toString() {
      return "Nonce[" + HexFormat.of().formatHex(value) + "]";
    }
  }

  /** PRF-Algorithm (§8.6): an IKEv2 transform type 2 ID. */
  record PrfAlgorithm(long id) implements Avp {
    public PrfAlgorithm {
      checkU32(id);
    }

    @Override
    public int code() {
      return AvpCode.PRF_ALGORITHM.id();
    }
  }

  /** Result-Code (§8.7): 0 PANA_SUCCESS, 1 AUTHENTICATION_REJECTED, 2 AUTHORIZATION_REJECTED. */
  record ResultCode(long value) implements Avp {
    public static final long PANA_SUCCESS = 0;
    public static final long PANA_AUTHENTICATION_REJECTED = 1;
    public static final long PANA_AUTHORIZATION_REJECTED = 2;

    public ResultCode {
      checkU32(value);
    }

    @Override
    public int code() {
      return AvpCode.RESULT_CODE.id();
    }
  }

  /** Session-Lifetime (§8.8): seconds of network access granted. */
  record SessionLifetime(long seconds) implements Avp {
    public SessionLifetime {
      checkU32(seconds);
    }

    @Override
    public int code() {
      return AvpCode.SESSION_LIFETIME.id();
    }
  }

  /** Termination-Cause (§8.9): 1 LOGOUT, 4 ADMINISTRATIVE, 8 SESSION_TIMEOUT. */
  record TerminationCause(long value) implements Avp {
    public static final long LOGOUT = 1;
    public static final long ADMINISTRATIVE = 4;
    public static final long SESSION_TIMEOUT = 8;

    public TerminationCause {
      checkU32(value);
    }

    @Override
    public int code() {
      return AvpCode.TERMINATION_CAUSE.id();
    }
  }

  /**
   * Encr-Encap (RFC 6786): other AVPs, encrypted. The value is opaque here; once decrypted it is
   * an AVP sequence that {@link PanaCodec#decodeAvps} reads.
   */
  record EncrEncap(byte[] encrypted) implements Avp {
    public EncrEncap {
      encrypted = encrypted.clone();
    }

    @Override
    public byte[] encrypted() {
      return encrypted.clone();
    }

    @Override
    public int code() {
      return AvpCode.ENCR_ENCAP.id();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EncrEncap a && Arrays.equals(a.encrypted, encrypted);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(encrypted) + 12;
    }

    @Override
    public String toString() {
      return "Encr-Encap[" + encrypted.length + " bytes]";
    }
  }

  /** Encryption-Algorithm (RFC 6786): the algorithm protecting Encr-Encap. */
  record EncryptionAlgorithm(long id) implements Avp {
    public EncryptionAlgorithm {
      checkU32(id);
    }

    @Override
    public int code() {
      return AvpCode.ENCRYPTION_ALGORITHM.id();
    }
  }

  /**
   * Any other AVP, or a vendor's (V bit set in {@code flags}, {@code vendorId} meaningful only
   * then), kept with its flags as received.
   */
  record Unknown(int code, int flags, long vendorId, byte[] value) implements Avp {
    public Unknown {
      if ((code & ~0xffff) != 0 || (flags & ~0xffff) != 0) {
        throw new IllegalArgumentException("AVP code and flags are 16-bit fields");
      }
      checkU32(vendorId);
      if ((flags & PanaCodec.AVP_FLAG_V) == 0 && vendorId != 0) {
        throw new IllegalArgumentException("a Vendor-Id needs the V flag");
      }
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    public boolean isVendorSpecific() {
      return (flags & PanaCodec.AVP_FLAG_V) != 0;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unknown u
          && u.code == code
          && u.flags == flags
          && u.vendorId == vendorId
          && Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode() {
      return ((31 * code + flags) * 31 + Long.hashCode(vendorId)) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "AVP[code " + code + ", flags 0x" + Integer.toHexString(flags)
          + (isVendorSpecific() ? ", vendor " + vendorId : "") + ", " + value.length + " bytes]";
    }
  }

  private static void checkU32(long v) {
    if ((v & ~0xffffffffL) != 0) {
      throw new IllegalArgumentException("not an unsigned 32-bit value: " + v);
    }
  }
}
