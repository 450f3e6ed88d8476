package net.iotgw.protocols.ike.engine;

import java.util.HexFormat;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.keys.IkeSaKeys;

/**
 * The IKE SA's SPIs and SK_e/SK_a keys both ways, for a debugging owner to log so that Wireshark or
 * tshark can decrypt the exchange. Only emitted when {@link EngineConfig#debugKeys()} is on; {@link
 * #toString()} stays redacted, the keys are only in {@link #wiresharkRecord()}.
 */
public record DebugKeys(long spiI, long spiR, PacketProtection protection, String skEi, String skEr,
    String skAi, String skAr) {

  static DebugKeys of(long spiI, long spiR, IkeSaKeys keys) {
    HexFormat hex = HexFormat.of();
    return new DebugKeys(
        spiI,
        spiR,
        keys.suite().protection(),
        hex.formatHex(keys.skEi()),
        hex.formatHex(keys.skEr()),
        hex.formatHex(keys.skAi()),
        hex.formatHex(keys.skAr()));
  }

  /**
   * One line of Wireshark's {@code ikev2_decryption_table} (SPIi, SPIr, SK_ei, SK_er, encryption
   * algorithm, SK_ai, SK_ar, integrity algorithm; names as packet-isakmp.c spells them, quoted),
   * or empty for a suite Wireshark 4.0 cannot decrypt (ChaCha20-Poly1305).
   */
  public Optional<String> wiresharkRecord() {
    return encryptionName()
        .map(
            encryption ->
                String.join(
                    ",",
                    HexFormat.of().toHexDigits(spiI),
                    HexFormat.of().toHexDigits(spiR),
                    skEi,
                    skEr,
                    '"' + encryption + '"',
                    skAi,
                    skAr,
                    '"' + integrityName() + '"'));
  }

  private Optional<String> encryptionName() {
    int bits = protection.keyBits();
    EncryptionAlgorithm e = protection.encryption();
    return switch (e) {
      case ENCR_AES_CBC -> Optional.of("AES-CBC-" + bits + " [RFC3602]");
      case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16 ->
          Optional.of("AES-GCM-" + bits + " with " + protection.icvLength() + " octet ICV [RFC5282]");
      case ENCR_AES_CCM_8, ENCR_AES_CCM_12, ENCR_AES_CCM_16 ->
          Optional.of("AES-CCM-" + bits + " with " + protection.icvLength() + " octet ICV [RFC5282]");
      case ENCR_CHACHA20_POLY1305, ENCR_NULL -> Optional.empty();
    };
  }

  private String integrityName() {
    return switch (protection.integrity()) {
      case NONE -> "NONE [RFC4306]";
      case AUTH_HMAC_SHA1_96 -> "HMAC_SHA1_96 [RFC2404]";
      case AUTH_HMAC_SHA2_256_128 -> "HMAC_SHA2_256_128 [RFC4868]";
      case AUTH_HMAC_SHA2_384_192 -> "HMAC_SHA2_384_192 [RFC4868]";
      case AUTH_HMAC_SHA2_512_256 -> "HMAC_SHA2_512_256 [RFC4868]";
    };
  }

  @Override
  public String toString() {
    return "DebugKeys[" + Long.toHexString(spiI) + "/" + Long.toHexString(spiR) + ", "
        + protection + ", keys redacted]";
  }
}
