package net.iotgw.load.ike;

import java.util.List;
import net.iotgw.gateway.ike.IkeProfiles;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.engine.Profile;

/**
 * The suites the generator offers, one proposal each so that every target agrees to the same
 * thing: the three the strongSwan interop tests use, with strongSwan's names for a charon
 * responder's {@code proposals} and {@code esp_proposals}.
 */
public enum LoadSuite {
  GCM_X25519("gcm-x25519", PacketProtection.AES_GCM_16_128, DhGroup.CURVE25519,
      "aes128gcm16-prfsha256-x25519", "aes128gcm16"),
  CBC_ECP256("cbc-ecp256", IkeProfiles.AES_CBC_256_SHA256, DhGroup.ECP_256,
      "aes256-sha256-prfsha256-ecp256", "aes256-sha256"),
  CHACHA_X25519("chacha-x25519", PacketProtection.CHACHA20_POLY1305, DhGroup.CURVE25519,
      "chacha20poly1305-prfsha256-x25519", "chacha20poly1305");

  private final String label;
  private final PacketProtection protection;
  private final DhGroup group;
  private final String charonIke;
  private final String charonEsp;

  LoadSuite(String label, PacketProtection protection, DhGroup group, String charonIke,
      String charonEsp) {
    this.label = label;
    this.protection = protection;
    this.group = group;
    this.charonIke = charonIke;
    this.charonEsp = charonEsp;
  }

  /** The command line's name. */
  public String label() {
    return label;
  }

  public List<Profile.IkeProposal> ikeProposals() {
    return List.of(new Profile.IkeProposal(protection, PrfAlgorithm.PRF_HMAC_SHA2_256));
  }

  public List<DhGroup> groups() {
    return List.of(group);
  }

  /** The CHILD_SA's transform: the IKE SA's protection. */
  public List<PacketProtection> espProposals() {
    return List.of(protection);
  }

  /** strongSwan's {@code proposals} for this suite. */
  public String charonIke() {
    return charonIke;
  }

  /** strongSwan's {@code esp_proposals} for this suite. */
  public String charonEsp() {
    return charonEsp;
  }

  /** By its command-line name. */
  public static LoadSuite parse(String label) {
    for (LoadSuite s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("suite " + label + ": one of gcm-x25519, cbc-ecp256, "
        + "chacha-x25519");
  }
}
