package net.iotgw.protocols.ike.codec;

import static net.iotgw.protocols.ike.codec.Fixtures.hex;
import static net.iotgw.protocols.ike.codec.Fixtures.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.iotgw.protocols.ike.TransformType;
import org.junit.jupiter.api.Test;

/**
 * Each payload's bytes pinned as RFC 7296 §3 lays them out: the generic header the encoder
 * computes, then the body; and the same bytes decoded back to the record.
 */
class PayloadLayoutTest {

  /** Encodes {@code p} alone as a chain and checks both directions against {@code hex}. */
  private static void assertLayout(Payload p, String expected) {
    byte[] bytes = IkeEncoder.encodePayloads(List.of(p));
    assertEquals(hex(hex(expected)), hex(bytes));
    assertEquals(List.of(p), IkeDecoder.decodePayloads(p.type(), bytes).orThrow());
  }

  @Test
  void keyExchange_rfc7296_3_4() {
    assertLayout(new KePayload(31, hex("0102")), "00 00 000a  001f 0000 0102");
  }

  @Test
  void identificationInitiator_rfc7296_3_5() {
    assertLayout(
        new IdPayload(Role.INITIATOR, IdType.ID_FQDN.id(), "gw".getBytes()),
        "00 00 000a  02 000000 6777");
  }

  @Test
  void identificationBodyIsRestOfIdPayloadForAuth_rfc7296_2_15() {
    IdPayload id = new IdPayload(Role.RESPONDER, IdType.ID_IPV4_ADDR.id(), hex("c0000201"));

    assertEquals("01000000c0000201", hex(id.encodeBody()));
    assertEquals(PayloadType.IDR.id(), id.type());
  }

  @Test
  void certificate_rfc7296_3_6() {
    assertLayout(new CertPayload(4, hex("3082")), "00 00 0007  04 3082");
  }

  @Test
  void certificateRequest_rfc7296_3_7() {
    assertLayout(new CertReqPayload(4, seq(1, 20)), "00 00 0019  04" + hex(seq(1, 20)));
  }

  @Test
  void authentication_rfc7296_3_8() {
    assertLayout(new AuthPayload(2, hex("abcdef")), "00 00 000b  02 000000 abcdef");
  }

  @Test
  void nonce_rfc7296_3_9() {
    assertLayout(new NoncePayload(seq(0, 16)), "00 00 0014" + hex(seq(0, 16)));
  }

  @Test
  void notifyWithChildSaSpi_rfc7296_3_10() {
    assertLayout(
        new NotifyPayload(
            ProtocolId.ESP.id(), hex("aabbccdd"), NotifyType.REKEY_SA.id(), new byte[0]),
        "00 00 000c  03 04 4009 aabbccdd");
  }

  @Test
  void notifyWithSpiAndData_rfc7296_3_10() {
    assertLayout(
        new NotifyPayload(
            ProtocolId.ESP.id(), hex("01020304"), NotifyType.INVALID_SELECTORS.id(), hex("4500")),
        "00 00 000e  03 04 0027 01020304 4500");
  }

  @Test
  void notifyOfUnknownTypeKeepsItsNumber_rfc7296_3_10_1() {
    NotifyPayload n = new NotifyPayload(0, new byte[0], 40000, hex("ff"));

    assertLayout(n, "00 00 0009  00 00 9c40 ff");
    assertEquals(java.util.Optional.empty(), n.knownType());
  }

  @Test
  void deleteOfSeveralChildSas_rfc7296_3_11() {
    assertLayout(
        new DeletePayload(3, 4, List.of(hex("11111111"), hex("22222222"), hex("33333333"))),
        "00 00 0014  03 04 0003 11111111 22222222 33333333");
  }

  @Test
  void deleteOfTheIkeSaNamesNoSpi_rfc7296_3_11() {
    assertLayout(DeletePayload.ikeSa(), "00 00 0008  01 00 0000");
  }

  @Test
  void vendorId_rfc7296_3_12() {
    assertLayout(new VendorIdPayload(hex("882fe56d6fd20dbc")), "00 00 000c  882fe56d6fd20dbc");
  }

