package net.iotgw.protocols.ike.codec;

import static net.iotgw.protocols.ike.codec.Fixtures.hex;
import static net.iotgw.protocols.ike.codec.Fixtures.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bytes that AEAD authenticates and that an ICV covers, produced before the body exists. */
class SkSealingTest {
  private static final IkeHeader HEADER =
      IkeHeader.of(Fixtures.SPI_I, Fixtures.SPI_R, ExchangeType.IKE_AUTH, true, false, 1);

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void skPrefixIsTheIkeHeaderAndSkHeaderSizedForTheBody_rfc5282_5_1() {
    byte[] prefix = IkeEncoder.encodeSkPrefix(HEADER, List.of(), PayloadType.IDI.id(), 100);

    assertEquals(
        "0123456789abcdef fedcba9876543210 2e 20 23 08 00000001 00000084  23 00 0068"
            .replace(" ", ""),
        hex(prefix));
  }

  @Test
  void skPrefixFollowedByTheBodyIsTheEncodedMessage_rfc7296_3_14() {
    byte[] body = seq(0, 100);
    byte[] prefix = IkeEncoder.encodeSkPrefix(HEADER, List.of(), PayloadType.IDI.id(), body.length);

    assertArrayEquals(
        IkeEncoder.encode(
            new IkeMessage(HEADER, List.of(new EncryptedPayload(PayloadType.IDI.id(), body)))),
        concat(prefix, body));
  }

  @Test
  void skfPrefixEndsAfterTotalFragments_rfc7383_2_5() {
    byte[] prefix = IkeEncoder.encodeSkfPrefix(HEADER, List.of(), PayloadType.IDI.id(), 1, 3, 60);

    assertEquals(
        "0123456789abcdef fedcba9876543210 35 20 23 08 00000001 00000060  23 00 0044 0001 0003"
            .replace(" ", ""),
        hex(prefix));
  }

  @Test
  void skfPrefixFollowedByTheBodyIsTheEncodedFragment_rfc7383_2_5() {
    byte[] body = seq(0x40, 60);
    byte[] prefix = IkeEncoder.encodeSkfPrefix(HEADER, List.of(), 0, 2, 3, body.length);

    assertArrayEquals(
        IkeEncoder.encode(
            new IkeMessage(HEADER, List.of(new EncryptedFragmentPayload(0, 2, 3, body)))),
        concat(prefix, body));
  }

  @Test
  void unencryptedPayloadsBeforeSkArePartOfThePrefix_rfc5282_5_1() {
    List<Payload> before = List.of(new VendorIdPayload(hex("0102")));
    byte[] body = seq(0, 32);
    byte[] prefix = IkeEncoder.encodeSkPrefix(HEADER, before, PayloadType.NOTIFY.id(), body.length);

    assertEquals(IkeHeader.LENGTH + 6 + 4, prefix.length);
    assertArrayEquals(
        IkeEncoder.encode(
            new IkeMessage(
                HEADER,
                List.of(before.get(0), new EncryptedPayload(PayloadType.NOTIFY.id(), body)))),
        concat(prefix, body));
  }

  @Test
  void receivedMessageSplitsIntoThePrefixAndTheSkBody_rfc7296_3_14() {
    byte[] datagram = IkeEncoder.encode(Fixtures.authRequest());
    IkeMessage m = IkeDecoder.decode(datagram).orThrow();
    EncryptedPayload sk = m.first(EncryptedPayload.class).orElseThrow();
    byte[] received = Arrays.copyOf(datagram, datagram.length - sk.body().length);

    assertArrayEquals(
        IkeEncoder.encodeSkPrefix(m.header(), List.of(), sk.firstPayloadType(), sk.body().length),
        received);
  }

  @Test
  void skThatIsNotLastIsRefused_rfc7296_3_14() {
    List<Payload> payloads =
        List.of(new EncryptedPayload(0, seq(0, 8)), new VendorIdPayload(hex("01")));

    assertThrows(
        IllegalArgumentException.class, () -> IkeEncoder.encode(new IkeMessage(HEADER, payloads)));
  }

  @Test
  void skCannotBeEncodedAsSkPlaintext_rfc7296_3_14() {
    assertThrows(
        IllegalArgumentException.class,
        () -> IkeEncoder.encodePayloads(List.of(new EncryptedPayload(0, seq(0, 8)))));
  }

  @Test
  void payloadTooLongForItsLengthFieldIsRefused_rfc7296_3_2() {
    List<Payload> payloads = List.of(new VendorIdPayload(new byte[0xffff - 3]));

    assertThrows(IllegalArgumentException.class, () -> IkeEncoder.encodePayloads(payloads));
  }

  @Test
  void bodyTooLongForTheSkLengthFieldIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> IkeEncoder.encodeSkPrefix(HEADER, List.of(), 0, 0xffff - 3));
  }
}
