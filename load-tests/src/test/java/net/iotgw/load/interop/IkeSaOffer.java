package net.iotgw.load.interop;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.TransformType;
import net.iotgw.protocols.ike.codec.Proposal;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.codec.Transform;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.Suite;

/**
 * The IKE SA proposals of {@link OurIkeConversation}, each with the names Wireshark's IKEv2
 * decryption table gives its algorithms (packet-isakmp.c, 4.0).
 */
enum IkeSaOffer {
  GCM_X25519(
      Suite.of(
          EncryptionAlgorithm.ENCR_AES_GCM_16,
          128,
          IntegrityAlgorithm.NONE,
          PrfAlgorithm.PRF_HMAC_SHA2_256,
          DhGroup.CURVE25519),
      "AES-GCM-128 with 16 octet ICV [RFC5282]",
      "NONE [RFC4306]"),
  CBC_ECP256(
      Suite.of(
          EncryptionAlgorithm.ENCR_AES_CBC,
          256,
          IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128,
          PrfAlgorithm.PRF_HMAC_SHA2_256,
          DhGroup.ECP_256),
      "AES-CBC-256 [RFC3602]",
      "HMAC_SHA2_256_128 [RFC4868]");

  private final Suite suite;
  private final String wiresharkEncryption;
  private final String wiresharkIntegrity;

  IkeSaOffer(Suite suite, String wiresharkEncryption, String wiresharkIntegrity) {
    this.suite = suite;
    this.wiresharkEncryption = wiresharkEncryption;
    this.wiresharkIntegrity = wiresharkIntegrity;
  }

  Suite suite() {
    return suite;
  }

  /** ENCR (with Key Length), PRF, INTEG unless AEAD, DH: the order strongSwan sends. */
  Proposal proposal(int number) {
    List<Transform> transforms = new ArrayList<>();
    transforms.add(
        Transform.withKeyLength(
            TransformType.ENCR,
            suite.protection().encryption().id(),
            suite.protection().keyBits()));
    transforms.add(new Transform(TransformType.PRF, suite.prf().id()));
    if (suite.protection().integrity() != IntegrityAlgorithm.NONE) {
      transforms.add(new Transform(TransformType.INTEG, suite.protection().integrity().id()));
    }
    transforms.add(new Transform(TransformType.DH, suite.dhGroup().id()));
    return new Proposal(number, ProtocolId.IKE.id(), new byte[0], transforms);
  }

  /**
   * This SA's record in Wireshark's {@code ikev2_decryption_table}: SPIi, SPIr, SK_ei, SK_er,
   * encryption algorithm, SK_ai, SK_ar, integrity algorithm (hex without separators, names
   * quoted, as strongSwan's save-keys plugin writes them).
   */
  String decryptionRecord(long spiI, long spiR, IkeSaKeys keys) {
    HexFormat hex = HexFormat.of();
    return String.join(
        ",",
        hex.toHexDigits(spiI),
        hex.toHexDigits(spiR),
        hex.formatHex(keys.skEi()),
        hex.formatHex(keys.skEr()),
        '"' + wiresharkEncryption + '"',
        hex.formatHex(keys.skAi()),
        hex.formatHex(keys.skAr()),
        '"' + wiresharkIntegrity + '"');
  }
}
