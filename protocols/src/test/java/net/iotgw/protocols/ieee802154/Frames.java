package net.iotgw.protocols.ieee802154;

import java.util.HexFormat;

/**
 * Frames used as fixtures. Those written by this codec were checked once with tshark 4.0.17 (DLT
 * 195, IEEE802_15_4_WITHFCS): every field and "FCS: ... (Correct)" as pinned here.
 */
final class Frames {
  private Frames() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /**
   * A captured 802.15.4-2003 data frame from a Contiki node, with FCS (the "Advanced packets"
   * sample of scapy's test/scapy/layers/dot15d4.uts): extended addresses 02:12:13:ff:fe:14:15:16
   * and 02:11:22:ff:fe:33:44:55, PAN 0xabcd, IPHC-compressed TCP inside. tshark: FCS 0x16c1
   * (Correct).
   */
  static final String CONTIKI_2003_EXT =
      "41cc b5 cdab 161514feff131202 554433feff221102"
          + " 78f600068000010050c4fa000001f789f3025f501804c448280000"
          + "436f6e74656e742d747970653a20746578742f6373730d0a0d0a"
          + " c116";

  /** IEEE 802.15.4-2006/2015 Annex C.2.1.1: secured beacon, MIC-64, no FCS. */
  static final String ANNEX_C_BEACON =
      "08d0 84 2143 010000000048deac 02 05000000 55cf0000 51525354 223bc1ec841ab553";

  /** Annex C.2.2.1: secured data frame, ENC (level 4), extended addresses, no FCS. */
  static final String ANNEX_C_DATA =
      "69dc 84 2143 020000000048deac 010000000048deac 04 05000000 d43e022b";

  /** Annex C.2.3.1: secured command frame (association request), ENC-MIC-64, no FCS. */
  static final String ANNEX_C_COMMAND =
      "2bdc 84 2143 020000000048deac ffff 010000000048deac 06 05000000 01 d84fde529061f9c6f1";
}
