package net.iotgw.protocols.ike.codec;

import static net.iotgw.protocols.ike.codec.Fixtures.SA_INIT_HEX;
import static net.iotgw.protocols.ike.codec.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/** What the decoder refuses, with which error; and what it must tolerate. */
class IkeDecoderRejectsTest {

  /** An IKE_AUTH header announcing {@code first}, followed by {@code payloads}. */
  static byte[] message(int first, String payloads) {
    byte[] body = hex(payloads);
    return hex(
        "0123456789abcdef fedcba9876543210"
            + String.format("%02x", first)
            + "20 23 08 00000001"
            + String.format("%08x", IkeHeader.LENGTH + body.length)
            + payloads);
  }

  static DecodeError failure(Decoded<?> d) {
    return assertInstanceOf(Decoded.Failed.class, d).error();
  }

  static DecodeError inner(int first, String payloads) {
    return failure(IkeDecoder.decodePayloads(first, hex(payloads)));
  }

  // --- IKE header (RFC 7296 §3.1)

  @Test
  void datagramShorterThanTheHeaderIsTruncated() {
    assertEquals(Kind.TRUNCATED, failure(IkeDecoder.decode(new byte[27])).kind());
  }

  @Test
  void headerLengthMustEqualTheDatagramLength_rfc7296_3_1() {
    byte[] m = hex(SA_INIT_HEX);
    m[27] = (byte) 0xe9;

    DecodeError e = failure(IkeDecoder.decode(m));
    assertEquals(Kind.BAD_LENGTH, e.kind());
    assertEquals(24, e.offset());
  }

  @Test
  void higherMajorVersionIsUnsupportedWithTheVersionAsCode_rfc7296_2_5() {
    byte[] m = hex(SA_INIT_HEX);
    m[17] = 0x30;

    DecodeError e = failure(IkeDecoder.decode(m));
    assertEquals(Kind.UNSUPPORTED, e.kind());
    assertEquals(3, e.code());
    assertEquals(17, e.offset());
    assertEquals(NotifyType.INVALID_MAJOR_VERSION, IkeDecoder.notifyTypeFor(e));
  }

  @Test
  void ikev1HeaderIsUnsupportedWithCodeOne() {
    byte[] m = hex(SA_INIT_HEX);
    m[17] = 0x10;

    assertEquals(1, failure(IkeDecoder.decode(m)).code());
  }

  @Test
  void headerAloneStillDecodesWhenTheMessageDoesNot_forErrorNotifies() {
    byte[] m = hex(SA_INIT_HEX);
    m[17] = 0x30;

    IkeHeader h = IkeDecoder.decodeHeader(m).orThrow();
    assertEquals(Fixtures.SPI_I, h.spiI());
    assertEquals(3, h.majorVersion());
  }

  @Test
  void reservedHeaderFlagsAreIgnored_rfc7296_3_1() {
    byte[] m = hex(SA_INIT_HEX);
    m[19] |= 0x07;

    assertEquals(IkeDecoder.decode(hex(SA_INIT_HEX)).orThrow(), IkeDecoder.decode(m).orThrow());
  }

  // --- Payload chain (RFC 7296 §3.2, §2.5)

  @Test
  void payloadLengthBelowTheGenericHeaderIsBadLength_rfc7296_3_2() {
    assertEquals(Kind.BAD_LENGTH, failure(IkeDecoder.decode(message(43, "00 00 0003"))).kind());
  }

  @Test
  void payloadLengthBeyondTheMessageIsBadLength_rfc7296_3_2() {
    DecodeError e = failure(IkeDecoder.decode(message(43, "00 00 0009 01020304")));

    assertEquals(Kind.BAD_LENGTH, e.kind());
    assertEquals(IkeHeader.LENGTH + 2, e.offset());
  }

  @Test
  void chainAnnouncingAnotherPayloadAfterTheLastIsTruncated() {
    assertEquals(Kind.TRUNCATED, failure(IkeDecoder.decode(message(43, "2b 00 0005 01"))).kind());
  }

  @Test
  void bytesAfterTheLastPayloadAreBadLength() {
    assertEquals(
        Kind.BAD_LENGTH, failure(IkeDecoder.decode(message(43, "00 00 0005 01 ff"))).kind());
  }

