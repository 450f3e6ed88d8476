package net.iotgw.protocols.ike.codec;

import static net.iotgw.protocols.ike.codec.Fixtures.hex;
import static net.iotgw.protocols.ike.codec.Fixtures.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records compare by content, own their arrays, and refuse what the wire cannot carry. */
class PayloadRecordsTest {

  @Test
  void recordsWithArraysAreEqualByContent() {
    for (Payload p : Fixtures.everyPayload()) {
      Payload copy =
          IkeDecoder.decodePayloads(p.type(), IkeEncoder.encodePayloads(List.of(p)))
              .orThrow()
              .get(0);
      assertEquals(p, copy);
      assertEquals(p.hashCode(), copy.hashCode());
    }
  }

  @Test
  void differentContentIsNotEqual() {
    assertNotEquals(new KePayload(31, hex("01")), new KePayload(31, hex("02")));
    assertNotEquals(
        new DeletePayload(3, 4, List.of(hex("01020304"))),
        new DeletePayload(3, 4, List.of(hex("01020305"))));
  }

  @Test
  void arraysAreCopiedInAndOut() {
    byte[] data = seq(0, 16);
    NoncePayload nonce = new NoncePayload(data);
    data[0] = 9;
    nonce.nonce()[1] = 9;

    assertArrayEquals(seq(0, 16), nonce.nonce());
  }

  @Test
  void deleteSpisAreCopiedInAndOut() {
    byte[] spi = hex("01020304");
    DeletePayload d = new DeletePayload(3, 4, List.of(spi));
    spi[0] = 9;
    d.spis().get(0)[1] = 9;

    assertArrayEquals(hex("01020304"), d.spis().get(0));
  }

  @Test
  void toStringNamesKnownNotifiesAndShowsBytes() {
    assertEquals("N(COOKIE, 0102)", NotifyPayload.of(NotifyType.COOKIE, hex("0102")).toString());
    assertTrue(new KePayload(31, seq(0, 40)).toString().contains("(40 bytes)"));
  }

  @Test
  void nonceOutside16To256BytesIsRefused_rfc7296_3_9() {
    assertThrows(IllegalArgumentException.class, () -> new NoncePayload(new byte[15]));
    assertThrows(IllegalArgumentException.class, () -> new NoncePayload(new byte[257]));
  }

  @Test
  void addressIdOfWrongLengthIsRefused_rfc7296_3_5() {
    assertThrows(
        IllegalArgumentException.class, () -> new IdPayload(Role.INITIATOR, 1, new byte[3]));
    assertThrows(
        IllegalArgumentException.class, () -> new IdPayload(Role.INITIATOR, 5, new byte[4]));
  }

  @Test
  void deleteSpisMustMatchTheSpiSize_rfc7296_3_11() {
    assertThrows(
        IllegalArgumentException.class, () -> new DeletePayload(3, 4, List.of(new byte[3])));
    assertThrows(
        IllegalArgumentException.class, () -> new DeletePayload(1, 0, List.of(new byte[0])));
  }

  @Test
  void addressRangeNeedsTwoAddressesOfOneFamily_rfc7296_3_13_1() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TrafficSelector.AddressRange.of(new byte[4], new byte[16]));
    assertThrows(
        IllegalArgumentException.class,
        () -> TrafficSelector.AddressRange.of(new byte[5], new byte[5]));
    assertThrows(
        IllegalArgumentException.class, () -> new TrafficSelector.Other(7, 0, new byte[12]));
  }

  @Test
  void unknownPayloadCannotTakeAKnownType() {
    assertThrows(IllegalArgumentException.class, () -> new UnknownPayload(41, false, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new UnknownPayload(0, false, new byte[0]));
  }

  @Test
  void fragmentNumberMustBeWithinTotal_rfc7383_2_5() {
    assertThrows(
        IllegalArgumentException.class, () -> new EncryptedFragmentPayload(0, 0, 1, new byte[0]));
    assertThrows(
        IllegalArgumentException.class, () -> new EncryptedFragmentPayload(0, 3, 2, new byte[0]));
  }

  @Test
  void eapFramingIsChecked_rfc3748_4() {
    assertThrows(IllegalArgumentException.class, () -> new EapPayload(hex("010100")));
    assertThrows(IllegalArgumentException.class, () -> new EapPayload(hex("01010006 01")));
  }

  @Test
  void countsMustFitTheirOctet_rfc7296_3_3_1() {
    List<Transform> many = Collections.nCopies(256, new Transform(1, 12, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Proposal(1, 3, new byte[4], many));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NotifyPayload(3, new byte[256], 16393, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new TransformAttribute.Tv(0x8000, 1));
  }

  @Test
  void headerFieldsMustFitTheirWidth_rfc7296_3_1() {
    assertThrows(
        IllegalArgumentException.class,
        () -> IkeHeader.of(1, 2, ExchangeType.IKE_AUTH, true, false, 0x1_0000_0000L));
    assertThrows(
        IllegalArgumentException.class,
        () -> new IkeHeader(1, 2, 0, 16, 0, 34, true, false, false, 0, 0));
  }
}
