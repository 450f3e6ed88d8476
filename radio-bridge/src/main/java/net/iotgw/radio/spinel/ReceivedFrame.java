package net.iotgw.radio.spinel;

import java.util.Arrays;
import net.iotgw.protocols.ieee802154.MacFrameCodec;

/**
 * A frame the radio heard, as an RCP reports it in {@code PROP_VALUE_IS STREAM_RAW} (spinel.h,
 * SPINEL_PROP_STREAM_RAW, "frame data" and "frame meta data"; packed by OpenThread's {@code
 * NcpBase::PackRadioFrame} as {@code d c c S t(C C X) t(i) t(C L)}). The same structure carries the
 * ACK in a transmit completion ({@link TransmitDetails#ack()}).
 *
 * <p>spinel.h: "Partially specified metadata MUST be accepted. Default values are used for all
 * unspecified fields." The defaults are the constants below.
 *
 * @param psdu the PHY payload as OpenThread's {@code otRadioFrame} holds it: the MAC frame
 *     including its two FCS bytes (whose content depends on the radio), at most {@link
 *     MacFrameCodec#MAX_PHY_PACKET_SIZE} bytes; empty when an RCP reports "no ACK frame"
 * @param rssi received signal strength in dBm, {@link #UNKNOWN_DBM} if unknown
 * @param noiseFloor dBm, {@link #UNKNOWN_DBM} if unknown (OpenThread always sends that)
 * @param flags {@code SPINEL_MD_FLAG_*} bits
 * @param channel PHY-data: the channel the frame was received on
 * @param lqi PHY-data: IEEE 802.15.4 link quality indicator, 0 if unknown
 * @param timestampMicros PHY-data: the radio's receive timestamp in microseconds (unsigned)
 * @param receiveError vendor-data: OpenThread's {@code otError} of the receive, 0 = none
 * @param ackKeyId MAC-data: key id of the ACK the radio sent (enhanced ACK security), else 0
 * @param ackFrameCounter MAC-data: frame counter of that ACK, else 0
 */
public record ReceivedFrame(
    byte[] psdu,
    int rssi,
    int noiseFloor,
    int flags,
    int channel,
    int lqi,
    long timestampMicros,
    int receiveError,
    int ackKeyId,
    long ackFrameCounter) {

  /** spinel.h default for RSSI and noise floor: -128 dBm. */
  public static final int UNKNOWN_DBM = -128;

  /** SPINEL_MD_FLAG_TX: the frame was transmitted, not received. */
  public static final int FLAG_TX = 0x0001;

  /** SPINEL_MD_FLAG_BAD_FCS. */
  public static final int FLAG_BAD_FCS = 0x0004;

  /** SPINEL_MD_FLAG_DUPE. */
  public static final int FLAG_DUPE = 0x0008;

  /** SPINEL_MD_FLAG_ACKED_FP: the radio acknowledged it with frame pending set. */
  public static final int FLAG_ACKED_FP = 0x0010;

  /** SPINEL_MD_FLAG_ACKED_SEC: the radio acknowledged it with a secured enhanced ACK. */
  public static final int FLAG_ACKED_SEC = 0x0020;

  public ReceivedFrame {
    if (psdu.length > MacFrameCodec.MAX_PHY_PACKET_SIZE) {
      throw new IllegalArgumentException(
          "PSDU longer than " + MacFrameCodec.MAX_PHY_PACKET_SIZE + ": " + psdu.length);
    }
    psdu = psdu.clone();
    checkRange("rssi", rssi, -128, 127);
    checkRange("noiseFloor", noiseFloor, -128, 127);
    checkRange("flags", flags, 0, 0xFFFF);
    checkRange("channel", channel, 0, 0xFF);
    checkRange("lqi", lqi, 0, 0xFF);
    checkRange("receiveError", receiveError, 0, PackedUint.MAX);
    checkRange("ackKeyId", ackKeyId, 0, 0xFF);
    if (ackFrameCounter < 0 || ackFrameCounter > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("ackFrameCounter out of range: " + ackFrameCounter);
    }
  }

  /** A received frame with signal data and defaults for the rest. */
  public static ReceivedFrame of(byte[] psdu, int channel, int rssi, int lqi) {
    return new ReceivedFrame(psdu, rssi, UNKNOWN_DBM, 0, channel, lqi, 0, 0, 0, 0);
  }

  @Override
  public byte[] psdu() {
    return psdu.clone();
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) == flag;
  }

  private static void checkRange(String name, int v, int min, int max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + " out of range: " + v);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReceivedFrame f
        && Arrays.equals(psdu, f.psdu)
        && rssi == f.rssi
        && noiseFloor == f.noiseFloor
        && flags == f.flags
        && channel == f.channel
        && lqi == f.lqi
        && timestampMicros == f.timestampMicros
        && receiveError == f.receiveError
        && ackKeyId == f.ackKeyId
        && ackFrameCounter == f.ackFrameCounter;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(psdu)
        + java.util.Objects.hash(
            rssi, noiseFloor, flags, channel, lqi, timestampMicros, receiveError, ackKeyId,
            ackFrameCounter);
  }

  @Override
  public String toString() {
    return "ReceivedFrame[" + psdu.length + " bytes, channel " + channel + ", rssi " + rssi
        + " dBm, lqi " + lqi + ", flags 0x" + Integer.toHexString(flags) + ", t " + timestampMicros
        + " us, error " + receiveError + "]";
  }
}