  @Test
  void criticalUnknownPayloadIsRefusedWithItsType_rfc7296_2_5() {
    DecodeError e = failure(IkeDecoder.decode(message(43, "c8 00 0005 01  00 80 0006 abcd")));

    assertEquals(Kind.UNSUPPORTED_CRITICAL_PAYLOAD, e.kind());
    assertEquals(200, e.code());
    assertEquals(IkeHeader.LENGTH + 5, e.offset());
    assertEquals(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD, IkeDecoder.notifyTypeFor(e));
  }

  @Test
  void criticalUnknownPayloadInsideSkIsRefusedToo_rfc7296_2_5() {
    DecodeError e = inner(129, "00 80 0004");

    assertEquals(Kind.UNSUPPORTED_CRITICAL_PAYLOAD, e.kind());
    assertEquals(129, e.code());
  }

  @Test
  void nonCriticalUnknownPayloadIsKeptAndTheChainGoesOn_rfc7296_2_5() {
    IkeMessage m = IkeDecoder.decode(message(200, "2b 00 0006 abcd  00 00 0005 01")).orThrow();

    assertEquals(
        List.of(new UnknownPayload(200, false, hex("abcd")), new VendorIdPayload(hex("01"))),
        m.payloads());
  }

  @Test
  void criticalBitOfAKnownPayloadIsIgnored_rfc7296_2_5() {
    assertEquals(
        List.of(new VendorIdPayload(hex("01"))),
        IkeDecoder.decode(message(43, "00 ff 0005 01")).orThrow().payloads());
  }

  @Test
  void skMustBeTheLastPayload_rfc7296_3_14() {
    DecodeError e =
        failure(IkeDecoder.decode(message(46, "29 00 0008 01020304  00 00 0008 00 00 4000")));

    assertEquals(Kind.INVALID_SYNTAX, e.kind());
  }

  @Test
  void skfMustBeTheLastPayload_rfc7383_2_5() {
    DecodeError e =
        failure(
            IkeDecoder.decode(message(53, "29 00 000c 0001 0002 01020304  00 00 0008 00 00 4000")));

    assertEquals(Kind.INVALID_SYNTAX, e.kind());
  }

  @Test
  void skCannotBeNestedInsideSk_rfc7296_3_14() {
    assertEquals(Kind.INVALID_SYNTAX, inner(46, "00 00 0008 01020304").kind());
    assertEquals(Kind.INVALID_SYNTAX, inner(53, "00 00 000c 0001 0001 01020304").kind());
  }

  @Test
  void emptyPlaintextWithoutPayloadsDecodesToNothing() {
    assertEquals(List.of(), IkeDecoder.decodePayloads(0, new byte[0]).orThrow());
  }

  @Test
  void errorOffsetsCountFromTheStartOfTheDatagram() {
    // Vendor ID (5 bytes), then TSi with an IPv4 selector claiming 40 bytes.
    byte[] m =
        message(
            43,
            "2c 00 0005 01  00 00 001c 01 000000  07 00 0028 0000ffff c0000201 c00002ff ffffffff");

    DecodeError e = failure(IkeDecoder.decode(m));
    assertEquals(Kind.BAD_LENGTH, e.kind());
    assertEquals(IkeHeader.LENGTH + 5 + 4 + 4 + 4, e.offset());
  }

  // --- Per payload

  @Test
  void keShorterThanItsFixedFieldsIsTruncated_rfc7296_3_4() {
    assertEquals(Kind.TRUNCATED, inner(34, "00 00 0007 001f00").kind());
  }

  @Test
  void idIpv4AddressMustBeFourBytes_rfc7296_3_5() {
    assertEquals(Kind.INVALID_SYNTAX, inner(35, "00 00 000d 01 000000 c000020101").kind());
  }

  @Test
  void idIpv6AddressMustBeSixteenBytes_rfc7296_3_5() {
    assertEquals(Kind.INVALID_SYNTAX, inner(36, "00 00 000c 05 000000 20010db8").kind());
  }

  @Test
  void authShorterThanItsFixedFieldsIsTruncated_rfc7296_3_8() {
    assertEquals(Kind.TRUNCATED, inner(39, "00 00 0006 0200").kind());
  }

