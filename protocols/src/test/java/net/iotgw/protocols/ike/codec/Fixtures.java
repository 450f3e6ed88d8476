package net.iotgw.protocols.ike.codec;

import java.util.HexFormat;
import java.util.List;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.TransformType;

/** Messages and byte patterns shared by the codec tests. */
final class Fixtures {
  private Fixtures() {}

  static final long SPI_I = 0x0123456789abcdefL;
  static final long SPI_R = 0xfedcba9876543210L;

  /** Hex with whitespace allowed. */
  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** n bytes counting up from {@code first}: recognizable in a hex dump. */
  static byte[] seq(int first, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  /**
   * The IKE_SA_INIT request strongSwan 5.9 sends for aes128gcm16-prfsha256-x25519 (232 bytes: SA KE
   * Ni N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG) N(REDIR_SUP)), written field by field from
   * RFC 7296 §3.1-§3.10, with recognizable values in place of random ones.
   */
  static final String SA_INIT_HEX =
      // IKE header: SPIi, SPIr, next=SA(33), 2.0, IKE_SA_INIT(34), I flag, message ID 0, length 232
      "0123456789abcdef 0000000000000000 21 20 22 08 00000000 000000e8"
          // SA: next=KE, length 40; proposal #1 IKE, no SPI, 3 transforms, length 36
          + "22 00 0028  00 00 0024 01 01 00 03"
          // ENCR AES_GCM_16 (20) with Key Length (TV, type 14) 128
          + "03 00 000c 01 00 0014 800e 0080"
          // PRF_HMAC_SHA2_256 (5)
          + "03 00 0008 02 00 0005"
          // DH Curve25519 (31), last transform
          + "00 00 0008 04 00 001f"
          // KE: next=Nonce, length 40, group 31, reserved, 32 bytes
          + "28 00 0028 001f 0000"
          + "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
          // Nonce: next=N, length 36, 32 bytes
          + "29 00 0024"
          + "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
          // N(NAT_DETECTION_SOURCE_IP 16388): no protocol, no SPI, 20-byte hash
          + "29 00 001c 00 00 4004 101112131415161718191a1b1c1d1e1f20212223"
          // N(NAT_DETECTION_DESTINATION_IP 16389)
          + "29 00 001c 00 00 4005 303132333435363738393a3b3c3d3e3f40414243"
          // N(IKEV2_FRAGMENTATION_SUPPORTED 16430)
          + "29 00 0008 00 00 402e"
          // N(SIGNATURE_HASH_ALGORITHMS 16431): SHA2_256 SHA2_384 SHA2_512 IDENTITY
          + "29 00 0010 00 00 402f 0002 0003 0004 0005"
          // N(REDIRECT_SUPPORTED 16406), last payload
          + "00 00 0008 00 00 4016";

  static List<Payload> saInitPayloads() {
    return List.of(
        new SaPayload(
            List.of(
                new Proposal(
                    1,
                    ProtocolId.IKE.id(),
                    new byte[0],
                    List.of(
                        Transform.withKeyLength(
                            TransformType.ENCR, EncryptionAlgorithm.ENCR_AES_GCM_16.id(), 128),
                        new Transform(TransformType.PRF, PrfAlgorithm.PRF_HMAC_SHA2_256.id()),
                        new Transform(TransformType.DH, DhGroup.CURVE25519.id()))))),
        new KePayload(DhGroup.CURVE25519.id(), seq(0xa0, 32)),
        new NoncePayload(seq(0xc0, 32)),
        NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, seq(0x10, 20)),
        NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, seq(0x30, 20)),
        NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED),
        NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, hex("0002000300040005")),
        NotifyPayload.of(NotifyType.REDIRECT_SUPPORTED));
  }

  static IkeHeader saInitHeader() {
    return IkeHeader.of(SPI_I, 0, ExchangeType.IKE_SA_INIT, true, false, 0);
  }

  static IkeMessage saInitRequest() {
    return new IkeMessage(saInitHeader(), saInitPayloads());
  }

  /** Inner payloads of an IKE_AUTH request, as they would be before encryption. */
  static List<Payload> authInner() {
    return List.of(
        new IdPayload(Role.INITIATOR, IdType.ID_FQDN.id(), "ud@example.org".getBytes()),
        NotifyPayload.of(NotifyType.INITIAL_CONTACT),
        new IdPayload(Role.RESPONDER, IdType.ID_FQDN.id(), "cd1@example.org".getBytes()),
        new AuthPayload(AuthMethod.SHARED_KEY_MIC.id(), seq(0x40, 32)),
        new SaPayload(
            List.of(
                new Proposal(
                    1,
                    ProtocolId.ESP.id(),
                    hex("c1c2c3c4"),
                    List.of(
                        Transform.withKeyLength(
                            TransformType.ENCR, EncryptionAlgorithm.ENCR_AES_GCM_16.id(), 128),
                        new Transform(TransformType.ESN, 0))))),
        new TsPayload(
            Role.INITIATOR, List.of(TrafficSelector.AddressRange.of(seq(0x20, 16), seq(0x20, 16)))),
        new TsPayload(
            Role.RESPONDER, List.of(TrafficSelector.AddressRange.of(seq(0x30, 16), seq(0x30, 16)))),
        NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED),
        NotifyPayload.of(NotifyType.NO_ADDITIONAL_ADDRESSES),
        NotifyPayload.of(NotifyType.MULTIPLE_AUTH_SUPPORTED),
        NotifyPayload.of(NotifyType.EAP_ONLY_AUTHENTICATION),
        NotifyPayload.of(NotifyType.IKEV2_MESSAGE_ID_SYNC_SUPPORTED));
  }

  /** An IKE_AUTH request whose SK body stands in for the encrypted {@link #authInner()}. */
  static IkeMessage authRequest() {
    return new IkeMessage(
        IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_AUTH, true, false, 1),
        List.of(new EncryptedPayload(PayloadType.IDI.id(), seq(0x00, 120))));
  }

  /** Every payload record at least once, multi-proposal SA with TV and TLV attributes included. */
  static List<Payload> everyPayload() {
    return List.of(
        new SaPayload(
            List.of(
                new Proposal(
                    1,
                    ProtocolId.ESP.id(),
                    hex("01020304"),
                    List.of(
                        Transform.withKeyLength(
                            TransformType.ENCR, EncryptionAlgorithm.ENCR_AES_CBC.id(), 256),
                        new Transform(
                            TransformType.INTEG.id(),
                            12,
                            List.of(new TransformAttribute.Tlv(300, hex("cafe")))),
                        new Transform(TransformType.ESN, 1))),
                new Proposal(
                    2,
                    ProtocolId.ESP.id(),
                    hex("01020304"),
                    List.of(new Transform(TransformType.ENCR, 28))))),
        new KePayload(19, seq(0x01, 64)),
        new IdPayload(Role.INITIATOR, IdType.ID_IPV4_ADDR.id(), hex("c0000201")),
        new IdPayload(Role.RESPONDER, IdType.ID_IPV6_ADDR.id(), seq(0x20, 16)),
        new CertPayload(CertEncoding.X509_SIGNATURE.id(), seq(0x30, 40)),
        new CertReqPayload(CertEncoding.X509_SIGNATURE.id(), seq(0x50, 40)),
        new AuthPayload(AuthMethod.DIGITAL_SIGNATURE.id(), seq(0x60, 48)),
        new NoncePayload(seq(0x70, 16)),
        new NotifyPayload(
            ProtocolId.ESP.id(), hex("aabbccdd"), NotifyType.REKEY_SA.id(), new byte[0]),
        new DeletePayload(
            ProtocolId.ESP.id(), 4, List.of(hex("11111111"), hex("22222222"), hex("33333333"))),
        new VendorIdPayload(seq(0x80, 16)),
        new TsPayload(
            Role.INITIATOR,
            List.of(
                new TrafficSelector.AddressRange(17, 500, 500, hex("c0000201"), hex("c00002ff")),
                TrafficSelector.AddressRange.of(seq(0x20, 16), seq(0x20, 16)))),
        new TsPayload(
            Role.RESPONDER,
            List.of(new TrafficSelector.Other(10, 0, "system_u:object_r".getBytes()))),
        new CpPayload(
            ConfigType.CFG_REQUEST.id(),
            List.of(
                new ConfigAttribute(ConfigAttributeType.INTERNAL_IP6_ADDRESS, new byte[0]),
                new ConfigAttribute(ConfigAttributeType.INTERNAL_IP6_DNS, seq(0x90, 16)))),
        new EapPayload(hex("020100090161626364")),
        new UnknownPayload(200, false, seq(0xa0, 5)));
  }
}
