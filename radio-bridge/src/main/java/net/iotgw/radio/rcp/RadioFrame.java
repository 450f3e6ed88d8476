package net.iotgw.radio.rcp;

import java.util.Arrays;
import net.iotgw.protocols.ieee802154.Fcs;
import net.iotgw.protocols.ieee802154.MacFrameCodec;

/**
 * An IEEE 802.15.4 frame for the radio to send: the PSDU, that is the MAC frame <em>including</em>
 * its two FCS bytes, exactly as Spinel's STREAM_RAW and pcap's DLT 195 (IEEE802_15_4_WITHFCS) carry
 * it. The radio computes the FCS while it transmits, so the last two bytes may be anything (zeros,
 * from {@link #ofMacFrame}); every PSDU in this module follows that convention.
 */
public record RadioFrame(byte[] psdu) {
  /** Two bytes of frame control and the FCS: the shortest MAC frame (2015, no sequence number). */
  public static final int MIN_PSDU = 4;

  public RadioFrame {
    if (psdu.length < MIN_PSDU || psdu.length > MacFrameCodec.MAX_PHY_PACKET_SIZE) {
      throw new IllegalArgumentException(
          "PSDU of "
              + psdu.length
              + " bytes, not "
              + MIN_PSDU
              + ".."
              + MacFrameCodec.MAX_PHY_PACKET_SIZE);
    }
    psdu = psdu.clone();
  }

  /** A MAC frame without FCS (header and payload), with room for the FCS appended. */
  public static RadioFrame ofMacFrame(byte[] withoutFcs) {
    return new RadioFrame(Arrays.copyOf(withoutFcs, withoutFcs.length + Fcs.LENGTH));
  }

  @Override
  public byte[] psdu() {
    return psdu.clone();
  }

  public int length() {
    return psdu.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RadioFrame f && Arrays.equals(psdu, f.psdu);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(psdu);
  }

  @Override
  public String toString() {
    return "RadioFrame[" + psdu.length + " bytes]";
  }
}