  @Test
  void certWithoutEncodingIsTruncated_rfc7296_3_6() {
    assertEquals(Kind.TRUNCATED, inner(37, "00 00 0004").kind());
  }

  @Test
  void nonceOf15BytesIsRefused_rfc7296_3_9() {
    assertEquals(Kind.BAD_LENGTH, inner(40, "00 00 0013" + hex(Fixtures.seq(0, 15))).kind());
  }

  @Test
  void nonceOf257BytesIsRefused_rfc7296_3_9() {
    assertEquals(Kind.BAD_LENGTH, inner(40, "00 00 0105" + hex(Fixtures.seq(0, 257))).kind());
  }

  @Test
  void nonceOf256BytesIsAccepted_rfc7296_3_9() {
    assertEquals(
        List.of(new NoncePayload(Fixtures.seq(0, 256))),
        IkeDecoder.decodePayloads(40, hex("00 00 0104" + hex(Fixtures.seq(0, 256)))).orThrow());
  }

  @Test
  void notifySpiSizeBeyondThePayloadIsBadLength_rfc7296_3_10() {
    assertEquals(Kind.BAD_LENGTH, inner(41, "00 00 000a 03 04 4009 aabb").kind());
  }

  @Test
  void deleteWithFewerSpiBytesThanCountedIsBadLength_rfc7296_3_11() {
    assertEquals(Kind.BAD_LENGTH, inner(42, "00 00 0010 03 04 0003 11111111 22222222").kind());
  }

  @Test
  void deleteCountingSpisOfSizeZeroIsInvalid_rfc7296_3_11() {
    assertEquals(Kind.INVALID_SYNTAX, inner(42, "00 00 0008 01 00 ffff").kind());
  }

  @Test
  void lastProposalMustBeMarkedLast_rfc7296_3_3_1() {
    assertEquals(
        Kind.INVALID_SYNTAX,
        inner(33, "00 00 0014 02 00 0010 01 01 00 01  00 00 0008 01 00 000c").kind());
  }

  @Test
  void proposalFollowedByAnotherMustBeMarkedMore_rfc7296_3_3_1() {
    String proposal = "00 00 0010 01 01 00 01  00 00 0008 01 00 000c";
    assertEquals(Kind.INVALID_SYNTAX, inner(33, "00 00 0024" + proposal + proposal).kind());
  }

  @Test
  void transformMarkersMustMatchTheirPosition_rfc7296_3_3_2() {
    assertEquals(
        Kind.INVALID_SYNTAX,
        inner(33, "00 00 001c 00 00 0018 01 01 00 02  00 00 0008 01 00 000c  00 00 0008 02 00 0005")
            .kind());
  }

  @Test
  void moreTransformsCountedThanPresentIsTruncated_rfc7296_3_3_1() {
    assertEquals(
        Kind.TRUNCATED,
        inner(33, "00 00 0014 00 00 0010 01 01 00 02  03 00 0008 01 00 000c").kind());
  }

  @Test
  void fewerTransformsCountedThanPresentIsBadLength_rfc7296_3_3() {
    assertEquals(
        Kind.BAD_LENGTH,
        inner(33, "00 00 001c 00 00 0018 01 01 00 01  00 00 0008 01 00 000c  00 00 0008 02 00 0005")
            .kind());
  }

  @Test
  void proposalShorterThanItsFixedFieldsIsBadLength_rfc7296_3_3_1() {
    assertEquals(Kind.BAD_LENGTH, inner(33, "00 00 000b 00 00 0007 01 01 00").kind());
  }

  @Test
  void proposalLongerThanThePayloadIsBadLength_rfc7296_3_3() {
    assertEquals(
        Kind.BAD_LENGTH,
        inner(33, "00 00 0014 00 00 0011 01 01 00 01  00 00 0008 01 00 000c").kind());
  }

  @Test
  void transformShorterThanItsFixedFieldsIsBadLength_rfc7296_3_3_2() {
    assertEquals(
        Kind.BAD_LENGTH,
        inner(33, "00 00 0013 00 00 000f 01 01 00 01  00 00 0007 01 00 0c").kind());
  }

