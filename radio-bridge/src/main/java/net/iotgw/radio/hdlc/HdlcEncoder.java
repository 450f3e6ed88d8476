package net.iotgw.radio.hdlc;

import java.util.Arrays;
import java.util.Objects;

/**
 * Frames a payload for the wire: {@code FLAG, escaped(payload, FCS low, FCS high), FLAG}, as
 * OpenThread's {@code Hdlc::Encoder} (BeginFrame / Encode / EndFrame) emits it. The FCS is computed
 * over the unescaped bytes. Every frame carries its own leading flag, so a receiver that lost sync
 * on line noise recovers at the next frame.
 *
 * <p>Stateless and thread-safe.
 */
public final class HdlcEncoder {

  private HdlcEncoder() {}

  /** Worst case, every byte of payload and FCS escaped, plus two flags. */
  public static int maxEncodedLength(int payloadLength) {
    return 2 + 2 * (payloadLength + HdlcLite.FCS_SIZE);
  }

  public static byte[] encode(byte[] payload) {
    return encode(payload, 0, payload.length);
  }

  public static byte[] encode(byte[] payload, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, payload.length);
    byte[] out = new byte[maxEncodedLength(length)];
    int pos = 0;
    out[pos++] = (byte) HdlcLite.FLAG;
    for (int i = offset; i < offset + length; i++) {
      pos = put(out, pos, payload[i]);
    }
    int fcs = Fcs16.compute(payload, offset, length);
    pos = put(out, pos, (byte) fcs);
    pos = put(out, pos, (byte) (fcs >>> 8));
    out[pos++] = (byte) HdlcLite.FLAG;
    return Arrays.copyOf(out, pos);
  }

  private static int put(byte[] out, int pos, byte b) {
    if (HdlcLite.needsEscape(b)) {
      out[pos++] = (byte) HdlcLite.ESCAPE;
      out[pos++] = (byte) (b ^ HdlcLite.ESCAPE_XOR);
    } else {
      out[pos++] = b;
    }
    return pos;
  }
}
