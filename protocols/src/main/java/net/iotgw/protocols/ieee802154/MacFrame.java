package net.iotgw.protocols.ieee802154;

import java.util.Arrays;
import java.util.List;

/**
 * A general-format MAC frame without its FCS (IEEE 802.15.4-2015 §7.2): the header and the MAC
 * payload. For a secured frame the payload is as sent, ciphertext (or plaintext at MIC-only levels)
 * followed by the MIC; link security splits it with {@link MacHeader#micLength()}. Payload IEs
 * (2015, after an HT1) are part of the payload and are not parsed here.
 *
 * @param header the MAC header
 * @param payload the MAC payload; not copied, callers must not change it
 */
public record MacFrame(MacHeader header, byte[] payload) {

  public MacFrame {
    if (payload.length < header.micLength()) {
      throw new IllegalArgumentException(
          "payload of "
              + payload.length
              + " octets cannot hold a "
              + header.micLength()
              + "-octet MIC");
    }
    List<HeaderIe> ies = header.headerIes();
    if (payload.length > 0 && !ies.isEmpty() && !ies.get(ies.size() - 1).isTermination()) {
      // 802.15.4-2015 §7.4.1: the receiver could not tell where the IEs end.
      throw new IllegalArgumentException("header IEs followed by a payload need HT1 or HT2");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MacFrame f && f.header.equals(header) && Arrays.equals(f.payload, payload);
  }

  @Override
  public int hashCode() {
    return 31 * header.hashCode() + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "MacFrame[" + header + ", payload " + payload.length + " octets]";
  }
}