  @Test
  void tlvAttributeLongerThanItsTransformIsBadLength_rfc7296_3_3_5() {
    assertEquals(
        Kind.BAD_LENGTH,
        inner(33, "00 00 0018 00 00 0014 01 01 00 01  00 00 000c 01 00 000c 012c 0009").kind());
  }

  @Test
  void ipv4SelectorMustBe16Bytes_rfc7296_3_13_1() {
    assertEquals(
        Kind.BAD_LENGTH,
        inner(44, "00 00 0018 01 000000  07 00 0014 0000ffff c0000201 c00002ff").kind());
  }

  @Test
  void ipv6SelectorMustBe40Bytes_rfc7296_3_13_1() {
    assertEquals(
        Kind.BAD_LENGTH,
        inner(45, "00 00 0018 01 000000  08 00 0010 0000ffff c0000201 c00002ff").kind());
  }

  @Test
  void moreSelectorsCountedThanPresentIsTruncated_rfc7296_3_13() {
    assertEquals(
        Kind.TRUNCATED,
        inner(44, "00 00 0018 02 000000  07 00 0010 0000ffff c0000201 c00002ff").kind());
  }

  @Test
  void fewerSelectorsCountedThanPresentIsBadLength_rfc7296_3_13() {
    assertEquals(
        Kind.BAD_LENGTH,
        inner(44, "00 00 001c 01 000000  07 00 0010 0000ffff c0000201 c00002ff  0a000004").kind());
  }

  @Test
  void selectorLengthBelowItsHeaderIsBadLength_rfc7296_3_13_1() {
    assertEquals(Kind.BAD_LENGTH, inner(44, "00 00 000c 01 000000  0a 00 0003").kind());
  }

  @Test
  void reservedOctetsOfTsPayloadAreIgnored_rfc7296_3_13() {
    assertEquals(
        IkeDecoder.decodePayloads(
                44, hex("00 00 0018 01 000000 07 00 0010 0000ffff c0000201 c00002ff"))
            .orThrow(),
        IkeDecoder.decodePayloads(
                44, hex("00 7f 0018 01 ffffff 07 00 0010 0000ffff c0000201 c00002ff"))
            .orThrow());
  }

  @Test
  void cpAttributeLongerThanThePayloadIsBadLength_rfc7296_3_15_1() {
    assertEquals(Kind.BAD_LENGTH, inner(47, "00 00 000e 01 000000 0003 0005 08080808").kind());
  }

  @Test
  void cpAttributeReservedBitIsIgnored_rfc7296_3_15_1() {
    assertEquals(
        List.of(new CpPayload(1, List.of(new ConfigAttribute(3, new byte[0])))),
        IkeDecoder.decodePayloads(47, hex("00 00 000c 01 000000 8003 0000")).orThrow());
  }

  @Test
  void eapLengthMustMatchThePayload_rfc7296_3_16() {
    assertEquals(Kind.INVALID_SYNTAX, inner(48, "00 00 0009 01 07 0006 01").kind());
  }

  @Test
  void eapSuccessMustNotCarryData_rfc3748_4_2() {
    assertEquals(Kind.INVALID_SYNTAX, inner(48, "00 00 0009 03 07 0005 00").kind());
  }

  @Test
  void eapRequestNeedsAType_rfc3748_4_1() {
    assertEquals(Kind.INVALID_SYNTAX, inner(48, "00 00 0008 01 07 0004").kind());
  }

  @Test
  void skfFragmentNumberZeroIsInvalid_rfc7383_2_5() {
    DecodeError e = failure(IkeDecoder.decode(message(53, "29 00 000c 0000 0002 01020304")));

    assertEquals(Kind.INVALID_SYNTAX, e.kind());
  }

  @Test
  void skfFragmentNumberAboveTotalIsInvalid_rfc7383_2_6_2() {
    DecodeError e = failure(IkeDecoder.decode(message(53, "29 00 000c 0003 0002 01020304")));

    assertEquals(Kind.INVALID_SYNTAX, e.kind());
  }

  @Test
  void syntaxErrorsAreAnsweredWithInvalidSyntax_rfc7296_3_10_1() {
    assertEquals(NotifyType.INVALID_SYNTAX, IkeDecoder.notifyTypeFor(inner(40, "00 00 0004")));
  }
}
