package net.iotgw.protocols.ieee802154.security;

import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.MacHeader;

/** The outcome of checking a received frame ({@link FrameProtection#unprotect}). */
public sealed interface Unprotected {

  /**
   * An authentic, fresh frame.
   *
   * @param header the MAC header as received (Security Enabled, auxiliary security header)
   * @param payload the MAC payload in plaintext, MIC removed; owned by the caller
   * @param sender the sender's extended address, from the {@link PeerLookup}
   * @param frameCounter the frame's counter
   * @param replay the sender's replay state after this frame: the caller stores it
   */
  record Accepted(
      MacHeader header,
      byte[] payload,
      Address.Extended sender,
      long frameCounter,
      ReplayState replay)
      implements Unprotected {
    @Override
    public String toString() {
      return "Accepted["
          + sender
          + ", counter "
          + frameCounter
          + ", "
          + payload.length
          + " octets]";
    }
  }

  /**
   * A frame dropped by the enforcement point.
   *
   * @param reason why
   * @param detail for the log line; never key material
   */
  record Rejected(Reason reason, String detail) implements Unprotected {}

  /** Why a frame was dropped; the names follow 802.15.4-2006 §7.5.8.2.3 where it has one. */
  enum Reason {
    /** The PSDU does not decode (bad FCS, truncated, inconsistent header). */
    MALFORMED,
    /** Security Enabled is clear: after admission only secured frames pass. */
    UNSECURED,
    /** The security level is not the one required (IMPROPER_SECURITY_LEVEL). */
    IMPROPER_SECURITY_LEVEL,
    /** A level or frame form this implementation refuses: ENC without MIC, encrypted beacons, a
     * suppressed frame counter. */
    UNSUPPORTED,
    /** No key for this sender (UNAVAILABLE_KEY). */
    UNKNOWN_DEVICE,
    /** Frame counter 0xFFFFFFFF (COUNTER_ERROR). */
    COUNTER_ERROR,
    /** The frame counter is not above the highest accepted from this sender (COUNTER_ERROR). */
    REPLAYED,
    /** The MIC does not verify (SECURITY_ERROR). */
    BAD_MIC
  }
}
