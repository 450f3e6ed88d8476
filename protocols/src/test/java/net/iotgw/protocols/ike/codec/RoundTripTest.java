package net.iotgw.protocols.ike.codec;

import static net.iotgw.protocols.ike.codec.Fixtures.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** decode(encode(m)) == m and encode(decode(x)) == x, for every payload record. */
class RoundTripTest {

  /** The message decode yields for m: the header as the encoder filled it in. */
  private static IkeMessage asDecoded(IkeMessage m, byte[] bytes) {
    return new IkeMessage(
        m.header().withChain(IkeEncoder.firstPayloadType(m.payloads()), bytes.length),
        m.payloads());
  }

  private static void assertRoundTrips(IkeMessage m) {
    byte[] bytes = IkeEncoder.encode(m);
    IkeMessage decoded = IkeDecoder.decode(bytes).orThrow();

    assertEquals(asDecoded(m, bytes), decoded);
    assertArrayEquals(bytes, IkeEncoder.encode(decoded));
  }

  private static IkeHeader header() {
    return IkeHeader.of(
        Fixtures.SPI_I, Fixtures.SPI_R, ExchangeType.INFORMATIONAL, false, true, 0xfffffffeL);
  }

  @Test
  void everyPayloadRecordRoundTripsOutsideEncryption() {
    assertRoundTrips(new IkeMessage(header(), Fixtures.everyPayload()));
  }

  @Test
  void everyPayloadRecordRoundTripsAsSkPlaintext() {
    List<Payload> inner = Fixtures.everyPayload();
    byte[] plaintext = IkeEncoder.encodePayloads(inner);

    assertEquals(
        inner, IkeDecoder.decodePayloads(IkeEncoder.firstPayloadType(inner), plaintext).orThrow());
  }

  @Test
  void eachPayloadAloneRoundTrips() {
    for (Payload p : Fixtures.everyPayload()) {
      assertRoundTrips(new IkeMessage(header(), List.of(p)));
    }
  }

  @Test
  void saInitRequestRoundTrips() {
    assertRoundTrips(Fixtures.saInitRequest());
  }

  @Test
  void authRequestWithSkRoundTrips_rfc7296_3_14() {
    assertRoundTrips(Fixtures.authRequest());
  }

  @Test
  void ikeAuthInnerPayloadsRoundTrip() {
    List<Payload> inner = Fixtures.authInner();

    assertEquals(
        inner,
        IkeDecoder.decodePayloads(PayloadType.IDI.id(), IkeEncoder.encodePayloads(inner))
            .orThrow());
  }

  @Test
  void emptySkOfALivenessCheckRoundTrips_rfc7296_2_4() {
    assertRoundTrips(new IkeMessage(header(), List.of(new EncryptedPayload(0, seq(0, 24)))));
  }

  @Test
  void skfFragmentsRoundTrip_rfc7383_2_5() {
    assertRoundTrips(
        new IkeMessage(
            header(),
            List.of(new EncryptedFragmentPayload(PayloadType.IDI.id(), 1, 3, seq(0, 40)))));
    assertRoundTrips(
        new IkeMessage(header(), List.of(new EncryptedFragmentPayload(0, 3, 3, seq(0, 40)))));
  }

  @Test
  void unencryptedPayloadsMayPrecedeSk() {
    assertRoundTrips(
        new IkeMessage(
            header(),
            List.of(
                new VendorIdPayload(seq(1, 4)),
                new EncryptedPayload(PayloadType.NOTIFY.id(), seq(0, 32)))));
  }

  @Test
  void messageWithoutPayloadsRoundTrips() {
    IkeMessage m = new IkeMessage(header(), List.of());
    byte[] bytes = IkeEncoder.encode(m);

    assertEquals(IkeHeader.LENGTH, bytes.length);
    assertRoundTrips(m);
  }

  @Test
  void unknownMinorVersionAndVersionFlagAreKept_rfc7296_3_1() {
    IkeHeader h = new IkeHeader(1, 2, 0, 2, 5, 200, false, true, false, 7, 0);

    assertRoundTrips(new IkeMessage(h, List.of(new NoncePayload(seq(0, 16)))));
  }
}
