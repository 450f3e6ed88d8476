package net.iotgw.protocols.ike.codec;

import static net.iotgw.protocols.ike.codec.Fixtures.SA_INIT_HEX;
import static net.iotgw.protocols.ike.codec.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class IkeSaInitRequestTest {

  @Test
  void encodesTheHandBuiltSaInitRequestByteForByte_rfc7296_3() {
    assertEquals(hex(hex(SA_INIT_HEX)), hex(IkeEncoder.encode(Fixtures.saInitRequest())));
  }

  @Test
  void isAsLongAsStrongSwansSaInitRequest() {
    assertEquals(232, IkeEncoder.encode(Fixtures.saInitRequest()).length);
  }

  @Test
  void decodesTheBytesIntoTheSameRecords() {
    IkeMessage m = IkeDecoder.decode(hex(SA_INIT_HEX)).orThrow();

    assertEquals(Fixtures.saInitHeader().withChain(PayloadType.SA.id(), 232), m.header());
    assertEquals(Fixtures.saInitPayloads(), m.payloads());
  }

  @Test
  void decodesHeaderFieldsAndFlags_rfc7296_3_1() {
    IkeHeader h = IkeDecoder.decode(hex(SA_INIT_HEX)).orThrow().header();

    assertEquals(Fixtures.SPI_I, h.spiI());
    assertEquals(0, h.spiR());
    assertEquals(2, h.majorVersion());
    assertEquals(0, h.minorVersion());
    assertEquals(ExchangeType.IKE_SA_INIT.id(), h.exchangeType());
    assertTrue(h.initiator());
    assertFalse(h.response());
    assertFalse(h.version());
    assertEquals(0, h.messageId());
  }

  @Test
  void exposesTheKeyLengthAttributeOfTheCipher_rfc7296_3_3_5() {
    SaPayload sa =
        IkeDecoder.decode(hex(SA_INIT_HEX)).orThrow().first(SaPayload.class).orElseThrow();
    List<Transform> transforms = sa.proposals().get(0).transforms();

    assertEquals(OptionalInt.of(128), transforms.get(0).keyLength());
    assertEquals(OptionalInt.empty(), transforms.get(1).keyLength());
  }

  @Test
  void carriesTheHashAlgorithmsOfSignatureHashAlgorithms_rfc7427_4() {
    IkeMessage m = IkeDecoder.decode(hex(SA_INIT_HEX)).orThrow();
    NotifyPayload n =
        m.all(NotifyPayload.class).stream()
            .filter(p -> p.notifyType() == NotifyType.SIGNATURE_HASH_ALGORITHMS.id())
            .findFirst()
            .orElseThrow();
    byte[] data = n.data();
    List<HashAlgorithm> algorithms = new ArrayList<>();
    for (int i = 0; i < data.length; i += 2) {
      algorithms.add(
          HashAlgorithm.of(((data[i] & 0xff) << 8) | (data[i + 1] & 0xff)).orElseThrow());
    }

    assertEquals(
        List.of(
            HashAlgorithm.SHA2_256,
            HashAlgorithm.SHA2_384,
            HashAlgorithm.SHA2_512,
            HashAlgorithm.IDENTITY),
        algorithms);
  }

  @Test
  void namesTheNotifiesStrongSwanSends() {
    IkeMessage m = IkeDecoder.decode(hex(SA_INIT_HEX)).orThrow();
    List<NotifyType> types = new ArrayList<>();
    for (NotifyPayload n : m.all(NotifyPayload.class)) {
      types.add(n.knownType().orElseThrow());
    }

    assertEquals(
        List.of(
            NotifyType.NAT_DETECTION_SOURCE_IP,
            NotifyType.NAT_DETECTION_DESTINATION_IP,
            NotifyType.IKEV2_FRAGMENTATION_SUPPORTED,
            NotifyType.SIGNATURE_HASH_ALGORITHMS,
            NotifyType.REDIRECT_SUPPORTED),
        types);
  }

  @Test
  void headerFieldsGivenForSendingAreIgnoredByTheEncoder() {
    IkeHeader misleading = Fixtures.saInitHeader().withChain(PayloadType.EAP.id(), 7);

    assertArrayEquals(
        hex(SA_INIT_HEX), IkeEncoder.encode(new IkeMessage(misleading, Fixtures.saInitPayloads())));
  }
}
