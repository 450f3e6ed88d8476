package net.iotgw.protocols.radius;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/** EAP-Message (79) carriage: an EAP packet split over consecutive attributes (RFC 3579 §3.1). */
public final class EapMessages {

  private EapMessages() {}

  /**
   * Splits an EAP packet into attributes of at most 253 value octets, in order. An empty input
   * gives one empty attribute: the EAP-Start of RFC 3579 §3.1.
   */
  public static List<RadiusAttribute> split(byte[] eap) {
    List<RadiusAttribute> out = new ArrayList<>();
    int off = 0;
    do {
      int n = Math.min(RadiusAttribute.MAX_VALUE, eap.length - off);
      out.add(
          new RadiusAttribute(
              AttributeType.EAP_MESSAGE, java.util.Arrays.copyOfRange(eap, off, off + n)));
      off += n;
    } while (off < eap.length);
    return out;
  }

  /**
   * The EAP packet carried by {@code packet}: its EAP-Message attributes concatenated, empty when
   * there are none. They must be consecutive (RFC 3579 §3.1), else the packet is refused.
   */
  public static Decoded<Optional<byte[]>> join(RadiusPacket packet) {
    ByteArrayOutputStream eap = new ByteArrayOutputStream();
    int first = -1;
    int last = -1;
    List<RadiusAttribute> attrs = packet.attributes();
    for (int i = 0; i < attrs.size(); i++) {
      if (attrs.get(i).type() == AttributeType.EAP_MESSAGE) {
        if (last >= 0 && last != i - 1) {
          return Decoded.failed(
              new DecodeError(
                  DecodeError.Kind.INVALID_SYNTAX, i, "EAP-Message attributes not consecutive"));
        }
        if (first < 0) {
          first = i;
        }
        last = i;
        eap.writeBytes(attrs.get(i).value());
      }
    }
    return Decoded.ok(first < 0 ? Optional.empty() : Optional.of(eap.toByteArray()));
  }
}
