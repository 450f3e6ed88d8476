package net.iotgw.protocols.ieee802154;

/**
 * The 16-bit frame control field (IEEE 802.15.4-2015 §7.2.1), sent least significant octet first:
 *
 * <pre>
 *   b0-2 Frame Type | b3 Security Enabled | b4 Frame Pending | b5 AR | b6 PAN ID Compression |
 *   b7 reserved | b8 Sequence Number Suppression | b9 IE Present | b10-11 Dst Addressing Mode |
 *   b12-13 Frame Version | b14-15 Src Addressing Mode
 * </pre>
 *
 * Bits 8 and 9 exist from 802.15.4-2015 (802.15.4e) on; in older frame versions they are reserved,
 * so this record refuses them there.
 */
public record FrameControl(
    FrameType frameType,
    boolean securityEnabled,
    boolean framePending,
    boolean ackRequest,
    boolean panIdCompression,
    boolean sequenceNumberSuppression,
    boolean iePresent,
    AddressMode destinationMode,
    FrameVersion version,
    AddressMode sourceMode) {

  static final int SECURITY_ENABLED = 1 << 3;
  static final int FRAME_PENDING = 1 << 4;
  static final int ACK_REQUEST = 1 << 5;
  static final int PAN_ID_COMPRESSION = 1 << 6;
  static final int RESERVED = 1 << 7;
  static final int SEQUENCE_NUMBER_SUPPRESSION = 1 << 8;
  static final int IE_PRESENT = 1 << 9;

  public FrameControl {
    if ((sequenceNumberSuppression || iePresent) && version != FrameVersion.IEEE_2015) {
      throw new IllegalArgumentException(
          "sequence number suppression and IEs need frame version 2015, not " + version);
    }
  }

  /** The field as a number; the codec writes it least significant octet first. */
  public int bits() {
    return frameType.id()
        | (securityEnabled ? SECURITY_ENABLED : 0)
        | (framePending ? FRAME_PENDING : 0)
        | (ackRequest ? ACK_REQUEST : 0)
        | (panIdCompression ? PAN_ID_COMPRESSION : 0)
        | (sequenceNumberSuppression ? SEQUENCE_NUMBER_SUPPRESSION : 0)
        | (iePresent ? IE_PRESENT : 0)
        | destinationMode.id() << 10
        | version.id() << 12
        | sourceMode.id() << 14;
  }
}