  @Test
  void ipv4TrafficSelectorIs16Bytes_rfc7296_3_13_1() {
    assertLayout(
        new TsPayload(
            Role.INITIATOR,
            List.of(
                new TrafficSelector.AddressRange(17, 500, 4500, hex("c0000201"), hex("c00002ff")))),
        "00 00 0018  01 000000  07 11 0010 01f4 1194 c0000201 c00002ff");
  }

  @Test
  void ipv6TrafficSelectorIs40Bytes_rfc7296_3_13_1() {
    byte[] a = hex("20010db8000100000000000000000001");
    assertLayout(
        new TsPayload(Role.RESPONDER, List.of(TrafficSelector.AddressRange.of(a, a))),
        "00 00 0030  01 000000  08 00 0028 0000 ffff" + hex(a) + hex(a));
  }

  @Test
  void trafficSelectorOfOtherTypeIsKeptWhole_rfc7296_3_13_1() {
    assertLayout(
        new TsPayload(Role.INITIATOR, List.of(new TrafficSelector.Other(10, 0, hex("deadbeef")))),
        "00 00 0010  01 000000  0a 00 0008 deadbeef");
  }

  @Test
  void configurationRequest_rfc7296_3_15() {
    assertLayout(
        new CpPayload(
            ConfigType.CFG_REQUEST.id(),
            List.of(
                new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS, new byte[0]),
                new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_DNS, hex("08080808")))),
        "00 00 0014  01 000000  0001 0000  0003 0004 08080808");
  }

  @Test
  void eap_rfc7296_3_16() {
    assertLayout(new EapPayload(hex("01 07 0005 01")), "00 00 0009  01070005 01");
  }

  @Test
  void eapSuccessIsFourBytes_rfc3748_4_2() {
    assertLayout(new EapPayload(hex("03 07 0004")), "00 00 0008  03070004");
  }

  @Test
  void securityAssociationWithTwoProposalsAndTlvAttribute_rfc7296_3_3() {
    SaPayload sa =
        new SaPayload(
            List.of(
                new Proposal(
                    1,
                    ProtocolId.ESP.id(),
                    hex("01020304"),
                    List.of(
                        Transform.withKeyLength(TransformType.ENCR, 12, 256),
                        new Transform(
                            3, 12, List.of(new TransformAttribute.Tlv(300, hex("cafe")))))),
                new Proposal(
                    2,
                    ProtocolId.ESP.id(),
                    hex("01020304"),
                    List.of(new Transform(TransformType.ENCR, 28)))));
    assertLayout(
        sa,
        "00 00 003e"
            // proposal 1: more follow (2), length 38 = 8 + SPI 4 + 12 + 14, ESP, SPI size 4, 2
            // transforms
            + "02 00 0026 01 03 04 02 01020304"
            + "03 00 000c 01 00 000c 800e 0100"
            // TLV attribute: AF clear, type 300, length 2
            + "00 00 000e 03 00 000c 012c 0002 cafe"
            // proposal 2: last (0)
            + "00 00 0014 02 03 04 01 01020304"
            + "00 00 0008 01 00 001c");
  }

  @Test
  void unknownNonCriticalPayloadIsKeptVerbatim_rfc7296_2_5() {
    assertLayout(new UnknownPayload(200, false, hex("0102")), "00 00 0006 0102");
  }

  @Test
  void unknownCriticalPayloadIsSentWithTheCriticalBit_rfc7296_2_5() {
    byte[] bytes = IkeEncoder.encodePayloads(List.of(new UnknownPayload(200, true, hex("0102"))));

    assertEquals("0080000601 02".replace(" ", ""), hex(bytes));
  }

  @Test
  void chainLinksEachPayloadToTheNext_rfc7296_3_2() {
    byte[] bytes =
        IkeEncoder.encodePayloads(
            List.of(NotifyPayload.of(NotifyType.INITIAL_CONTACT), new VendorIdPayload(hex("01"))));

    assertEquals(hex(hex("2b 00 0008 00 00 4000  00 00 0005 01")), hex(bytes));
    assertEquals(
        PayloadType.NOTIFY.id(),
        IkeEncoder.firstPayloadType(List.of(NotifyPayload.of(NotifyType.INITIAL_CONTACT))));
    assertEquals(0, IkeEncoder.firstPayloadType(List.of()));
  }
}
