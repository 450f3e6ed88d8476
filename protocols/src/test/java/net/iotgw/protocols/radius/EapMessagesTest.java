package net.iotgw.protocols.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

class EapMessagesTest {

  static byte[] counting(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  static List<Integer> sizes(List<RadiusAttribute> attrs) {
    return attrs.stream().map(a -> a.value().length).toList();
  }

  @Test
  void rfc3579_3_1_splitsAt253OctetsInOrder() {
    assertEquals(List.of(253), sizes(EapMessages.split(counting(253))));
    assertEquals(List.of(253, 1), sizes(EapMessages.split(counting(254))));
    assertEquals(List.of(253, 253), sizes(EapMessages.split(counting(506))));
    assertEquals(List.of(253, 253, 94), sizes(EapMessages.split(counting(600))));
    List<RadiusAttribute> parts = EapMessages.split(counting(600));
    assertEquals((byte) 253, parts.get(1).value()[0]);
    parts.forEach(a -> assertEquals(AttributeType.EAP_MESSAGE, a.type()));
  }

  @Test
  void rfc3579_3_1_emptyEapIsOneEmptyAttributeTheEapStart() {
    assertEquals(List.of(0), sizes(EapMessages.split(new byte[0])));
  }

  @Test
  void joinConcatenatesConsecutiveAttributesAroundOthers() {
    List<RadiusAttribute> attrs = new ArrayList<>();
    attrs.add(Attributes.userName("u"));
    attrs.addAll(EapMessages.split(counting(1000)));
    attrs.add(Attributes.state(new byte[] {9}));
    RadiusPacket p = new RadiusPacket(RadiusCode.ACCESS_REQUEST, 0, new byte[16], attrs);
    byte[] wire = p.encode();
    assertArrayEquals(
        counting(1000),
        EapMessages.join(RadiusPacket.decode(wire).orThrow()).orThrow().orElseThrow());
  }

  @Test
  void noEapMessageJoinsToEmpty() {
    RadiusPacket p =
        new RadiusPacket(
            RadiusCode.ACCESS_REJECT, 0, new byte[16], List.of(Attributes.userName("u")));
    assertFalse(EapMessages.join(p).orThrow().isPresent());
  }

  @Test
  void rfc3579_3_1_nonConsecutiveEapMessagesAreRefused() {
    List<RadiusAttribute> attrs = new ArrayList<>(EapMessages.split(counting(300)));
    attrs.add(1, Attributes.userName("u"));
    RadiusPacket p = new RadiusPacket(RadiusCode.ACCESS_CHALLENGE, 0, new byte[16], attrs);
    assertFalse(EapMessages.join(p).isOk());
    assertEquals(
        net.iotgw.protocols.wire.DecodeError.Kind.INVALID_SYNTAX,
        ((Decoded.Failed<?>) EapMessages.join(p)).error().kind());
  }
}
