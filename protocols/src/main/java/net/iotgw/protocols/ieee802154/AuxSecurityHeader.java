package net.iotgw.protocols.ieee802154;

import java.util.OptionalLong;

/**
 * The auxiliary security header (IEEE 802.15.4-2015 §9.4): security control, frame counter and key
 * identifier. It travels in the clear and is authenticated with the rest of the MAC header; the MIC
 * sits at the end of the MAC payload ({@link SecurityLevel#micLength()}).
 *
 * <pre>
 *   Security Control (1) | Frame Counter (0/4) | Key Source (0/4/8) | Key Index (0/1)
 *   Security Control: b0-2 Security Level, b3-4 Key Id Mode, b5 Frame Counter Suppression (2015)
 * </pre>
 *
 * All multi-octet fields are little-endian on the air, like every MAC field.
 *
 * @param level security level
 * @param keyIdMode how the key is identified
 * @param frameCounter 0..2^32-1, or empty when the frame counter is suppressed (2015 TSCH only)
 * @param keySource 0 unless {@code keyIdMode} has a key source; below 2^32 for a 4-octet source
 * @param keyIndex 0 for {@link KeyIdMode#IMPLICIT}, else 0..255
 */
public record AuxSecurityHeader(
    SecurityLevel level,
    KeyIdMode keyIdMode,
    OptionalLong frameCounter,
    long keySource,
    int keyIndex) {

  /** Security control bit 5, 802.15.4-2015 only. */
  static final int FRAME_COUNTER_SUPPRESSION = 0x20;

  public AuxSecurityHeader {
    if (frameCounter.isPresent() && (frameCounter.getAsLong() >>> 32) != 0) {
      throw new IllegalArgumentException("frame counter must be 0..2^32-1");
    }
    boolean sourceFits =
        switch (keyIdMode) {
          case IMPLICIT, INDEX -> keySource == 0;
          case SOURCE_4_INDEX -> (keySource >>> 32) == 0;
          case SOURCE_8_INDEX -> true;
        };
    if (!sourceFits) {
      throw new IllegalArgumentException("key source does not fit key id mode " + keyIdMode);
    }
    if (keyIdMode == KeyIdMode.IMPLICIT ? keyIndex != 0 : keyIndex < 0 || keyIndex > 255) {
      throw new IllegalArgumentException("key index " + keyIndex + " not valid for " + keyIdMode);
    }
  }

  /** Key Id Mode 0: the key is implied by the pair of devices (PEMK per CD, for instance). */
  public static AuxSecurityHeader implicitKey(SecurityLevel level, long frameCounter) {
    return new AuxSecurityHeader(level, KeyIdMode.IMPLICIT, OptionalLong.of(frameCounter), 0, 0);
  }

  /** Key Id Mode 1: a Key Index names one of the keys shared with the default key source. */
  public static AuxSecurityHeader withKeyIndex(SecurityLevel level, long frameCounter, int index) {
    return new AuxSecurityHeader(level, KeyIdMode.INDEX, OptionalLong.of(frameCounter), 0, index);
  }

  public boolean frameCounterSuppressed() {
    return frameCounter.isEmpty();
  }

  /** Octets of the MIC this header announces. */
  public int micLength() {
    return level.micLength();
  }

  /** Octets this header takes in the MAC header: 1 to 14. */
  public int length() {
    return 1 + (frameCounter.isPresent() ? 4 : 0) + keyIdMode.keyIdentifierLength();
  }

  /** The Security Control octet. */
  public int securityControl() {
    return level.id()
        | keyIdMode.id() << 3
        | (frameCounter.isEmpty() ? FRAME_COUNTER_SUPPRESSION : 0);
  }
}
