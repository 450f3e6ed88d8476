package net.iotgw.radio.rcp;

import java.util.Arrays;
import net.iotgw.protocols.ieee802154.Fcs;
import net.iotgw.protocols.ieee802154.MacFrameCodec;

/**
 * A frame the radio received, with the signal data the RCP reported (Spinel STREAM_RAW metadata).
 *
 * @param psdu the MAC frame including its two FCS bytes, as the RCP delivered it (an RCP only
 *     passes frames whose FCS checked out, so callers need not verify it; some radios report other
 *     data in those two bytes, so do not rely on their content either)
 * @param rssi dBm, -128 when the RCP did not say
 * @param lqi IEEE 802.15.4 link quality indicator, 0..255, 0 when unknown
 * @param channel the channel it was received on
 */
public record ReceivedRadioFrame(byte[] psdu, int rssi, int lqi, int channel) {

  public ReceivedRadioFrame {
    if (psdu.length > MacFrameCodec.MAX_PHY_PACKET_SIZE) {
      throw new IllegalArgumentException(
          "PSDU longer than " + MacFrameCodec.MAX_PHY_PACKET_SIZE + ": " + psdu.length);
    }
    psdu = psdu.clone();
  }

  @Override
  public byte[] psdu() {
    return psdu.clone();
  }

  /** The MAC frame without its FCS. */
  public byte[] macFrame() {
    return Arrays.copyOf(psdu, Math.max(0, psdu.length - Fcs.LENGTH));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReceivedRadioFrame f
        && Arrays.equals(psdu, f.psdu)
        && rssi == f.rssi
        && lqi == f.lqi
        && channel == f.channel;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(psdu) + 961 * rssi + 31 * lqi + channel;
  }

  @Override
  public String toString() {
    return "ReceivedRadioFrame["
        + psdu.length
        + " bytes, channel "
        + channel
        + ", rssi "
        + rssi
        + " dBm, lqi "
        + lqi
        + "]";
  }
}
